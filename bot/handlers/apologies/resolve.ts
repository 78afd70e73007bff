// Resolving an apology's who (on the roster, and allowed) and which meeting, asking when it is unclear.
import { choiceCard } from "../../../cards/choiceCard";
import { Meeting } from "../../domain/types";
import { MemberRecord } from "../../../storage/store";
import { Board } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { ApologyReading } from "../../rules/apology/readApology";
import { MeetingRef } from "../../rules/apology/meetingRef";
import { matchMember } from "../../rules/nameMatch";
import { formatMeetingWhen, todayIn } from "../../rules/zonedTime";
import { upcomingMeetings } from "../meetings";

export const ON_BEHALF = "Only the chair or the partnership manager can send apologies on someone else's behalf. Nothing was recorded.";

type Who = { members: MemberRecord[] } | { members: MemberRecord[]; ambiguous: { name: string; candidates: MemberRecord[] } } | { outcome: Outcome };

export function resolveWho(board: Board, reading: ApologyReading): Who {
  const actor = board.actor!;
  if (reading.onBehalfOf.length === 0) return { members: [actor] };
  const members: MemberRecord[] = [];
  let ambiguous: { name: string; candidates: MemberRecord[] } | undefined;
  for (const name of reading.onBehalfOf) {
    const match = matchMember(name, board.roster, { organisation: reading.organisation });
    if (match.kind === "one") members.push(match.member);
    else if (match.kind === "none") {
      const near = nearNames(name, board.roster);
      if (near.length === 0) return { outcome: say(`I can't find "${name}" on the roster. Nothing was recorded.`) };
      if (!ambiguous) ambiguous = { name, candidates: near };
      else return { outcome: say(`I can't find "${name}" on the roster. Nothing was recorded.`) };
    }
    else if (!ambiguous) ambiguous = { name, candidates: match.members };
    else return { outcome: say(`"${ambiguous.name}" and "${name}" each match several members: please use full names. Nothing was recorded.`) };
  }
  // Naming only yourself is not acting for others.
  if (!canActForOthers(actor) && (ambiguous || members.some((m) => m.id !== actor.id))) return { outcome: say(ON_BEHALF) };
  return ambiguous ? { members, ambiguous } : { members };
}

/** No match: members whose first name or surname starts like a word of what was typed, to ask about. */
function nearNames(typed: string, roster: MemberRecord[]): MemberRecord[] {
  const stems = typed.toLowerCase().split(/\s+/).filter((w) => w.length >= 3).map((w) => w.slice(0, 3));
  if (stems.length === 0) return [];
  return roster
    .filter((m) => m.status === "active" && m.name.toLowerCase().split(/\s+/).some((w) => stems.some((stem) => w.startsWith(stem))))
    .slice(0, 6);
}

export const pending = (board: Board, meeting: Meeting, members: MemberRecord[], reading: ApologyReading) => ({
  partnershipId: board.partnership.id,
  meetingId: meeting.id,
  memberIds: members.map((m) => m.id).join(","),
  reason: reading.reason ?? "",
  deputy: reading.deputy ?? "",
});

export async function resolveMeeting(req: Request, board: Board, ref: MeetingRef): Promise<{ meeting: Meeting } | { outcome: Outcome }> {
  const zone = board.partnership.timeZone;
  if (ref.kind === "next") {
    const meeting = await nextMeeting(req, board);
    return meeting ? { meeting } : { outcome: say("There is no meeting to come, so there is nothing to send apologies for yet.") };
  }
  const upcoming = await upcomingMeetings(req, board.partnership, 20);
  const onDay = upcoming.filter((m) => todayIn(zone, new Date(m.startsAt)) === ref.date);
  if (onDay.length === 1) return { meeting: onDay[0]! };
  const nearest = [...upcoming].sort((a, b) => Math.abs(Date.parse(a.startsAt) - Date.parse(ref.date)) - Math.abs(Date.parse(b.startsAt) - Date.parse(ref.date))).slice(0, 4);
  if (nearest.length === 0) return { outcome: say("There is no meeting to come, so there is nothing to send apologies for yet.") };
  return {
    outcome: {
      card: choiceCard({
        title: onDay.length ? `There are ${onDay.length} meetings that day. Which one?` : `There's no meeting on ${ref.date.split("-").reverse().join("/")}. Which did you mean?`,
        lines: [],
        buttons: nearest.map((m) => ({ title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`, verb: "apology.record", data: { partnershipId: board.partnership.id, meetingId: m.id } })),
      }),
    },
  };
}

/** A question about the meeting keeps who, why and the deputy in each answer's data. */
export function withPending(outcome: Outcome, members: MemberRecord[], reading: ApologyReading): Outcome {
  const card = outcome.card as { actions?: { data?: Record<string, unknown> }[] } | undefined;
  for (const action of card?.actions ?? []) {
    if (action.data) Object.assign(action.data, { memberIds: members.map((m) => m.id).join(","), reason: reading.reason ?? "", deputy: reading.deputy ?? "" });
  }
  return outcome;
}

export async function nextMeeting(req: Request, board: Board): Promise<Meeting | undefined> {
  const now = req.now.getTime();
  const upcoming = await upcomingMeetings(req, board.partnership, 10);
  return upcoming.find((m) => Date.parse(m.endsAt ?? m.startsAt) + (m.endsAt ? 0 : 2 * 3600_000) > now && m.state !== "closed");
}

export const canActForOthers = (m: MemberRecord) => m.status === "active" && (m.role === "chair" || m.role === "manager");
