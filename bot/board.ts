import { Member, Partnership } from "./domain/types";
import { memberIdForEmail, PARTNERSHIP_ID, partnershipIdFor } from "../storage/keys";
import { MemberRecord } from "../storage/store";
import { CachedBoard } from "./boardCache";
import { Outcome, say } from "./outcome";
import { Request } from "./request";
import { lookUpPerson } from "./teams/memberReads";
import { commandText } from "./teams/activity";
import { boardList, boardNamedIn } from "./rules/boardChoice";

/** The partnership a request is about, its roster and the person asking, when they are a member. */
export interface Board {
  partnership: Partnership;
  roster: MemberRecord[];
  actor?: MemberRecord;
}

export const NOT_SET_UP =
  "This channel isn't set up for a partnership board yet. The partnership manager can start with **setup**.";
const NO_BOARD_IN_CHAT =
  "I can't find a partnership board you belong to. Ask your partnership manager to add you to the roster with your work email.";
const FOREIGN_CARD = "That card belongs to another board, so I did nothing.";

export function channelPartnershipId(req: Request): string {
  return partnershipIdFor(req.binding.tenantId, req.binding.conversationId);
}

/**
 * Finds the board for this request. In a channel or group chat it is the one bound there; in a 1:1 chat
 * it is the person's own: when they belong to several, the one the text names, else they are asked. `cardPartnershipId` comes from card data and
 * is only ever checked against what the conversation and the person allow, never trusted.
 */
export async function loadBoard(req: Request, cardPartnershipId?: string): Promise<Board | Outcome> {
  if (req.scope === "personal") {
    const mine = await partnershipsOfPerson(req);
    if (mine.length === 0) return say(NO_BOARD_IN_CHAT);
    if (cardPartnershipId !== undefined) {
      if (!mine.includes(cardPartnershipId)) return say(FOREIGN_CARD);
      return boardById(req, cardPartnershipId);
    }
    if (mine.length === 1) return boardById(req, mine[0]!);
    // Several boards: the text names one ("roster Basildon"), or the person is asked which.
    const boards = await loadEach(req, mine);
    if (boards.length <= 1) return boards[0] ?? say(NO_BOARD_IN_CHAT);
    // Only the command's own line: a pasted roster below it names organisations, not boards.
    const named = boardNamedIn(commandText(req.context).split("\n")[0]!.slice(0, 300), boards.map((b) => b.partnership));
    const picked = named && boards.find((b) => b.partnership.id === named.id);
    if (picked) return picked;
    return say(whichBoard(req, boards));
  }
  const partnershipId = channelPartnershipId(req);
  if (cardPartnershipId !== undefined && cardPartnershipId !== partnershipId) return say(FOREIGN_CARD);
  return boardById(req, partnershipId);
}

/**
 * Every board the person is an active member of, for the commands that cover them all in a 1:1 chat
 * (`my actions`, `apologies`, `sign-offs`); in a channel, its one board.
 */
export async function boardsOfPerson(req: Request): Promise<Board[] | Outcome> {
  if (req.scope !== "personal") {
    const board = await loadBoard(req);
    return isBoard(board) ? [board] : board;
  }
  const mine = await partnershipsOfPerson(req);
  const boards = await loadEach(req, mine);
  return boards.length > 0 ? boards : say(NO_BOARD_IN_CHAT);
}

async function loadEach(req: Request, partnershipIds: string[]): Promise<Board[]> {
  const loaded = await Promise.all(partnershipIds.map((id) => boardById(req, id)));
  return loaded.filter((b): b is Board => isBoard(b) && b.actor !== undefined).sort((a, b) => a.partnership.name.localeCompare(b.partnership.name));
}

function whichBoard(req: Request, boards: Board[]): string {
  const typed = commandText(req.context).split(/\s+/).slice(0, 3).join(" ");
  const example = typed && req.context.activity.type === "message" ? `**${typed} ${boards[1]!.partnership.name}**` : `the board's name with the command`;
  return `You're on ${boards.length} boards, ${boardList(boards.map((b) => b.partnership))}: which one? Say it again with the board's name, for example ${example}. Nothing was changed.`;
}

async function boardById(req: Request, partnershipId: string): Promise<Board | Outcome> {
  const { store } = req.deps;
  const [found, roster] = await Promise.all([
    store.partnerships.get(partnershipId, "settings"),
    store.members.list(partnershipId),
  ]);
  if (!found) return say(req.scope === "personal" ? NO_BOARD_IN_CHAT : NOT_SET_UP);
  const partnership = found.value;
  await refreshServiceUrl(req, partnership);
  const actor = await resolveActor(req, partnership, roster);
  return { partnership, roster, actor };
}

export const isBoard = (x: Board | Outcome): x is Board => (x as Board).partnership !== undefined;

/** Partnerships this person belongs to: by Teams identity once linked, by email before that. */
export async function partnershipsOfPerson(req: Request): Promise<string[]> {
  const { directory } = req.deps.store;
  const linked = await directory.list(`aad~${req.userKey}`);
  if (linked.length > 0) return linked.map((d) => d.partnershipId);
  const person = await lookUpPerson(req.context, req.deps.log, req.deps.memberReads);
  if (!person.email) return [];
  const byEmail = await directory.list(`email~${memberIdForEmail(person.email)}`);
  return byEmail.map((d) => d.partnershipId);
}

/**
 * A board this person belongs to, wherever they are writing from (a Teams meeting's chat belongs to no
 * board): the partnership, its roster and their member record, or undefined if they are not on it.
 */
export async function boardOfPerson(req: Request, partnershipId: string): Promise<Board | undefined> {
  const [found, roster] = await Promise.all([req.deps.store.partnerships.get(partnershipId, "settings"), req.deps.store.members.list(partnershipId)]);
  if (!found || found.value.channel.tenantId !== req.binding.tenantId) return undefined;
  const actor = await resolveActor(req, found.value, roster);
  return actor ? { partnership: found.value, roster, actor } : undefined;
}

/**
 * Matches the Teams user to a member: by the stored link, else by email through the Teams member API,
 * storing the link so the lookup happens once per person.
 */
async function resolveActor(req: Request, partnership: Partnership, roster: MemberRecord[]): Promise<MemberRecord | undefined> {
  const linked = roster.find((m) => m.aadObjectId === req.userKey);
  if (linked) return linked.status === "active" ? linked : undefined;
  const person = await lookUpPerson(req.context, req.deps.log, req.deps.memberReads);
  if (!person.email) return undefined;
  const id = memberIdForEmail(person.email);
  const member = roster.find((m) => m.id === id);
  if (!member || member.status !== "active") return undefined;
  return linkMember(req, partnership.id, member);
}

export async function linkMember(req: Request, partnershipId: string, member: MemberRecord): Promise<MemberRecord> {
  const { store } = req.deps;
  const teamsUserId = req.context.activity.from.id;
  const result = await store.members.mutate(partnershipId, member.id, (current) =>
    current && (current.aadObjectId !== req.userKey || current.teamsUserId !== teamsUserId)
      ? { ...current, aadObjectId: req.userKey, teamsUserId }
      : undefined,
  );
  await store.directory.upsert({ kind: "aad", subject: req.userKey, partnershipId, memberId: member.id });
  req.deps.boards.invalidate(partnershipId);
  req.deps.log.info("member.linked", { partnershipId, memberId: member.id });
  return result.after ?? member;
}

/** Teams can move a conversation to another service URL; proactive messages need the current one. */
async function refreshServiceUrl(req: Request, partnership: Partnership): Promise<void> {
  if (req.scope === "personal" || partnership.channel.serviceUrl === req.binding.serviceUrl) return;
  const serviceUrl = req.binding.serviceUrl;
  await req.deps.store.partnerships.mutate(partnership.id, "settings", (current) =>
    current && current.channel.serviceUrl !== serviceUrl ? { ...current, channel: { ...current.channel, serviceUrl } } : undefined,
  );
  partnership.channel.serviceUrl = serviceUrl;
}

export function activeMembers(roster: readonly Member[]): Member[] {
  return roster.filter((m) => m.status === "active");
}

/**
 * The board a card press is about, on a hot path: from the cache, and only the conversation's own board
 * in a channel; in a 1:1 chat (a card's personal copy) only a board the presser is an active member of.
 */
export async function boardForPress(req: Request, cardPartnershipId: string): Promise<{ board: CachedBoard; actor?: MemberRecord } | Outcome> {
  const personal = req.scope === "personal";
  if (!personal && cardPartnershipId !== channelPartnershipId(req)) return say(FOREIGN_CARD);
  if (personal && !PARTNERSHIP_ID.test(cardPartnershipId)) return say(FOREIGN_CARD);
  const board = await req.deps.boards.get(cardPartnershipId);
  if (!board) return say(personal ? FOREIGN_CARD : NOT_SET_UP);
  const actor = await cachedActor(req, board);
  if (personal && !actor) return say(FOREIGN_CARD);
  return { board, actor };
}

/**
 * The presser's member record on a hot path: from the cached roster, or (the first time a person
 * presses) linked through Teams and put back in the cache so the next press is cheap.
 */
export async function cachedActor(req: Request, board: CachedBoard): Promise<MemberRecord | undefined> {
  const cached = board.roster.find((m) => m.aadObjectId === req.userKey);
  if (cached) return cached.status === "active" ? cached : undefined;
  const fresh = await loadBoard(req, board.partnership.id);
  if (!isBoard(fresh)) return undefined;
  const actor = fresh.actor;
  req.deps.boards.put({ partnership: fresh.partnership, roster: actor ? fresh.roster.map((m) => (m.id === actor.id ? actor : m)) : fresh.roster });
  return actor;
}

/**
 * A listing command in a 1:1 chat (`my actions`, `apologies`, `sign-offs`) covers every board the person
 * is on, one card per board in name order, unless the text names one; in a channel, its one board.
 * `several` tells the listing to put the board's name on its card.
 */
export async function forEachBoard(req: Request, run: (board: Board, several: boolean) => Promise<Outcome>): Promise<Outcome> {
  const boards = await boardsOfPerson(req);
  if (!Array.isArray(boards)) return boards;
  const named = boardNamedIn(commandText(req.context).split("\n")[0]!.slice(0, 300), boards.map((b) => b.partnership));
  const picked = named && boards.find((b) => b.partnership.id === named.id);
  if (picked) return run(picked, true);
  if (boards.length === 1) return run(boards[0]!, false);
  const outcomes = await Promise.all(boards.map((b) => run(b, true)));
  return {
    posts: outcomes.flatMap((o, i) => [
      ...(o.notice ? [`**${boards[i]!.partnership.name}**: ${o.notice}`] : []),
      ...(o.card ? [o.card] : []),
      ...(o.posts ?? []),
    ]),
  };
}
