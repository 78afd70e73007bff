import { createHash } from "node:crypto";
import { odata } from "@azure/data-tables";
import { z } from "zod";
import { meetingCard, meetingsCard } from "../../cards/meetingCard";
import { Meeting, MeetingState, Partnership } from "../domain/types";
import { meetingIdFor, meetingRowKeyFrom } from "../../storage/keys";
import { audit } from "../audit";
import { isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { MeetingDraft, parseMeetingText } from "../rules/meetingText";
import { can, whoCan } from "../rules/permissions";
import { formatMeetingWhen, todayIn, zonedInstant } from "../rules/zonedTime";
import { takeTeamsLink } from "../rules/teamsLink";
import { linkFromText, storeTeamsLink } from "./teamsMeeting/link";

// `meeting` schedules one from plain words or the form; `meetings` lists those to come.

const EXAMPLE = "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices";
const MAX_LISTED = 20;

export const meetingFormInput = z.object({
  partnershipId: z.string().max(40).optional(),
  title: z.string().trim().min(1, "Give the meeting a title.").max(120, "A meeting title can be at most 120 characters."),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the meeting's date."),
  start: z.string().regex(/^\d{2}:\d{2}$/, "Choose the start time."),
  end: z.union([z.string().regex(/^\d{2}:\d{2}$/), z.literal("")]).optional(),
  // A place, or a Teams join link (which can be long); the place itself is checked once a link is taken out.
  location: z.string().trim().max(2200, "The place can be at most 200 characters, with a Teams link beside it.").optional(),
});

const STATE_WORDS: Record<MeetingState, string> = {
  scheduled: "Scheduled",
  "roll-call-open": "Roll call open",
  "in-progress": "In progress",
  closed: "Closed",
  cancelled: "Cancelled",
};

export async function scheduleFromText(req: Request, text: string): Promise<Outcome> {
  const board = await schedulerBoard(req);
  if (!isBoard(board)) return board;
  if (!text.trim()) return showMeetings(req, "Say when, for example: " + EXAMPLE);
  const parsed = parseMeetingText(text, { timeZone: board.partnership.timeZone, now: req.now });
  if (!parsed.ok) return say(parsed.message);
  const foreign = parsed.meeting.teams?.tenantId && parsed.meeting.teams.tenantId !== board.partnership.channel.tenantId.toLowerCase();
  if (foreign) return say("That Teams meeting belongs to another organisation, so it can't be linked to this board. Nothing was scheduled.");
  return schedule(req, board.partnership, parsed.meeting);
}

export async function scheduleFromForm(req: Request, input: z.infer<typeof meetingFormInput>): Promise<Outcome> {
  const board = await schedulerBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  const zone = board.partnership.timeZone;
  const startsAt = zonedInstant(input.date, input.start, zone);
  if (!startsAt) return say(`${input.date} ${input.start} is not a time that exists in ${zone}. Nothing was scheduled.`);
  const endsAt = input.end ? zonedInstant(input.date, input.end, zone) : undefined;
  if (input.end && (!endsAt || endsAt <= startsAt)) return say("The meeting must end after it starts. Nothing was scheduled.");
  // The place field takes a Teams join link too.
  const linked = linkFromText(input.location, board.partnership.channel.tenantId);
  if (linked.refusal) return say(`${linked.refusal} Nothing was scheduled.`);
  const location = linked.link ? takeTeamsLink(input.location ?? "").rest || "Teams" : input.location || undefined;
  if (location && location.length > 200) return say("The place can be at most 200 characters. Nothing was scheduled.");
  const teams = linked.link ? { url: linked.link.url ?? "", key: linked.link.key ?? "", threadId: linked.link.threadId } : undefined;
  return schedule(req, board.partnership, { startsAt, endsAt, title: input.title, location, teams });
}

async function schedulerBoard(req: Request, cardPartnershipId?: string) {
  if (req.scope === "personal") return say("Schedule meetings in the board's channel, so everyone sees the meeting card.");
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "scheduleMeetings")) return say(`Only ${whoCan("scheduleMeetings")} can schedule meetings. Nothing was scheduled.`);
  return board;
}

async function schedule(req: Request, partnership: Partnership, draft: MeetingDraft): Promise<Outcome> {
  // The id's suffix comes from the activity, so a redelivered request finds the meeting it made.
  const salt = createHash("sha256").update(req.context.activity.id ?? req.now.toISOString()).digest("hex").slice(0, 6);
  const meeting: Meeting = {
    id: meetingIdFor(draft.startsAt, salt),
    partnershipId: partnership.id,
    title: draft.title,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    location: draft.location,
    agenda: [],
    state: "scheduled",
    createdBy: req.userKey,
    createdAt: req.now.toISOString(),
  };
  if (await req.deps.store.meetings.create(meeting)) {
    await audit(req, partnership.id, "meeting.scheduled", meeting.id, undefined, { title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: meeting.location });
    req.deps.log.info("meeting.scheduled", { partnershipId: partnership.id, meetingId: meeting.id });
  }
  if (draft.teams) {
    const { url, key, threadId } = draft.teams;
    meeting.teams = (await storeTeamsLink(req, partnership.id, meeting.id, { url, key, threadId }))?.teams;
  }
  // Stored: the list for the card's apologies form is a nicety, and must not turn success into "not saved".
  const upcoming = await upcomingMeetings(req, partnership).catch(() => [] as Meeting[]);
  return { posts: [meetingCardFor(partnership, meeting, upcoming)], notice: `Scheduled: ${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone)}.` };
}

/** The meeting card; `others` are offered in its "Send apologies" form beside this meeting. */
export function meetingCardFor(partnership: Partnership, meeting: Meeting, others: Meeting[] = [], heading = "") {
  const choices = [meeting, ...others.filter((m) => m.id !== meeting.id)].map((m) => ({
    title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, partnership.timeZone)}`,
    value: m.id,
  }));
  return meetingCard({
    partnershipId: partnership.id,
    meetingId: meeting.id,
    meetingChoices: choices,
    heading,
    partnershipName: partnership.name,
    title: meeting.title,
    when: formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone),
    where: meeting.location ?? "",
    state: STATE_WORDS[meeting.state],
    agenda: meeting.agenda,
  });
}

/** Meetings from the start of today (in the board's time zone) on, soonest first; cancelled ones left out. */
export async function upcomingMeetings(req: Request, partnership: Partnership, limit = MAX_LISTED): Promise<Meeting[]> {
  const dayStart = zonedInstant(todayIn(partnership.timeZone, req.now), "00:00", partnership.timeZone) ?? req.now.toISOString();
  // Row keys sort by start time, so this is one range query that stops after `limit`.
  return req.deps.store.meetings.query(
    odata`PartitionKey eq ${partnership.id} and RowKey ge ${meetingRowKeyFrom(dayStart)} and state ne ${"cancelled"}`,
    limit,
  );
}

export async function showMeetings(req: Request, notice?: string, cardPartnershipId?: string): Promise<Outcome> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("Only members of this board can see its meetings.");
  const meetings = await upcomingMeetings(req, board.partnership);
  return {
    notice,
    card: meetingsCard({
      partnershipId: board.partnership.id,
      partnershipName: board.partnership.name,
      canSchedule: req.scope !== "personal" && can(board.actor, "scheduleMeetings"),
      meetings: meetings.map((m) => ({
        title: m.title,
        when: formatMeetingWhen(m.startsAt, m.endsAt, board.partnership.timeZone),
        where: m.location ?? "",
      })),
    }),
  };
}

/**
 * `agenda 6.2 Annual report 2023/24 for sign-off`: adds an item to the next meeting (manager, chair,
 * vice-chair). Items marked for sign-off can be circulated if the meeting is not quorate.
 */
export async function addAgendaItem(req: Request, text: string): Promise<Outcome> {
  const board = await schedulerBoard(req);
  if (!isBoard(board)) return board;
  const match = /^(\d+(?:\.\d+)*\.?)\s+(.+)$/.exec(text.trim());
  if (!match) return say("Give the item's number and title, for example: agenda 6.2 Annual report 2023/24 for sign-off");
  const ref = match[1]!.replace(/\.$/, "");
  const forSignOff = /\b(for|to)\s+sign[- ]?off\b/i.test(match[2]!);
  const title = match[2]!.replace(/[\s,.-]*\b(for|to)\s+sign[- ]?off\b\.?/i, "").trim();
  if (!title || title.length > 300) return say("An agenda item needs a title of at most 300 characters.");
  const next = (await upcomingMeetings(req, board.partnership, 5)).find((m) => m.state !== "closed");
  if (!next) return say("There is no meeting to come to add it to. Schedule one first.");
  const result = await req.deps.store.meetings.mutate(board.partnership.id, next.id, (m) => {
    if (!m) return undefined;
    const agenda = [...m.agenda.filter((a) => a.ref !== ref), { ref, title, forSignOff }].sort((a, b) => a.ref.localeCompare(b.ref, undefined, { numeric: true }));
    return agenda.length > 100 ? undefined : { ...m, agenda };
  });
  if (!result.changed || !result.after) return say("That meeting's agenda is full (100 items).");
  await audit(req, board.partnership.id, "meeting.agenda_item", `${next.id}/${ref}`, undefined, { title, forSignOff });
  return { card: meetingCardFor(board.partnership, result.after), notice: `Added ${ref} ${title}${forSignOff ? " (for sign-off)" : ""} to ${next.title}.` };
}
