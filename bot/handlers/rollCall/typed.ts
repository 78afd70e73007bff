import { cachedActor, channelPartnershipId, NOT_SET_UP } from "../../board";
import { CachedBoard } from "../../boardCache";
import { parseGuest, parseMark, parseSubstituteLine } from "../../commands/chairControls";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { MemberRecord } from "../../../storage/store";
import { matchMember } from "../../rules/nameMatch";
import { can, whoCan } from "../../rules/permissions";
import { todayIn } from "../../rules/zonedTime";
import { upcomingMeetings } from "../meetings";
import { addGuest, markAttendance, setRollState } from "./chair";

// The roll-call card's chair controls, typed in the board's channel. Each one finds today's roll and
// runs the same handler the card's button runs, so the records, the audit, the shared card and the
// quorum announcements are the same; only the answer is a sentence instead of a card.

interface TodaysRoll {
  board: CachedBoard;
  ref: { partnershipId: string; meetingId: string };
  title: string;
}

async function todaysRoll(req: Request, want: "open" | "closed" | "any"): Promise<TodaysRoll | Outcome> {
  if (req.scope === "personal") return say("The roll call is in the board's channel: type this there.");
  const partnershipId = channelPartnershipId(req);
  const board = await req.deps.boards.get(partnershipId);
  if (!board) return say(NOT_SET_UP);
  const actor = await cachedActor(req, board);
  // Members are refused before anything is looked up for them.
  if (!actor || !can(actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can do that.`);
  const zone = board.partnership.timeZone;
  const today = todayIn(zone, req.now);
  const meetings = (await upcomingMeetings(req, board.partnership, 10)).filter((m) => todayIn(zone, new Date(m.startsAt)) === today);
  const rolls = await Promise.all(meetings.map(async (m) => ({ m, roll: (await req.deps.store.rollCalls.read(partnershipId, m.id)).roll })));
  const withRoll = rolls.filter((r) => r.roll && (want === "any" || r.roll.state === want));
  const chosen = withRoll.find((r) => r.roll?.state === "open") ?? withRoll[0];
  if (!chosen) {
    if (want === "closed") return say("There's no closed roll call today to reopen.");
    return say(rolls.some((r) => r.roll) ? "Today's roll call is closed. Reopen it with **reopen roll call**." : "There's no roll call open today. Open one with **roll call**.");
  }
  return { board, ref: { partnershipId, meetingId: chosen.m.id }, title: chosen.m.title };
}

const isRoll = (x: TodaysRoll | Outcome): x is TodaysRoll => (x as TodaysRoll).ref !== undefined;

/** A handler's refusal is passed on as it is; its card (the chair's own view) becomes a sentence. */
const answered = (outcome: Outcome, done: string): Outcome => (outcome.notice ? { notice: outcome.notice } : say(done));

function findMember(board: CachedBoard, typed: string): MemberRecord | Outcome {
  const found = matchMember(typed, board.roster.filter((m) => m.status === "active"));
  if (found.kind === "one") return found.member;
  if (found.kind === "several") return say(`More than one member matches "${typed}": ${found.members.map((m) => `${m.name} (${m.organisation})`).join(", ")}. Give the full name. Nothing was recorded.`);
  return say(`No member called "${typed}" is on the roster. Nothing was recorded.`);
}

export async function closeRollTyped(req: Request): Promise<Outcome> {
  const roll = await todaysRoll(req, "open");
  if (!isRoll(roll)) return roll;
  return answered(await setRollState(req, roll.ref, "closed"), `Roll call closed for ${roll.title}. The quorum at this moment is stored for the minutes; late arrivals and departures are still recorded.`);
}

export async function reopenRollTyped(req: Request): Promise<Outcome> {
  const roll = await todaysRoll(req, "closed");
  if (!isRoll(roll)) return roll;
  return answered(await setRollState(req, roll.ref, "open"), `Roll call reopened for ${roll.title}.`);
}

const MARK_DONE = { present: "present", absent: "absent", left: "as having left", apologies: "as sending apologies" } as const;

/** `mark <name> present|absent|left|apologies` */
export async function markTyped(req: Request, rest: string): Promise<Outcome> {
  const parsed = parseMark(rest);
  const roll = await todaysRoll(req, "any");
  if (!isRoll(roll)) return roll;
  if (!parsed) return say("Say it as: mark <name> present, absent, left or apologies. Nothing was recorded.");
  const member = findMember(roll.board, parsed.who);
  if (!("id" in member)) return member;
  return answered(await markAttendance(req, { ...roll.ref, memberId: member.id, status: parsed.status }), `Recorded ${member.name} ${MARK_DONE[parsed.status]}.`);
}

/** `<deputy> is here for <name>` */
export async function substituteTyped(req: Request, text: string): Promise<Outcome> {
  const parsed = parseSubstituteLine(text);
  const roll = await todaysRoll(req, "any");
  if (!isRoll(roll)) return roll;
  if (!parsed) return say("Say it as: <deputy's name> is here for <member's name>. Nothing was recorded.");
  const member = findMember(roll.board, parsed.member);
  if (!("id" in member)) return member;
  const outcome = await markAttendance(req, { ...roll.ref, memberId: member.id, status: "present-substitute", substituteName: parsed.deputy });
  return answered(outcome, `Recorded ${parsed.deputy} present as substitute for ${member.name} (${member.organisation}).`);
}

/** `add guest <name>, <organisation>` */
export async function guestTyped(req: Request, rest: string): Promise<Outcome> {
  const parsed = parseGuest(rest);
  const roll = await todaysRoll(req, "any");
  if (!isRoll(roll)) return roll;
  if (!parsed) return say("Say it as: add guest <name>, <organisation>. Nothing was recorded.");
  if (parsed.name.length > 120 || (parsed.organisation?.length ?? 0) > 120) return say("A name or organisation can be at most 120 characters. Nothing was recorded.");
  const outcome = await addGuest(req, { ...roll.ref, guestName: parsed.name, guestOrganisation: parsed.organisation });
  return answered(outcome, `Recorded ${parsed.name}${parsed.organisation ? ` (${parsed.organisation})` : ""} in attendance, as a guest who does not count towards quorum.`);
}
