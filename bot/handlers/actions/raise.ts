// The action log: raised in the meeting, owned, updated from cards (every copy changes), listed and
// chased before the next meeting.
import { z } from "zod";
import { ActionRecord, CardCopy } from "../../../storage/actionTable";
import { MemberRecord } from "../../../storage/store";
import { audit } from "../../audit";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { formatRef } from "../../rules/actionRef";
import { parseActionText } from "../../rules/actionText";
import { ActionDue, ActionOwner } from "../../rules/actionTypes";
import { can, whoCan } from "../../rules/permissions";
import { todayIn } from "../../rules/zonedTime";
import { mentionsOf } from "../../teams/activity";
import { upcomingMeetings } from "../meetings";
import { outsideOwner, resolveOwners } from "./owners";
import { raiseInput, ref } from "./inputs";
import { actionCardFor } from "./card";
import { rowOf } from "./lookup";
import { messageMember, tellManagers } from "../../memberMessages";

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

export function ownersFromForm(board: Board, ownerIds: string, outsideOwners: string): ActionOwner[] | string {
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
  const notInTeam: MemberRecord[] = [];
  const failed: string[] = [];
  for (const owner of owners) {
    if (owner.kind !== "member") continue;
    const member = board.roster.find((m) => m.id === owner.memberId);
    if (!member) continue;
    try {
      // Their 1:1 chat is created if they have never spoken to the bot.
      const sent = await messageMember(req.deps, board.partnership, member, card);
      if (!sent.reached) notInTeam.push(member);
      else if (sent.activityId) copies.push({ conversationId: sent.conversationId, activityId: sent.activityId, serviceUrl: board.partnership.channel.serviceUrl });
    } catch (error) {
      failed.push(owner.name);
      req.deps.log.warn("action.owner_unreachable", { ref: action.ref, memberId: member.id, error });
    }
  }
  await req.deps.store.actions.mutate(partnershipId, rowOf(action), (current) => current && { ...current, copies: [...current.copies, ...copies] });
  // The card in the channel is the confirmation; a message only when an owner could not be reached.
  if (unreachable.includes("the channel")) return say(`Action ${action.ref} is recorded, but its card could not be posted in the channel. Say **actions** to see it.`);
  if (notInTeam.length > 0 && board.actor?.role !== "manager") {
    await tellManagers(req.deps, board.partnership, board.roster, notInTeam, `them their copy of action ${action.ref}`);
  }
  const said = [
    notInTeam.length ? `${notInTeam.map((m) => m.name).join(", ")} ${notInTeam.length > 1 ? "are" : "is"} not in this team, so I couldn't send them their copy; add them to the team with the email on the roster.` : "",
    failed.length ? `Their copy could not be sent to ${failed.join(", ")} just now; they'll find it with **my actions**.` : "",
  ].filter(Boolean);
  return said.length ? { notice: `${action.ref}: ${said.join(" ")}` } : {};
}

/** A meeting whose roll call is open or in progress now: actions raised then record it. */
async function runningMeeting(req: Request, board: Board): Promise<string | undefined> {
  const today = todayIn(board.partnership.timeZone, req.now);
  const meetings = await upcomingMeetings(req, board.partnership, 5);
  return meetings.find((m) => (m.state === "roll-call-open" || m.state === "in-progress") && todayIn(board.partnership.timeZone, new Date(m.startsAt)) === today)?.id;
}
