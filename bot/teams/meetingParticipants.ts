import { TeamsInfo, TurnContext } from "botbuilder";
import { throttleOf } from "./cardUpdater";
import { RateLimiter, Window } from "./rateLimiter";

// Asking Teams about people in a meeting: whether someone is in the call now (for `sync attendance`,
// when join events went missing), and who a participant is. Teams allows a bot 14 member reads a second,
// 16 per 2 s and 120 per 30 s: the reads queue here a little under that, and a 429 waits its Retry-After.

const READ_LIMITS: Window[] = [
  { limit: 12, ms: 1_000 },
  { limit: 14, ms: 2_000 },
  { limit: 110, ms: 30_000 },
];
const reads = new RateLimiter(READ_LIMITS);
const READS = "teams-member-reads";
const ATTEMPTS = 4;

async function paced<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const done = await reads.acquire(READS);
    try {
      return await read();
    } catch (error) {
      const { status, retryAfterMs } = throttleOf(error);
      if (status !== 429 || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, (retryAfterMs ?? 1000) + Math.random() * 100));
    } finally {
      done();
    }
  }
}

/** Whether the person (by aadObjectId) is in the Teams meeting now; undefined when Teams doesn't know them. */
export async function inMeeting(context: TurnContext, teamsMeetingId: string, aadObjectId: string, tenantId: string): Promise<boolean | undefined> {
  try {
    const participant = await paced(() => TeamsInfo.getMeetingParticipant(context, teamsMeetingId, aadObjectId, tenantId));
    return participant?.meeting?.inMeeting === true;
  } catch (error) {
    if (throttleOf(error).status === 404) return undefined;
    throw error;
  }
}

/** A participant's email, to match them to the roster the first time (Teams' join events carry none). */
export async function participantEmail(context: TurnContext, userId: string): Promise<string | undefined> {
  try {
    const member = await paced(() => TeamsInfo.getMember(context, userId));
    return member.email ?? member.userPrincipalName ?? undefined;
  } catch (error) {
    if (throttleOf(error).status === 404) return undefined;
    throw error;
  }
}
