import { TeamsInfo, TurnContext } from "botbuilder";
import { ChannelBinding } from "../domain/types";
import { Logger } from "../log";
import { TeamMember } from "../rules/identityMatch";
import { throttleOf } from "./cardUpdater";
import { RateLimiter, Window } from "./rateLimiter";

// Reading who is in the team. Teams limits member reads per bot per conversation (14 a second, 16 per
// 2 s, 120 per 30 s) separately from sends: every read waits here, a little under those, and a 429 is
// retried after its Retry-After.

export const TEAMS_MEMBER_READ_LIMITS: Window[] = [
  { limit: 12, ms: 1_000 },
  { limit: 14, ms: 2_000 },
  { limit: 110, ms: 30_000 },
];

/** Teams' largest page of members. */
export const PAGE_SIZE = 500;
const MAX_ATTEMPTS = 5;
/** A team has at most 25,000 members: 50 pages; anything longer is a loop. */
const MAX_PAGES = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const memberReadKey = (conversationId: string) => `members:${conversationId.split(";")[0]}`;

/** One member read, paced under the conversation's limit and retried on 429 (and 502/503/504). */
export async function paced<T>(reads: RateLimiter, conversationId: string, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const done = await reads.acquire(memberReadKey(conversationId));
    try {
      return await read();
    } catch (error) {
      const { status, retryAfterMs } = throttleOf(error);
      if (attempt >= MAX_ATTEMPTS || !status || ![429, 502, 503, 504].includes(status)) throw error;
      await sleep((retryAfterMs ?? 250 * 2 ** attempt) + Math.random() * 50);
    } finally {
      done();
    }
  }
}

interface Account {
  id?: string;
  name?: string;
  aadObjectId?: string;
  objectId?: string;
  email?: string;
  userPrincipalName?: string;
}

const toTeamMember = (a: Account): TeamMember | undefined =>
  a.id ? { teamsUserId: a.id, aadObjectId: a.aadObjectId ?? a.objectId, email: a.email ?? undefined, userPrincipalName: a.userPrincipalName ?? undefined, name: a.name } : undefined;

/**
 * Everyone in the board's team (or group chat), page by page with TeamsInfo.getPagedMembers. The
 * context can be any turn with a connector client: the team is named by the board's binding, so an
 * import from the manager's 1:1 chat reads the board's team. A group chat can be read only from itself.
 */
export async function readTeamMembers(context: TurnContext, binding: ChannelBinding, reads: RateLimiter): Promise<TeamMember[] | undefined> {
  const teamId = binding.teamId;
  const here = (context.activity.conversation?.id ?? "").split(";")[0];
  if (!teamId && here !== binding.conversationId) return undefined;
  const key = teamId ?? binding.conversationId;
  const members: TeamMember[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await paced(reads, key, () =>
      teamId ? TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, token) : TeamsInfo.getPagedMembers(context, PAGE_SIZE, token),
    );
    for (const account of result.members ?? []) {
      const member = toTeamMember(account as Account);
      if (member) members.push(member);
    }
    token = result.continuationToken || undefined;
    if (!token) return members;
  }
  return members;
}

export interface TeamsPerson {
  email?: string;
  name?: string;
  aadObjectId?: string;
}

/** The person's email from the Teams member API, paced: how someone who joined the team later is matched. */
export async function lookUpPerson(context: TurnContext, log: Logger, reads: RateLimiter): Promise<TeamsPerson> {
  const from = context.activity.from;
  const conversationId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id ?? context.activity.conversation?.id ?? "";
  try {
    const member = await paced(reads, conversationId, () => TeamsInfo.getMember(context, from.id));
    return {
      email: member.email ?? member.userPrincipalName ?? undefined,
      name: member.name ?? from.name,
      aadObjectId: member.aadObjectId ?? from.aadObjectId,
    };
  } catch (error) {
    log.warn("teams.member_lookup_failed", { error, conversation: context.activity.conversation?.id });
    return { name: from?.name, aadObjectId: from?.aadObjectId };
  }
}
