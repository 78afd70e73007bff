import { Deps } from "./deps";
import { Member, Partnership } from "./domain/types";
import { Post } from "./outcome";
import { throttleOf } from "./teams/cardUpdater";

// 1:1 messages to members. Anyone linked from the team's member list can be written to first: the chat
// is created with their Teams user id and the tenant. Only someone who is not in the team cannot.

export type Delivered = { reached: true; conversationId: string; activityId?: string } | { reached: false };

/** Teams' answer when the person can't be reached by this bot (not in the team, or left it). */
const NOT_IN_TEAM = new Set([403, 404]);

/**
 * Sends to the member's 1:1 chat, creating it if need be; `reached: false` when they are not in the team.
 * Other failures (throttling that outlasted the retries, an outage) are thrown for the caller to handle.
 */
export async function messageMember(deps: Deps, partnership: Partnership, member: Member, content: Post): Promise<Delivered> {
  if (!member.teamsUserId) return { reached: false };
  try {
    const sent = await deps.proactive.postToPerson(
      { teamsUserId: member.teamsUserId, tenantId: partnership.channel.tenantId, serviceUrl: partnership.channel.serviceUrl },
      content,
    );
    return { reached: true, ...sent };
  } catch (error) {
    const { status } = throttleOf(error);
    if (status !== undefined && NOT_IN_TEAM.has(status)) return { reached: false };
    throw error;
  }
}

/** "Not in this team, so I couldn't send … to: A and B." — said to the board's managers, in 1:1. */
export async function tellManagers(deps: Deps, partnership: Partnership, roster: readonly Member[], unreachable: readonly Member[], what: string): Promise<void> {
  if (unreachable.length === 0) return;
  const names = unreachable.map((m) => m.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const text = `${partnership.name}: ${list} ${names.length === 1 ? "is" : "are"} not in this team, so I couldn't send ${what}. Add them to the team with the email on the roster.`;
  for (const manager of roster.filter((m) => m.status === "active" && m.role === "manager" && !unreachable.includes(m))) {
    try {
      await messageMember(deps, partnership, manager, text);
    } catch (error) {
      deps.log.warn("unreachable.report_failed", { partnershipId: partnership.id, memberId: manager.id, error });
    }
  }
}
