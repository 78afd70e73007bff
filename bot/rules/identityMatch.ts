import { Member } from "../domain/types";

// Matching the roster to the team's members, as plain data: by email, else by UPN (many tenants give
// one and not the other, or a UPN that differs from the mail address).

export interface TeamMember {
  /** The Teams user id ("29:..."), what a 1:1 chat is created with. */
  teamsUserId: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
}

export interface IdentityLink {
  memberId: string;
  aadObjectId: string;
  teamsUserId: string;
}

export interface IdentityMatch {
  /** Members whose stored identity is missing or differs from the team's: what to write. */
  links: IdentityLink[];
  /** Active members the team has nobody for, by roster order. */
  notInTeam: Member[];
}

const norm = (s: string | undefined) => (s ?? "").trim().toLowerCase();

export function matchIdentities(roster: readonly Member[], team: readonly TeamMember[]): IdentityMatch {
  const byAddress = new Map<string, TeamMember>();
  // Email first: a UPN that happens to equal someone else's email must not win over that person's own.
  for (const t of team) if (t.aadObjectId && norm(t.email)) byAddress.set(norm(t.email), t);
  for (const t of team) if (t.aadObjectId && norm(t.userPrincipalName) && !byAddress.has(norm(t.userPrincipalName))) byAddress.set(norm(t.userPrincipalName), t);
  const links: IdentityLink[] = [];
  const notInTeam: Member[] = [];
  for (const member of roster) {
    if (member.status !== "active") continue;
    const found = byAddress.get(norm(member.email));
    if (!found?.aadObjectId) {
      notInTeam.push(member);
      continue;
    }
    if (member.aadObjectId === found.aadObjectId && member.teamsUserId === found.teamsUserId) continue;
    links.push({ memberId: member.id, aadObjectId: found.aadObjectId, teamsUserId: found.teamsUserId });
  }
  return { links, notInTeam };
}

/** "not in this team: A, B and C" — the manager's list of members no one in the team matches. */
export function notInTeamText(members: readonly Member[]): string | undefined {
  if (members.length === 0) return undefined;
  const names = members.map((m) => m.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `Not in this team: ${list}. Add them to the team (with the email on the roster) so I can reach them; until then they can't use me or get messages from me.`;
}
