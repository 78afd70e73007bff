import type { Request as HttpRequest } from "restify";
import { PLAYGROUND_TENANT_ID, playgroundConfig } from "../dev/playgroundConfig";
import { Deps } from "../deps";
import { CachedBoard } from "../boardCache";
import { MemberRecord } from "../../storage/store";
import { PARTNERSHIP_ID } from "../../storage/keys";
import { createTokenChecker, TokenIdentity } from "./auth";

// Who is asking, and what they may see: a signed-in Teams user (SSO token) mapped to members through
// the directory, exactly as the bot maps a Teams identity. In local mode only, with no token, the tab
// runs as the playground's user, so a newcomer can open it in a browser beside the playground.

export interface Viewer extends TokenIdentity {
  local: boolean;
}

export type Refusal = { status: 400 | 401 | 403 | 404; message: string };
export const isRefusal = (x: unknown): x is Refusal => typeof (x as Refusal)?.status === "number" && typeof (x as Refusal).message === "string";

export interface BoardAccess {
  board: CachedBoard;
  member: MemberRecord;
  viewer: Viewer;
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
export const NOT_ON_BOARD = "You are not on this board's roster, so its records are not shown. Ask the partnership manager to add you.";

export function createAccess(deps: Deps) {
  const { config } = deps;
  const checkToken = createTokenChecker({ jwksUrl: config.tab.jwksUrl, audiences: config.tab.audiences, allowedTenants: config.allowedTenants });

  async function viewerOf(req: HttpRequest): Promise<Viewer | Refusal> {
    if (config.auth.mode === "local") {
      // Never outside local mode, and only for a page this machine opened (a Host other than loopback
      // would be another site's DNS pointing here).
      if (!LOOPBACK.test(req.headers.host ?? "")) return { status: 403, message: "Local mode answers this machine only." };
      const me = playgroundConfig.currentUser;
      return { oid: me.aadObjectId, tid: PLAYGROUND_TENANT_ID, name: me.name, local: true };
    }
    const checked = await checkToken(req.headers.authorization);
    if (!checked.ok) return { status: checked.status, message: checked.message };
    return { ...checked.identity, local: false };
  }

  /** The boards this person belongs to ("My boards"), with their role on each. */
  async function boardsOf(viewer: Viewer): Promise<{ id: string; name: string; role: string }[]> {
    const entries = await deps.store.directory.list(`aad~${viewer.oid}`);
    const found = await Promise.all(entries.map((e) => memberOf(viewer, e.partnershipId)));
    return found.flatMap((f) => (isRefusal(f) ? [] : [{ id: f.board.partnership.id, name: f.board.partnership.name, role: f.member.role }]));
  }

  async function memberOf(viewer: Viewer, partnershipId: string): Promise<BoardAccess | Refusal> {
    if (!PARTNERSHIP_ID.test(partnershipId)) return { status: 404, message: "There is no such board." };
    const entry = await deps.store.directory.get(`aad~${viewer.oid}`, partnershipId);
    if (!entry) return { status: 403, message: NOT_ON_BOARD };
    const board = await deps.boards.get(partnershipId);
    if (!board) return { status: 404, message: "There is no such board." };
    // A board belongs to one tenant: a token from another (even an allowed one) sees nothing of it.
    if (!viewer.local && board.partnership.channel.tenantId.toLowerCase() !== viewer.tid) return { status: 403, message: NOT_ON_BOARD };
    const member = board.roster.find((m) => m.id === entry.value.memberId && m.status === "active");
    if (!member) return { status: 403, message: NOT_ON_BOARD };
    return { board, member, viewer };
  }

  return { viewerOf, boardsOf, memberOf };
}

export type Access = ReturnType<typeof createAccess>;
