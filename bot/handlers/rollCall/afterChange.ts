// After every change to a roll call: the presser's card at once, the shared card and any quorum announcement after.
import { Member } from "../../domain/types";
import { RollCallSnapshot } from "../../../storage/rollCallTable";
import { CachedBoard } from "../../boardCache";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { evaluateQuorum, QuorumStatus } from "../../rules/quorum";
import { nextSeq } from "../../snapshotSeq";
import { NOT_OPEN } from "./inputs";
import { buildCard } from "./card";
import { targetOf } from "./records";
import { announce, markedHere } from "./announce";

/**
 * The presser's own card comes back at once; the shared message follows through the coalescing
 * updater; a change of quorum is announced once in the card's thread.
 */
export function afterChange(req: Request, board: CachedBoard, snapshot: RollCallSnapshot, seq: number, viewer: Member): Outcome {
  if (!snapshot.roll) return say(NOT_OPEN);
  const status = updateSharedRollCard(req, board, snapshot, seq);
  return { card: buildCard(board, snapshot, status, viewer) };
}

/**
 * Brings the shared roll-call card (if the roll is open) up to `snapshot`, and announces a change of
 * quorum. Also used when an apology arrives while the roll is open.
 */
export function updateSharedRollCard(req: Request, board: CachedBoard, snapshot: RollCallSnapshot, seq = nextSeq()): QuorumStatus {
  const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  const roll = snapshot.roll;
  if (!roll) return status;
  if (roll.activityId) {
    // Built only if this state is the one the updater sends: most presses in a burst are coalesced away.
    // Another instance may have changed it since this snapshot: the updater reads afresh when it must.
    const reload = async () => {
      const fresh = await req.deps.store.rollCalls.read(roll.partnershipId, roll.meetingId);
      return fresh.roll ? buildCard(board, fresh, evaluateQuorum(board.roster, fresh.attendance, board.partnership.quorum)) : undefined;
    };
    req.deps.cards.request(targetOf(req, roll), roll.activityId, seq, async () => buildCard(board, snapshot, status), reload);
  }
  const markKey = `${req.deps.config.tablePrefix}/${roll.partnershipId}/${roll.meetingId}`;
  if (snapshot.quorumMark?.quorate !== status.quorate && markedHere.get(markKey) !== status.quorate) {
    // Presses in the same burst see the same change: only the first in this process tries to mark it.
    markedHere.set(markKey, status.quorate);
    req.deps.background.run("quorum.announce", () => announce(req, board, roll, status, snapshot.quorumMark?.etag));
  }
  return status;
}
