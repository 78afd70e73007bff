// A member checks themselves in from the roll-call card.
import { z } from "zod";
import { audit } from "../../audit";
import { cachedActor } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { isPresent } from "../../rules/quorum";
import { nextSeq } from "../../snapshotSeq";
import { NOT_ON_ROSTER, NOT_OPEN, rollRef } from "./inputs";
import { cachedBoard, isCached } from "./access";
import { strip } from "./records";
import { afterChange } from "./afterChange";
import { CachedBoard } from "../../boardCache";
import { MemberRecord } from "../../../storage/store";
import { RollCallSnapshot } from "../../../storage/rollCallTable";
import { joinDecision } from "../../rules/onlineAttendance";

/**
 * "I'm here". The hot path: roster from the cache, one batch write (which also proves the roll is
 * open), one partition read for the cards. A member with apologies who turns up becomes present.
 */
export async function checkIn(req: Request, input: z.infer<typeof rollRef>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (!isCached(board)) return board;
  const actor = await cachedActor(req, board);
  if (!actor) return say(NOT_ON_ROSTER);
  const arrived = await arrive(req, board, input.meetingId, actor, { at: req.now.toISOString() });
  if (arrived === "no-roll") return say(NOT_OPEN);
  return afterChange(req, board, arrived.snapshot, arrived.seq, actor);
}

/**
 * One member arriving, as "I'm here" records it; also a Teams join (`online`), which is ordered by the
 * time it happened and so never overwrites a record changed after that (rules/onlineAttendance.ts).
 */
export async function arrive(
  req: Request,
  board: CachedBoard,
  meetingId: string,
  member: MemberRecord,
  opts: { at: string; online?: boolean },
): Promise<{ snapshot: RollCallSnapshot; seq: number } | "no-roll"> {
  const { store } = req.deps;
  const record = {
    partnershipId: board.partnership.id,
    meetingId,
    memberId: member.id,
    status: "present" as const,
    arrivedAt: opts.at,
    ...(opts.online ? { online: true } : {}),
    recordedBy: member.id,
    recordedAt: opts.at,
  };
  const target = `${meetingId}/${member.id}`;
  // The audit entry goes in the check-in's own batch: it survives the process dying after the answer.
  const entry = { partnershipId: board.partnership.id, at: record.recordedAt, actor: req.userKey, action: "attendance.checked_in", target, after: strip(record) };
  const result = await store.rollCalls.checkIn({ ...record, audit: entry });
  if (result === "no-roll") return "no-roll";
  let seq = nextSeq();
  let snapshot = await store.rollCalls.read(board.partnership.id, meetingId);
  if (result === "exists") {
    // Already has a row: present already (a retry, or a second press) changes nothing; otherwise they arrive now.
    const mine = snapshot.attendance.find((a) => a.memberId === member.id);
    // A press never overrides a change recorded after it was made: a check-in redelivered by Teams after
    // the chair marked them left leaves them left (the snapshot is already read: no round trip more).
    // Joins carry their own time and are ordered by it.
    const overtaken = mine !== undefined && mine.recordedAt > req.pressedAt.toISOString();
    const arrives = opts.online
      ? joinDecision(mine, opts.at, board.partnership.quorum).change
      : mine && !overtaken && !isPresent(mine, board.partnership.quorum) && mine.status !== "present-substitute";
    if (mine && arrives) {
      const arrived = await store.rollCalls.writeAttendance({ ...record, substituteName: undefined }, mine.etag);
      if (arrived) {
        await audit(req, board.partnership.id, "attendance.changed", target, strip(mine), strip(record));
        seq = nextSeq();
        snapshot = await store.rollCalls.read(board.partnership.id, meetingId);
      }
    }
  }
  return { snapshot, seq };
}
