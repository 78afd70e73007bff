// The chair's controls: record anyone's attendance, add guests, close and reopen, and the card's refresh.
import { createHash } from "node:crypto";
import { z } from "zod";
import { Attendance, RollCall } from "../../domain/types";
import { RollCallSnapshot } from "../../../storage/rollCallTable";
import { audit } from "../../audit";
import { CachedBoard } from "../../boardCache";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { evaluateQuorum, isPresent, QuorumStatus } from "../../rules/quorum";
import { threadOf } from "../../teams/proactive";
import { offerCirculation } from "../signOffs/circulate";
import { nextSeq } from "../../snapshotSeq";
import { NOT_OPEN, SUBSTITUTE_NEEDED, guestInput, markInput, rollRef } from "./inputs";
import { cachedBoard, chairBoard, isCached } from "./access";
import { strip, targetOf } from "./records";
import { afterChange } from "./afterChange";
import { buildCard } from "./card";

export async function markAttendance(req: Request, input: z.infer<typeof markInput>): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const member = board.roster.find((m) => m.id === input.memberId && m.status === "active");
  if (!member) return say("That member is not on the roster, so nothing was recorded.");
  const substitute = input.status.endsWith("substitute");
  if (substitute && !input.substituteName) return say(SUBSTITUTE_NEEDED);
  const now = req.now.toISOString();
  let refusal: string | undefined;
  const written = await writeRecord(req, board, input.meetingId, member.id, "attendance.marked", (current) => {
    if (input.status === "left") {
      if (!current || !isPresent(current, { ...board.partnership.quorum, deputiesCount: true })) {
        refusal = `${member.name} isn't recorded as present, so they can't be marked as having left.`;
        return undefined;
      }
      return { ...current, leftAt: now, recordedBy: actor.id, recordedAt: now };
    }
    const status = input.status as Attendance["status"];
    const staysPresent = current && !current.leftAt && current.status === status && (status === "present" || status === "present-substitute");
    return {
      meetingId: input.meetingId,
      memberId: member.id,
      status,
      substituteName: substitute ? input.substituteName : undefined,
      arrivedAt: status === "present" || status === "present-substitute" ? (staysPresent ? current.arrivedAt : now) : undefined,
      recordedBy: actor.id,
      recordedAt: now,
    };
  });
  if (written === "no-roll") return say(NOT_OPEN);
  if (refusal) return say(refusal);
  return afterChange(req, board, written.snapshot, written.seq, actor);
}

/**
 * Changes one person's record as `next` decides from the current one (undefined: leave it), under
 * ETags, audited; the shared card and quorum follow through afterChange or updateSharedRollCard. The
 * chair's marks, guests and Teams' joins and leaves all write through here.
 */
export async function writeRecord(
  req: Request,
  board: CachedBoard,
  meetingId: string,
  recordId: string,
  action: string,
  next: (current: (Attendance & { etag: string }) | undefined) => Attendance | undefined,
): Promise<{ snapshot: RollCallSnapshot; seq: number; changed: boolean } | "no-roll"> {
  const { store } = req.deps;
  for (let attempt = 0; attempt < 5; attempt++) {
    const snapshot = await store.rollCalls.read(board.partnership.id, meetingId);
    if (!snapshot.roll) return "no-roll";
    const current = snapshot.attendance.find((a) => a.memberId === recordId);
    const record = next(current);
    if (!record) return { snapshot, seq: nextSeq(), changed: false };
    const written = await store.rollCalls.writeAttendance({ ...record, partnershipId: board.partnership.id }, current?.etag);
    if (!written) continue;
    await audit(req, board.partnership.id, action, `${meetingId}/${recordId}`, current && strip(current), strip(record));
    const seq = nextSeq();
    return { snapshot: await store.rollCalls.read(board.partnership.id, meetingId), seq, changed: true };
  }
  throw new Error("Attendance kept changing while it was being recorded");
}

/** A guest's record key: one per name, so adding the same guest twice records them once. */
export const guestIdOf = (name: string) => "g" + createHash("sha256").update(name.toLowerCase()).digest("hex").slice(0, 20);

/** Invitees and observers: recorded as in attendance, never counted. */
export async function addGuest(req: Request, input: z.infer<typeof guestInput>): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  const guestId = guestIdOf(input.guestName);
  const record = {
    partnershipId: board.partnership.id,
    meetingId: input.meetingId,
    memberId: guestId,
    status: "in-attendance" as const,
    guestName: input.guestName,
    guestOrganisation: input.guestOrganisation || undefined,
    arrivedAt: req.now.toISOString(),
    recordedBy: actor.id,
    recordedAt: req.now.toISOString(),
  };
  if (await store.rollCalls.writeAttendance(record)) {
    await audit(req, board.partnership.id, "attendance.guest_added", `${input.meetingId}/${guestId}`, undefined, strip(record));
  }
  const seq = nextSeq();
  return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
}

/** Closing keeps recording late arrivals and departures; it marks the moment for the minutes. */
export async function setRollState(req: Request, input: z.infer<typeof rollRef>, state: "open" | "closed"): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const changed = await changeRollState(req, board, input.meetingId, state);
  if (!changed) return say(NOT_OPEN);
  return afterChange(req, board, changed.snapshot, changed.seq, actor);
}

/**
 * Closes or reopens the roll: closing stores the quorum and who was present for the minutes, and
 * offers circulation if inquorate. Shared by the card, the typed command and the Teams meeting's end.
 */
export async function changeRollState(req: Request, board: CachedBoard, meetingId: string, state: "open" | "closed"): Promise<{ snapshot: RollCallSnapshot; seq: number } | undefined> {
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, meetingId);
  if (!snapshot.roll) return undefined;
  if (snapshot.roll.state !== state) {
    const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
    const roll: RollCall =
      state === "closed"
        ? { ...snapshot.roll, state, closedAt: req.now.toISOString(), closingQuorum: JSON.stringify(quorumSnapshot(board, snapshot, status)) }
        : { ...snapshot.roll, state, closedAt: undefined };
    await store.rollCalls.saveRoll(roll);
    await store.meetings.mutate(board.partnership.id, meetingId, (m) =>
      m ? { ...m, state: state === "closed" ? "in-progress" : "roll-call-open" } : undefined,
    );
    await audit(req, board.partnership.id, state === "closed" ? "roll.closed" : "roll.reopened", meetingId, undefined, state === "closed" ? { quorate: status.quorate, count: status.count } : undefined);
    if (state === "closed" && !status.quorate && snapshot.roll.activityId) {
      const target = targetOf(req, snapshot.roll);
      const thread = snapshot.roll.threaded ? threadOf(target, snapshot.roll.activityId) : target;
      req.deps.background.run("signoff.offer", () => offerCirculation(req, board, meetingId, thread));
    }
  }
  const seq = nextSeq();
  return { snapshot: await store.rollCalls.read(board.partnership.id, meetingId), seq };
}

/** Teams asks for the viewer's own card when it is shown (refresh) . */
export async function refreshRollCall(req: Request, input: z.infer<typeof rollRef>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (!isCached(board)) return board;
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  const viewer = board.roster.find((m) => m.aadObjectId === req.userKey && m.status === "active");
  return { card: buildCard(board, snapshot, evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum), viewer) };
}

function quorumSnapshot(board: CachedBoard, snapshot: RollCallSnapshot, status: QuorumStatus) {
  const present = snapshot.attendance.filter((a) => isPresent(a, { ...board.partnership.quorum, deputiesCount: true }));
  return { quorate: status.quorate, headline: status.headline, missing: status.missing, present: present.map((a) => a.memberId) };
}
