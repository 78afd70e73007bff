import { z } from "zod";
import { actionCard, actionLogCard } from "../../cards/actionCard";
import { ActionRecord, CardCopy } from "../../storage/actionTable";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, boardForPress, isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { actionLog, LogItem } from "../rules/actionLog";
import { ACTION_REF, formatRef, parseRef } from "../rules/actionRef";
import { applyUpdate, isOutstanding, statusWords } from "../rules/actionStatus";
import { parseActionText, ParsedOwner } from "../rules/actionText";
import { Action, ACTION_STATUSES, ActionDue, ActionOwner, MAX_ACTION_TEXT, MAX_NOTE } from "../rules/actionTypes";
import { matchMember } from "../rules/nameMatch";
import { can, whoCan } from "../rules/permissions";
import { formatDate, todayIn } from "../rules/zonedTime";
import { mentionsOf } from "../teams/activity";
import { upcomingMeetings } from "./meetings";

// The action log: raised in the meeting, owned, updated from cards (every copy changes), listed and
// chased before the next meeting.

const ref = z.string().trim().toUpperCase().regex(ACTION_REF, "That card does not name an action.");
export const updateInput = z.object({
  partnershipId: z.string().max(40),
  ref,
  status: z.enum(ACTION_STATUSES, "Choose a status: open, in progress, done or dropped."),
  note: z.string().trim().max(MAX_NOTE, `A note can be at most ${MAX_NOTE} characters.`).optional(),
});
export const openInput = z.object({ partnershipId: z.string().max(40), ref });
export const editInput = z.object({
  partnershipId: z.string().max(40),
  ref,
  text: z.string().trim().min(1, "The action needs some words.").max(MAX_ACTION_TEXT, `An action can be at most ${MAX_ACTION_TEXT} characters.`),
  ownerIds: z.string().max(2000).default(""),
  outsideOwners: z.string().max(300, "Outside owners can be at most 300 characters.").default(""),
  dueDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
  dueNextMeeting: z.enum(["true", "false"]).default("false"),
});
export const raiseInput = z.object({
  partnershipId: z.string().max(40),
  text: z.string().trim().min(1, "Say what is to be done.").max(MAX_ACTION_TEXT, `An action can be at most ${MAX_ACTION_TEXT} characters.`),
  ownerIds: z.string().max(2000).default(""),
  outsideOwners: z.string().max(300, "Outside owners can be at most 300 characters.").default(""),
  dueDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
  dueNextMeeting: z.enum(["true", "false"]).default("false"),
  agendaItem: z.union([z.string().trim().regex(/^\d+(\.\d+)*$/, "An agenda item is a number such as 6.2."), z.literal("")]).default(""),
});
export const pageInput = z.object({
  partnershipId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  owner: z.string().max(64).default(""),
  status: z.union([z.enum([...ACTION_STATUSES, "outstanding", "completed"]), z.literal("")]).default(""),
  mine: z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]).default(false),
});

/** Completed actions stay in the default log this long (the rules' default too). */
const RECENT_DAYS = 90;
const NOT_ALLOWED = `Only an owner of this action, the chair or the partnership manager can update it. Nothing was changed.`;

// ---------------------------------------------------------------- raising

/** `action for @Cheryl Wells: circulate the Prevent strategy to statutory partners by 20 June` */
export async function raiseAction(req: Request, text: string): Promise<Outcome> {
  if (req.scope === "personal") return say("Raise actions in the board's channel, so the board sees them.");
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can raise actions.`);
  const parsed = parseActionText(text, { timeZone: board.partnership.timeZone, now: req.now, mentions: mentionsOf(req.context.activity) });
  if (!parsed.ok) return say(parsed.message);
  const owners = resolveOwners(board, parsed.owners);
  if (typeof owners === "string") return say(owners);
  return raise(req, board, parsed.text, owners, parsed.due);
}

/** The "Raise an action" form on the action log card. */
export async function raiseFromForm(req: Request, input: z.infer<typeof raiseInput>): Promise<Outcome> {
  if (req.scope === "personal") return say("Raise actions in the board's channel, so the board sees them.");
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can raise actions.`);
  const owners = ownersFromForm(board, input.ownerIds, input.outsideOwners);
  if (typeof owners === "string") return say(owners);
  if (input.dueDate && input.dueDate < todayIn(board.partnership.timeZone, req.now)) return say("That due date has passed. Nothing was raised.");
  const due: ActionDue | undefined = input.dueNextMeeting === "true" ? { kind: "next-meeting" } : input.dueDate ? { kind: "date", date: input.dueDate } : undefined;
  return raise(req, board, input.text, owners, due, input.agendaItem || undefined);
}

function ownersFromForm(board: Board, ownerIds: string, outsideOwners: string): ActionOwner[] | string {
  const ids = ownerIds.split(",").map((s) => s.trim()).filter(Boolean);
  const members = ids.map((id) => board.roster.find((m) => m.id === id && m.status === "active"));
  if (members.some((m) => !m)) return "That card names an owner who isn't on the roster. Nothing was changed.";
  const outside = outsideOwners.split(",").map((s) => s.trim()).filter(Boolean).map(outsideOwner);
  const owners: ActionOwner[] = [...(members as MemberRecord[]).map((m) => ({ kind: "member" as const, memberId: m.id, name: m.name })), ...outside];
  return owners.length ? owners : "An action needs at least one owner. Nothing was changed.";
}

async function raise(req: Request, board: Board, text: string, owners: ActionOwner[], due?: ActionDue, agendaItem?: string): Promise<Outcome> {
  const { store } = req.deps;
  const partnershipId = board.partnership.id;
  const zone = board.partnership.timeZone;
  const year = Number(todayIn(zone, req.now).slice(0, 4));
  const running = await runningMeeting(req, board);
  const seq = await store.actions.nextNumber(partnershipId, year);
  const action: ActionRecord = {
    partnershipId,
    ref: formatRef(year, seq),
    seq,
    year,
    text,
    owners,
    due,
    status: "open",
    raisedAt: req.now.toISOString(),
    raisedBy: board.actor!.id,
    meetingId: running,
    // Minutes say where an action came from: "(item 6.2)" in the words, or the form's field.
    agendaItem: agendaItem ?? /\bitem\s+(\d+(?:\.\d+)*)\b/i.exec(text)?.[1],
    history: [],
    updatedAt: req.now.toISOString(),
    copies: [],
  };
  await store.actions.create(action);
  await audit(req, partnershipId, "action.raised", action.ref, undefined, { owners: owners.length, due, meetingId: running });
  req.deps.log.info("action.raised", { partnershipId, ref: action.ref });

  // Stored: whatever fails from here on is said as it is, never "not saved" (a retry would raise it twice).
  try {
    return await deliverAction(req, board, action, owners);
  } catch (error) {
    req.deps.log.error("action.delivery_failed", { partnershipId, ref: action.ref, error });
    return say(`Action ${action.ref} is recorded, but its card could not be sent everywhere. Say **actions** to see it.`);
  }
}

/** The card goes to the channel and to each owner who is a member, in their 1:1 chat. */
async function deliverAction(req: Request, board: Board, action: ActionRecord, owners: ActionOwner[]): Promise<Outcome> {
  const partnershipId = board.partnership.id;
  const card = await actionCardFor(req, board, action);
  const channel = { serviceUrl: board.partnership.channel.serviceUrl, conversationId: board.partnership.channel.conversationId, tenantId: board.partnership.channel.tenantId };
  const copies: CardCopy[] = [];
  const unreachable: string[] = [];
  try {
    const channelId = await req.deps.proactive.post(channel, card);
    if (channelId) copies.push({ conversationId: channel.conversationId, activityId: channelId, serviceUrl: channel.serviceUrl });
  } catch (error) {
    unreachable.push("the channel");
    req.deps.log.warn("action.channel_post_failed", { ref: action.ref, error });
  }
  for (const owner of owners) {
    if (owner.kind !== "member") continue;
    const member = board.roster.find((m) => m.id === owner.memberId);
    if (!member?.teamsUserId) {
      unreachable.push(owner.name);
      continue;
    }
    try {
      const sent = await req.deps.proactive.postToPerson({ teamsUserId: member.teamsUserId, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl }, card);
      if (sent.activityId) copies.push({ conversationId: sent.conversationId, activityId: sent.activityId, serviceUrl: board.partnership.channel.serviceUrl });
    } catch (error) {
      unreachable.push(owner.name);
      req.deps.log.warn("action.owner_unreachable", { ref: action.ref, memberId: member.id, error });
    }
  }
  await req.deps.store.actions.mutate(partnershipId, rowOf(action), (current) => current && { ...current, copies: [...current.copies, ...copies] });
  // The card in the channel is the confirmation; a message only when an owner could not be reached.
  if (unreachable.length === 0) return {};
  if (unreachable.includes("the channel")) return say(`Action ${action.ref} is recorded, but its card could not be posted in the channel. Say **actions** to see it.`);
  return { notice: `${action.ref}: ${unreachable.join(", ")} will see it when they next talk to me; Teams doesn't let me message them first.` };
}

// ---------------------------------------------------------------- updating

/**
 * An owner (or the chair) updates an action from its card: a hot path like a check-in. The board comes
 * from the cache, the action is read once and replaced under its ETag (two round trips); the audit
 * entry and every copy of the card follow behind the answer. A redelivered press is recognised by its
 * activity id in the action's history, so it needs no separate delivery claim.
 */
export async function updateAction(req: Request, input: z.infer<typeof updateInput>): Promise<Outcome> {
  const pressed = await boardForPress(req, input.partnershipId);
  if (!("board" in pressed)) return pressed;
  const { board, actor } = pressed;
  if (!actor) return say("Only members of this board can see or update its actions.");
  const found = await actionByRef(req, board.partnership.id, input.ref);
  if (!found) return say(noSuchAction(input.ref));
  if (!(isOwner(found.value, actor) || can(actor, "raiseActions"))) return say(NOT_ALLOWED);

  const delivery = req.context.activity.id || undefined;
  const seen = (a: Action) => delivery !== undefined && a.history.some((u) => u.delivery === delivery);
  let rejection: string | undefined;
  let repeated = false;
  const result = await req.deps.store.actions.mutate(
    board.partnership.id,
    rowOf(found.value),
    (current) => {
      if (!current) return undefined;
      if (seen(current)) {
        repeated = true; // Teams delivered this press again: it is already recorded
        return undefined;
      }
      const applied = applyUpdate(current, { by: actor.id, byName: actor.name, to: input.status, note: input.note || undefined, at: req.now.toISOString(), delivery });
      if (!applied.ok) {
        rejection = applied.message;
        return undefined;
      }
      return { ...current, ...applied.action, copies: current.copies };
    },
    found,
  );
  if (!result.after) return say("That action no longer exists.");
  if (repeated) return { card: await actionCardFor(req, board, result.after) };
  if (rejection) return say(`${rejection} Nothing was changed.`.replace(/\.\s*Nothing/, ". Nothing"));
  const after = result.after;
  const latest = after.history.at(-1);
  req.deps.background.run("audit.action_update", () =>
    audit(req, board.partnership.id, "action.updated", after.ref, { status: result.before?.status }, { status: after.status, note: Boolean(latest?.note) }),
  );
  const card = await actionCardFor(req, board, after);
  refreshCopies(req, after, card);
  return { card };
}

/** Chair and manager: the words, the owners and the due date. */
export async function editAction(req: Request, input: z.infer<typeof editInput>): Promise<Outcome> {
  const found = await findAction(req, input.partnershipId, input.ref);
  if ("outcome" in found) return found.outcome;
  const { board, action } = found;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can change an action's words, owners or due date. Nothing was changed.`);
  const owners = ownersFromForm(board, input.ownerIds, input.outsideOwners);
  if (typeof owners === "string") return say(owners);
  const due: ActionDue | undefined = input.dueNextMeeting === "true" ? { kind: "next-meeting" } : input.dueDate ? { kind: "date", date: input.dueDate } : undefined;
  const result = await req.deps.store.actions.mutate(board.partnership.id, rowOf(action), (current) => {
    if (!current) return undefined;
    const next = { ...current, text: input.text, owners, due, updatedAt: req.now.toISOString() };
    return JSON.stringify([next.text, next.owners, next.due]) === JSON.stringify([current.text, current.owners, current.due]) ? undefined : next;
  });
  if (!result.after) return say("That action no longer exists.");
  if (result.changed) {
    await audit(req, board.partnership.id, "action.edited", action.ref, pickEdit(result.before), pickEdit(result.after));
  }
  const card = await actionCardFor(req, board, result.after);
  if (result.changed) refreshCopies(req, result.after, card);
  return { card };
}

export async function openAction(req: Request, input: z.infer<typeof openInput>): Promise<Outcome> {
  const found = await findAction(req, input.partnershipId, input.ref);
  if ("outcome" in found) return found.outcome;
  return { card: await actionCardFor(req, found.board, found.action) };
}

// ---------------------------------------------------------------- the log

/** `actions` (or the log card's paging and filter): outstanding first, overdue marked, ten a page. */
export async function showLog(req: Request, input: z.infer<typeof pageInput>): Promise<Outcome> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("Only members of this board can see its action log.");
  const zone = board.partnership.timeZone;
  // The default view (outstanding, recently completed) reads only those; other filters need them all.
  const status = input.mine ? "outstanding" : input.status || undefined;
  const since = new Date(req.now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [actions, next] = await Promise.all([
    !status || status === "outstanding" ? req.deps.store.actions.current(board.partnership.id, since) : req.deps.store.actions.all(board.partnership.id),
    nextMeetingDate(req, board),
  ]);
  const owner = input.mine ? board.actor.id : input.owner || undefined;
  const log = actionLog(actions, {
    now: req.now,
    timeZone: zone,
    nextMeetingDate: next,
    owner,
    status,
    page: input.page,
    recentDays: RECENT_DAYS,
  });
  const ownerChoices = board.roster
    .filter((m) => m.status === "active" && actions.some((a) => a.owners.some((o) => o.kind === "member" && o.memberId === m.id)))
    .map((m) => ({ title: m.name, value: m.id }));
  return {
    card: actionLogCard({
      partnershipId: board.partnership.id,
      title: input.mine ? `Your actions: ${log.total}` : `${board.partnership.name}: action log`,
      summary: `${log.outstanding} outstanding, ${log.overdue} overdue.`,
      empty: input.mine ? "You have no outstanding actions." : "No actions match.",
      items: log.items.map(logItemView),
      page: log.page,
      pages: log.pages,
      owner: input.mine ? "" : input.owner,
      status: input.mine ? "" : input.status,
      mine: input.mine,
      ownerChoices,
      canRaise: req.scope !== "personal" && can(board.actor, "raiseActions"),
      memberChoices: board.roster.filter((m) => m.status === "active").map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })),
    }),
  };
}

/** The line the roll-call thread gets at the start of a meeting. */
export async function outstandingSummary(req: Request, board: Board): Promise<{ outstanding: number; overdue: number }> {
  const actions = await req.deps.store.actions.outstanding(board.partnership.id);
  const log = actionLog(actions, { now: req.now, timeZone: board.partnership.timeZone, status: "outstanding", page: 1 });
  return { outstanding: log.outstanding, overdue: log.overdue };
}

// ---------------------------------------------------------------- helpers

function logItemView(item: LogItem) {
  return {
    ref: item.action.ref,
    statusText: statusWords(item.action.status),
    dueText: item.dueText,
    overdue: item.overdue,
    text: item.action.text,
    ownerText: item.ownerText,
    latest: item.latest ? `${statusWords(item.latest.to)}${item.latest.note ? `: ${item.latest.note}` : ""}` : undefined,
  };
}

async function findAction(req: Request, cardPartnershipId: string | undefined, reference: string): Promise<{ board: Board; action: ActionRecord } | { outcome: Outcome }> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return { outcome: board };
  if (!board.actor) return { outcome: say("Only members of this board can see or update its actions.") };
  const found = await actionByRef(req, board.partnership.id, reference);
  if (!found) return { outcome: say(noSuchAction(reference)) };
  return { board, action: found.value };
}

/** An action by its reference (A-2024-017), with its ETag; undefined for a malformed or unknown one. */
async function actionByRef(req: Request, partnershipId: string, reference: string) {
  const parsed = parseRef(reference);
  return parsed ? req.deps.store.actions.getByNumber(partnershipId, parsed.year, parsed.seq) : undefined;
}

const noSuchAction = (reference: string) => `There is no action ${reference} on this board. Nothing was changed.`;

function resolveOwners(board: Board, parsed: ParsedOwner[]): ActionOwner[] | string {
  const owners: ActionOwner[] = [];
  for (const p of parsed) {
    const linked = p.kind === "mention" ? board.roster.find((m) => m.teamsUserId === p.id && m.status === "active") : undefined;
    if (linked) {
      owners.push({ kind: "member", memberId: linked.id, name: linked.name });
      continue;
    }
    const match = matchMember(p.name, board.roster, { organisation: p.kind === "name" ? p.organisation : undefined });
    const byInitials = match.kind === "none" ? initialsMatch(p.name, board.roster) : [];
    if (match.kind === "one") owners.push({ kind: "member", memberId: match.member.id, name: match.member.name });
    else if (byInitials.length === 1) owners.push({ kind: "member", memberId: byInitials[0]!.id, name: byInitials[0]!.name });
    else if (match.kind === "several" || byInitials.length > 1) {
      const names = (match.kind === "several" ? match.members : byInitials).map((m) => m.name).join(", ");
      return `"${p.name}" could be ${names}: @mention them or use their full name. Nothing was raised.`;
    } else if (p.kind === "mention") {
      return `${p.name} isn't on this board's roster; name them with their organisation, e.g. for ${p.name} (Police). Nothing was raised.`;
    } else owners.push({ kind: "outside", name: p.name, organisation: p.organisation });
  }
  // Two spellings of one member would make two owners.
  return owners.filter((o, i) => o.kind !== "member" || owners.findIndex((x) => x.kind === "member" && x.memberId === o.memberId) === i);
}

/** Minutes write owners as initials: "MC to share the self-assessment". */
function initialsMatch(typed: string, roster: MemberRecord[]): MemberRecord[] {
  if (!/^[A-Z]{2,3}$/.test(typed.trim())) return [];
  return roster.filter((m) => m.status === "active" && m.name.split(/\s+/).filter((w) => /^[A-Z]/.test(w) && !/^(Cllr|Dr|Mr|Mrs|Ms)$/.test(w)).map((w) => w[0]).join("") === typed.trim());
}

function outsideOwner(text: string): ActionOwner {
  const m = /^(.*?)\s*\(([^)]+)\)$/.exec(text);
  return m ? { kind: "outside", name: m[1]!.trim(), organisation: m[2]!.trim() } : { kind: "outside", name: text };
}

const isOwner = (action: Action, member: MemberRecord) => action.owners.some((o) => o.kind === "member" && o.memberId === member.id);
const rowOf = (a: Action) => `${a.year}-${String(a.seq).padStart(6, "0")}`;
const pickEdit = (a?: Action) => a && { text: a.text, owners: a.owners.length, due: a.due };

function refreshCopies(req: Request, action: ActionRecord, card: ReturnType<typeof actionCard>): void {
  const version = Date.parse(action.updatedAt) * 1000 + action.history.length;
  for (const copy of action.copies) {
    req.deps.cards.request({ serviceUrl: copy.serviceUrl, conversationId: copy.conversationId }, copy.activityId, version, async () => card);
  }
}

/** A meeting whose roll call is open or in progress now: actions raised then record it. */
async function runningMeeting(req: Request, board: Board): Promise<string | undefined> {
  const today = todayIn(board.partnership.timeZone, req.now);
  const meetings = await upcomingMeetings(req, board.partnership, 5);
  return meetings.find((m) => (m.state === "roll-call-open" || m.state === "in-progress") && todayIn(board.partnership.timeZone, new Date(m.startsAt)) === today)?.id;
}

async function nextMeetingDate(req: Request, board: Board): Promise<string | undefined> {
  const meetings = await upcomingMeetings(req, board.partnership, 5);
  const next = meetings.find((m) => Date.parse(m.startsAt) > req.now.getTime());
  return next && todayIn(board.partnership.timeZone, new Date(next.startsAt));
}

export async function actionCardFor(req: Request, board: Board, action: Action) {
  const zone = board.partnership.timeZone;
  const next = action.due?.kind === "next-meeting" ? await nextMeetingDate(req, board) : undefined;
  const due = action.due;
  const dueText = !due ? "No date" : due.kind === "date" ? formatDate(`${due.date}T12:00:00Z`, zone) : next ? `Next meeting (${formatDate(`${next}T12:00:00Z`, zone)})` : "Next meeting";
  const dueDay = due?.kind === "date" ? due.date : next;
  const latest = action.history.at(-1);
  return actionCard({
    partnershipId: board.partnership.id,
    ref: action.ref,
    text: action.text,
    status: action.status,
    statusText: statusWords(action.status),
    ownerText: action.owners.map((o) => (o.kind === "outside" && o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(", "),
    dueText,
    overdue: isOutstanding(action) && dueDay !== undefined && dueDay < todayIn(zone, req.now),
    raisedText: `${formatDate(action.raisedAt, zone)}${action.agendaItem ? `, item ${action.agendaItem}` : ""}`,
    latest: latest && `${statusWords(latest.to)}${latest.note ? `: ${latest.note}` : ""} (${latest.byName}, ${formatDate(latest.at, zone)})`,
    earlier: Math.max(0, action.history.length - 1),
    ownerIds: action.owners.flatMap((o) => (o.kind === "member" ? [o.memberId] : [])),
    outsideOwners: action.owners.flatMap((o) => (o.kind === "outside" ? [o.organisation ? `${o.name} (${o.organisation})` : o.name] : [])).join(", "),
    dueDate: due?.kind === "date" ? due.date : "",
    dueNextMeeting: due?.kind === "next-meeting",
    memberChoices: board.roster.filter((m) => m.status === "active").map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })),
  });
}
