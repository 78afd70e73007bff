import { odata } from "@azure/data-tables";
import { Partnership } from "../domain/types";
import { partnershipIdFor } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Request } from "../request";
import { matchIdentities } from "../rules/identityMatch";
import { readTeamMembers } from "../teams/memberReads";

// Linking the whole roster to Teams in one pass: on install, setup, every roster import and when Teams
// says members were added. With every member linked, their first press needs no member lookup and
// every 1:1 message can start a chat with them, whether they have spoken to the bot or not.

const MAX_ATTEMPTS = 4;

export interface IdentitySync {
  linked: number;
  /** Active members nobody in the team matches, by name. */
  notInTeam: MemberRecord[];
}

/** Reads the team's members and links every roster member it can; undefined when the team can't be read. */
export async function syncIdentities(req: Request, partnership: Partnership): Promise<IdentitySync | undefined> {
  const { store, log } = req.deps;
  let team;
  try {
    team = await readTeamMembers(req.context, partnership.channel, req.deps.memberReads);
  } catch (error) {
    log.warn("identities.team_read_failed", { partnershipId: partnership.id, error });
    return undefined;
  }
  if (!team) return undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await store.members.listVersioned(partnership.id);
    const roster = current.map((v) => v.value);
    const { links, notInTeam } = matchIdentities(roster, team);
    const byId = new Map(current.map((v) => [v.value.id, v]));
    const writes = links.flatMap((link) => {
      const found = byId.get(link.memberId);
      return found ? [{ value: { ...found.value, aadObjectId: link.aadObjectId, teamsUserId: link.teamsUserId }, etag: found.etag }] : [];
    });
    // Someone changed the roster meanwhile (an edit, a first press linking itself): read again.
    if (writes.length > 0 && !(await store.members.writeBatch(writes))) continue;
    if (writes.length > 0) {
      req.deps.boards.invalidate(partnership.id);
      // The directory lets each of them find this board from their 1:1 chat.
      await Promise.all(
        links.map((l) => store.directory.upsert({ kind: "aad", subject: l.aadObjectId, partnershipId: partnership.id, memberId: l.memberId })),
      );
      await audit(req, partnership.id, "members.linked", partnership.id, undefined, { members: links.map((l) => l.memberId) });
    }
    log.info("identities.synced", { partnershipId: partnership.id, team: team.length, linked: links.length, notInTeam: notInTeam.length });
    return { linked: links.length, notInTeam: notInTeam as MemberRecord[] };
  }
  log.warn("identities.sync_contended", { partnershipId: partnership.id });
  return undefined;
}

/**
 * The bot was installed, or Teams says members joined: link the boards this team (or group chat) holds.
 * Nothing is said; a failure is logged and the next import or event tries again.
 */
export async function linkTeamBoards(req: Request): Promise<void> {
  try {
    const { teamId, tenantId, conversationId } = req.binding;
    const boards = teamId
      ? await req.deps.store.partnerships.query(odata`RowKey eq ${"settings"} and teamId eq ${teamId}`)
      : [(await req.deps.store.partnerships.get(partnershipIdFor(tenantId, conversationId), "settings"))?.value].filter((p): p is Partnership => p !== undefined);
    for (const partnership of boards) await syncIdentities(req, partnership);
  } catch (error) {
    req.deps.log.warn("identities.link_failed", { error });
  }
}
