import { z } from "zod";
import { CATEGORIES, Category, Member, Role, ROLES } from "../domain/types";
import { memberIdForEmail } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { can, whoCan } from "../rules/permissions";
import { parseRosterCsv } from "../rules/roster/rosterCsv";
import { rosterCardFor } from "./roster";
import { syncIdentities } from "./identities";
import { notInTeamText } from "../rules/identityMatch";

// Single edits to the roster: add one member, change a category or role, remove (mark former).

const HEADER = "name,title,organisation,category,role,email";
const LAST_MANAGER = "The board needs at least one partnership manager: make someone else manager first.";

export const addMemberInput = z.object({
  partnershipId: z.string().max(40).optional(),
  name: z.string().max(500).default(""),
  title: z.string().max(500).default(""),
  organisation: z.string().max(500).default(""),
  // The card's two forms name their choices apart (addCategory, editCategory...): Teams gathers every
  // input on the card by id, so shared ids would let one form read the other's choice.
  addCategory: z.string().max(50).default(""),
  addRole: z.string().max(50).default(""),
  email: z.string().max(500).default(""),
});

/** "(no change)" on the card; an absent or empty value means the same. */
const unchanged = z.union([z.literal("unchanged"), z.literal("")]).transform(() => undefined);

export const changeMemberInput = z.object({
  partnershipId: z.string().max(40).optional(),
  memberId: z.string().max(64),
  editCategory: z.union([z.enum(CATEGORIES), unchanged]).optional(),
  editRole: z.union([z.enum(ROLES), unchanged]).optional(),
});

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** The form and the typed line go through exactly the checks an imported line does. */
export async function addMemberFromForm(req: Request, input: z.infer<typeof addMemberInput>): Promise<Outcome> {
  const line = [input.name, input.title, input.organisation, input.addCategory, input.addRole, input.email].map(quote).join(",");
  return addMember(req, line, input.partnershipId);
}

/** `add member Kate Taylor, Inspector, Essex Police, statutory, member, kate.taylor@example.org` */
export async function addMember(req: Request, csvLine: string, cardPartnershipId?: string): Promise<Outcome> {
  const board = await managerBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!csvLine.trim()) return say(`Give the member as: add member name, title, organisation, category, role, email`);
  const parsed = parseRosterCsv(`${HEADER}\n${csvLine.trim()}`);
  if (!parsed.ok) return say(`Nothing was added. ${parsed.errors.map((e) => e.message.replace(/^Line \d+: /, "")).join(" ")}`);
  const row = parsed.rows[0];
  if (!row || parsed.rows.length !== 1) return say("Add one member at a time, or use **import roster** for several.");

  const partnershipId = board.partnership.id;
  const id = memberIdForEmail(row.email);
  const fields = { name: row.name, title: row.title, organisation: row.organisation, category: row.category, role: row.role, email: row.email };
  const result = await req.deps.store.members.mutate(partnershipId, id, (current) => {
    if (current?.status === "active") return undefined;
    return { ...(current ?? {}), ...fields, id, partnershipId, status: "active", formerSince: undefined, updatedAt: req.now.toISOString() } as MemberRecord;
  });
  if (!result.changed) return { card: await freshRosterCard(req, board), notice: `${row.name} is already on the roster.` };
  await req.deps.store.directory.upsert({ kind: "email", subject: id, partnershipId, memberId: id });
  req.deps.boards.invalidate(partnershipId);
  await audit(req, partnershipId, result.before ? "member.reactivated" : "member.added", id, result.before, result.after);
  // Linked now, so they can be written to before they ever speak to the bot.
  const identities = await syncIdentities(req, board.partnership);
  const missing = identities?.notInTeam.some((m) => m.id === id) ? ` ${notInTeamText([result.after!])}` : "";
  return { card: await freshRosterCard(req, board, `${row.name} added to the roster.${missing}`) };
}

/** `set role <name or email> to vice-chair`, `set category <name or email> to statutory`, or the card. */
export async function changeMember(
  req: Request,
  who: string | { memberId: string },
  change: { category?: Category; role?: Role },
  cardPartnershipId?: string,
): Promise<Outcome> {
  const board = await managerBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  const target = findMember(board, who);
  if (typeof target === "string") return say(target);
  if (!change.category && !change.role) return say("Choose a new category or role first.");
  if (change.role && change.role !== "manager" && target.role === "manager" && managers(board).length === 1) return say(LAST_MANAGER);

  const result = await req.deps.store.members.mutate(board.partnership.id, target.id, (current) => {
    if (!current || current.status !== "active") return undefined;
    const next = { ...current, category: change.category ?? current.category, role: change.role ?? current.role };
    if (next.category === current.category && next.role === current.role) return undefined;
    return { ...next, updatedAt: req.now.toISOString() };
  });
  if (!result.changed) return { card: await freshRosterCard(req, board), notice: `Nothing to change for ${target.name}.` };
  req.deps.boards.invalidate(board.partnership.id);
  await audit(req, board.partnership.id, "member.changed", target.id, pickRole(result.before), pickRole(result.after));
  return { card: await freshRosterCard(req, board, `${target.name} is now ${describe(result.after)}.`) };
}

/** `remove member <name or email>`: they become a former member; their history stays. */
export async function removeMember(req: Request, who: string | { memberId: string }, cardPartnershipId?: string): Promise<Outcome> {
  const board = await managerBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  const target = findMember(board, who);
  if (typeof target === "string") return say(target);
  if (target.role === "manager" && managers(board).length === 1) return say(LAST_MANAGER);
  const result = await req.deps.store.members.mutate(board.partnership.id, target.id, (current) =>
    current && current.status === "active"
      ? { ...current, status: "former", formerSince: req.now.toISOString(), updatedAt: req.now.toISOString() }
      : undefined,
  );
  req.deps.boards.invalidate(board.partnership.id);
  if (result.changed) await audit(req, board.partnership.id, "member.removed", target.id, { status: "active" }, { status: "former" });
  return { card: await freshRosterCard(req, board, `${target.name} is now a former member; their records stay.`) };
}

async function managerBoard(req: Request, cardPartnershipId?: string): Promise<Board | Outcome> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "manageRoster")) return say(`Only ${whoCan("manageRoster")} can change the roster. Nothing was changed.`);
  return board;
}

/** By id from a card, else by email or name as typed; ambiguity is an answer, never a guess. */
function findMember(board: Board, who: string | { memberId: string }): MemberRecord | string {
  const active = board.roster.filter((m) => m.status === "active");
  if (typeof who !== "string") {
    return active.find((m) => m.id === who.memberId) ?? "That member is not on the roster (any more), so nothing was changed.";
  }
  const wanted = who.trim().toLowerCase();
  if (!wanted) return "Say who: their name or email.";
  const byEmail = active.find((m) => m.email === wanted);
  if (byEmail) return byEmail;
  const byName = active.filter((m) => m.name.toLowerCase() === wanted);
  const matches = byName.length > 0 ? byName : active.filter((m) => m.name.toLowerCase().includes(wanted));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) return `I can't find "${who.trim()}" on the roster.`;
  return `"${who.trim()}" matches ${matches.map((m) => `${m.name} (${m.email})`).join(", ")}: use their email.`;
}

const managers = (board: Board) => board.roster.filter((m) => m.status === "active" && m.role === "manager");
const pickRole = (m?: Member) => m && { category: m.category, role: m.role };
const describe = (m?: Member) => (m ? `${m.category}, ${m.role}` : "");

async function freshRosterCard(req: Request, board: Board, status?: string) {
  const roster = await req.deps.store.members.list(board.partnership.id);
  return rosterCardFor({ ...board, roster, actor: roster.find((m) => m.id === board.actor?.id) }, status);
}
