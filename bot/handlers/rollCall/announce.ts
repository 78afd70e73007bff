// Saying in the roll call's thread, once, that the meeting became (or is no longer) quorate.
import { RollCall } from "../../domain/types";
import { audit } from "../../audit";
import { CachedBoard } from "../../boardCache";
import { Request } from "../../request";
import { QuorumStatus } from "../../rules/quorum";
import { formatTime } from "../../rules/zonedTime";
import { ConversationTarget, threadOf } from "../../teams/proactive";
import { throttleOf } from "../../teams/cardUpdater";
import { targetOf } from "./records";

/** The quorum state this process last marked (or is marking) per roll call. */
export const markedHere = new Map<string, boolean>();

export async function announce(req: Request, board: CachedBoard, roll: RollCall, status: QuorumStatus, etag?: string): Promise<void> {
  const at = req.now.toISOString();
  // Only the writer that moves the mark announces: concurrent check-ins never say it twice.
  if (!(await req.deps.store.rollCalls.markQuorum(roll.partnershipId, roll.meetingId, status.quorate, at, etag))) return;
  await audit(req, roll.partnershipId, "quorum.changed", roll.meetingId, undefined, { quorate: status.quorate, count: status.count, at });
  if (!roll.activityId) return;
  const time = formatTime(at, board.partnership.timeZone);
  const counts = status.headline.replace(/^(Not quorate|Quorate): /, "");
  const text = status.quorate
    ? `The meeting became **quorate** at ${time}: ${counts}`
    : `The meeting is **no longer quorate** as of ${time}: ${counts} ${status.missingText}`;
  const target = targetOf(req, roll);
  await postWithRetry(req, roll.threaded ? threadOf(target, roll.activityId) : target, text.trim());
}

/** The announcement has been marked as made: keep trying (Teams' Retry-After first) until it is. */
async function postWithRetry(req: Request, target: ConversationTarget, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await req.deps.proactive.post(target, text);
      return;
    } catch (error) {
      const { status, retryAfterMs } = throttleOf(error);
      if (attempt >= 6 || (status !== undefined && status < 500 && status !== 429 && status !== 412)) throw error;
      await new Promise((resolve) => setTimeout(resolve, (retryAfterMs ?? 500 * 2 ** attempt) + Math.random() * 100));
    }
  }
}
