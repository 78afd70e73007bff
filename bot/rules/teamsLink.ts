// A Teams meeting's join link, read as people paste it. A board meeting linked to one is found again
// when Teams reports that meeting's events: by the link itself (start and end carry it), or by the
// meeting chat's thread, which the classic link names and join and leave events arrive in.

export interface TeamsLink {
  /** The link as it will be stored and shown. */
  url: string;
  /** What identifies the meeting in the link, the same however the link was encoded or trimmed. */
  key: string;
  /** The meeting chat's (or, for a channel meeting, the channel's) thread: "19:meeting_...@thread.v2". */
  threadId?: string;
  /** The organiser's tenant, when the link names it. */
  tenantId?: string;
}

export type TeamsLinkParse = { ok: true; link: TeamsLink } | { ok: false; message: string };

const MAX_URL = 2000;
const HOSTS = new Set(["teams.microsoft.com", "teams.cloud.microsoft", "gov.teams.microsoft.us", "dod.teams.microsoft.us"]);
/** A Teams link somewhere in a line of text: from https:// up to the next space. */
const LINK_IN_TEXT = /https:\/\/[^\s<>"]*teams[^\s<>"]*/i;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function parseTeamsLink(raw: string): TeamsLinkParse {
  const text = raw.trim().replace(/^<|>$/g, "");
  if (text.length > MAX_URL) return { ok: false, message: "That Teams link is too long to be a meeting link." };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "That isn't a link I can read. Copy the meeting's join link from Teams (Copy link)." };
  }
  if (url.protocol !== "https:" || !HOSTS.has(url.hostname.toLowerCase())) {
    return { ok: false, message: "That isn't a Teams meeting link for a work account (it should start https://teams.microsoft.com/)." };
  }
  const path = url.pathname.split("/").filter(Boolean).map(decode);
  // Classic: /l/meetup-join/19:meeting_...@thread.v2/0?context={"Tid":...,"Oid":...}
  if (path[0] === "l" && path[1] === "meetup-join" && path[2] && /^19:[^\s/]+@thread\.[a-z0-9]+$/i.test(path[2])) {
    const threadId = path[2];
    const message = path[3] && /^\d{1,20}$/.test(path[3]) ? path[3] : "0";
    const tenantId = tenantOfContext(url.searchParams.get("context"));
    return { ok: true, link: { url: url.toString(), key: `join/${threadId}/${message}`, threadId, ...(tenantId ? { tenantId } : {}) } };
  }
  // Newer: /meet/<meeting number>?p=<passcode>
  if (path[0] === "meet" && path[1] && /^\d{6,20}$/.test(path[1])) {
    return { ok: true, link: { url: url.toString(), key: `meet/${path[1]}` } };
  }
  return { ok: false, message: "That Teams link doesn't point to a meeting. Copy the meeting's join link from Teams (Copy link)." };
}

function tenantOfContext(context: string | null): string | undefined {
  if (!context) return undefined;
  try {
    const parsed = JSON.parse(context) as { Tid?: unknown };
    return typeof parsed.Tid === "string" && /^[0-9a-f-]{36}$/i.test(parsed.Tid) ? parsed.Tid.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes a Teams link out of a line such as "21 March 2pm, Board, Teams https://teams...": the rest is
 * read as before, and the link's characters never reach the date reader. "Teams" right before the link
 * goes with it; the place becomes "Teams" when nothing else names one.
 */
export function takeTeamsLink(text: string): { rest: string; link?: TeamsLinkParse } {
  const found = LINK_IN_TEXT.exec(text);
  if (!found) return { rest: text };
  const before = text.slice(0, found.index).replace(/(?:,\s*)?\b(?:on\s+)?(?:microsoft\s+)?teams\s*:?\s*$/i, "");
  const after = text.slice(found.index + found[0].length);
  return { rest: `${before}${after}`.replace(/\s*,\s*(,\s*)+/g, ", ").replace(/[\s,]+$/, "").trim(), link: parseTeamsLink(found[0]) };
}

/** The thread of a conversation id, without Teams' ";messageid=" suffix. */
export const threadOf = (conversationId: string): string => conversationId.split(";")[0] ?? conversationId;
