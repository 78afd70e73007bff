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

  const { store } = req.deps;
  for (let attempt = 0; attempt < 5; attempt++) {
    const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
    if (!snapshot.roll) return say(NOT_OPEN);
    const current = snapshot.attendance.find((a) => a.memberId === member.id);
    const now = req.now.toISOString();
    let next: Attendance;
    if (input.status === "left") {
      if (!current || !isPresent(current, { ...board.partnership.quorum, deputiesCount: true })) {
        return say(`${member.name} isn't recorded as present, so they can't be marked as having left.`);
      }
      next = { ...current, leftAt: now, recordedBy: actor.id, recordedAt: now };
    } else {
      const status = input.status as Attendance["status"];
      const staysPresent = current && !current.leftAt && current.status === status && (status === "present" || status === "present-substitute");
      next = {
        meetingId: input.meetingId,
        memberId: member.id,
        status,
        substituteName: substitute ? input.substituteName : undefined,
        arrivedAt: status === "present" || status === "present-substitute" ? (staysPresent ? current.arrivedAt : now) : undefined,
        recordedBy: actor.id,
        recordedAt: now,
      };
    }
    const written = await store.rollCalls.writeAttendance({ ...next, partnershipId: board.partnership.id }, current?.etag);
    if (!written) continue;
    await audit(req, board.partnership.id, "attendance.marked", `${input.meetingId}/${member.id}`, current && strip(current), strip(next));
    const seq = nextSeq();
    return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
  }
  throw new Error("Attendance kept changing while it was being recorded");
}

/** Invitees and observers: recorded as in attendance, never counted. */
export async function addGuest(req: Request, input: z.infer<typeof guestInput>): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  const guestId = "g" + createHash("sha256").update(input.guestName.toLowerCase()).digest("hex").slice(0, 20);
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
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  if (snapshot.roll.state !== state) {
    const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
    const roll: RollCall =
      state === "closed"
        ? { ...snapshot.roll, state, closedAt: req.now.toISOString(), closingQuorum: JSON.stringify(quorumSnapshot(board, snapshot, status)) }
        : { ...snapshot.roll, state, closedAt: undefined };
    await store.rollCalls.saveRoll(roll);
    await store.meetings.mutate(board.partnership.id, input.meetingId, (m) =>
      m ? { ...m, state: state === "closed" ? "in-progress" : "roll-call-open" } : undefined,
    );
    await audit(req, board.partnership.id, state === "closed" ? "roll.closed" : "roll.reopened", input.meetingId, undefined, state === "closed" ? { quorate: status.quorate, count: status.count } : undefined);
    if (state === "closed" && !status.quorate && snapshot.roll.activityId) {
      const target = targetOf(req, snapshot.roll);
      const thread = snapshot.roll.threaded ? threadOf(target, snapshot.roll.activityId) : target;
      req.deps.background.run("signoff.offer", () => offerCirculation(req, board, input.meetingId, thread));
    }
  }
  const seq = nextSeq();
  return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
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
