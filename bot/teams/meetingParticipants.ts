import { TeamsInfo, TurnContext } from "botbuilder";
import { throttleOf } from "./cardUpdater";
import { paced } from "./memberReads";
import { RateLimiter } from "./rateLimiter";

// Asking Teams about people in a meeting: whether someone is in the call now (for `sync attendance`,
// when join events went missing), and who a participant is. These are member reads: they share the
// bot's member-read pacing (memberReads.ts), under Teams' 14 a second, 16 per 2 s and 120 per 30 s,
// and a 429 waits its Retry-After.

/** Whether the person (by aadObjectId) is in the Teams meeting now; undefined when Teams doesn't know them. */
export async function inMeeting(reads: RateLimiter, context: TurnContext, teamsMeetingId: string, aadObjectId: string, tenantId: string): Promise<boolean | undefined> {
  try {
    const participant = await paced(reads, context.activity.conversation.id, () => TeamsInfo.getMeetingParticipant(context, teamsMeetingId, aadObjectId, tenantId));
    return participant?.meeting?.inMeeting === true;
  } catch (error) {
    if (throttleOf(error).status === 404) return undefined;
    throw error;
  }
}

/** A participant's email, to match them to the roster the first time (Teams' join events carry none). */
export async function participantEmail(reads: RateLimiter, context: TurnContext, userId: string): Promise<string | undefined> {
  try {
    const member = await paced(reads, context.activity.conversation.id, () => TeamsInfo.getMember(context, userId));
    return member.email ?? member.userPrincipalName ?? undefined;
  } catch (error) {
    if (throttleOf(error).status === 404) return undefined;
    throw error;
  }
}
