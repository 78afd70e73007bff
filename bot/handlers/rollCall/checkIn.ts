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

/**
 * "I'm here". The hot path: roster from the cache, one batch write (which also proves the roll is
 * open), one partition read for the cards. A member with apologies who turns up becomes present.
 */
export async function checkIn(req: Request, input: z.infer<typeof rollRef>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (!isCached(board)) return board;
  const actor = await cachedActor(req, board);
  if (!actor) return say(NOT_ON_ROSTER);
  const { store } = req.deps;
  const record = {
    partnershipId: board.partnership.id,
    meetingId: input.meetingId,
    memberId: actor.id,
    status: "present" as const,
    arrivedAt: req.now.toISOString(),
    recordedBy: actor.id,
    recordedAt: req.now.toISOString(),
  };
  const result = await store.rollCalls.checkIn(record);
  if (result === "no-roll") return say(NOT_OPEN);
  let seq = nextSeq();
  let snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (result === "exists") {
    // Already has a row: present already (a retry, or a second press) changes nothing; otherwise they arrive now.
    const mine = snapshot.attendance.find((a) => a.memberId === actor.id);
    if (mine && !isPresent(mine, board.partnership.quorum) && mine.status !== "present-substitute") {
      const arrived = await store.rollCalls.writeAttendance({ ...record, substituteName: undefined }, mine.etag);
      if (arrived) {
        await audit(req, board.partnership.id, "attendance.changed", `${input.meetingId}/${actor.id}`, strip(mine), strip(record));
        seq = nextSeq();
        snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
      }
    }
  } else {
    // Off the answer path: the person's card does not wait for the audit write.
    req.deps.background.run("audit.checkin", () =>
      audit(req, board.partnership.id, "attendance.checked_in", `${input.meetingId}/${actor.id}`, undefined, strip(record)),
    );
  }
  return afterChange(req, board, snapshot, seq, actor);
}
