import { odata } from "@azure/data-tables";
import { TeamsInfo } from "botbuilder";
import { z } from "zod";
import { choiceCard } from "../../../cards/choiceCard";
import { meetingRowKeyFrom, MEETING_ID } from "../../../storage/keys";
import { MeetingLinkEntry, MeetingLinkKind, meetingLinkPartition } from "../../../storage/meetingLinkTable";
import { audit } from "../../audit";
import { Board, boardOfPerson, channelPartnershipId, partnershipsOfPerson } from "../../board";
import { Meeting, TeamsMeetingLink } from "../../domain/types";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";
import { parseTeamsLink, takeTeamsLink, threadOf } from "../../rules/teamsLink";
import { formatMeetingWhen, localDateKey, todayIn, zonedInstant } from "../../rules/zonedTime";
import { MeetingRef } from "../../teams/meetingEvents";

// Linking a board meeting to its Teams meeting, and finding it again from what a meeting event carries.

const NOT_A_MEETING_CHAT =
  "Say **link meeting** in the Teams meeting's own chat, once Quorate has been added to the meeting. " +
  "Or give the join link when you schedule it: meeting 21 March 2pm, Board meeting, Teams https://teams.microsoft.com/l/meetup-join/…";

export const linkInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
});

type LinkParts = Omit<TeamsMeetingLink, "linkedBy" | "linkedAt">;

/** A meeting chat's thread names one meeting; a channel's thread holds many, so it identifies none. */
const isMeetingThread = (threadId?: string) => threadId !== undefined && /^19:meeting_/i.test(threadId);

/** Stores the link with the meeting, and indexes it by everything an event may carry. */
export async function storeTeamsLink(req: Request, partnershipId: string, meetingId: string, parts: LinkParts): Promise<Meeting | undefined> {
  const defined = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) as LinkParts;
  const result = await req.deps.store.meetings.mutate(partnershipId, meetingId, (m) => {
    if (!m) return undefined;
    const teams = { ...m.teams, ...defined, linkedBy: m.teams?.linkedBy ?? req.userKey, linkedAt: m.teams?.linkedAt ?? req.now.toISOString() };
    const same = m.teams && JSON.stringify({ ...m.teams, linkedAt: "" }) === JSON.stringify({ ...teams, linkedAt: "" });
    return same ? undefined : { ...m, teams };
  });
  if (!result.after) return undefined;
  const teams = result.after.teams ?? defined;
  const entries: { kind: MeetingLinkKind; value: string }[] = [];
  if (teams.key) entries.push({ kind: "link", value: teams.key });
  if (isMeetingThread(teams.threadId)) entries.push({ kind: "thread", value: teams.threadId! });
  if (teams.meetingId) entries.push({ kind: "teams", value: teams.meetingId });
  await Promise.all(entries.map((e) => req.deps.store.meetingLinks.upsert({ ...e, partnershipId, meetingId })));
  forget(entries);
  if (result.changed) {
    await audit(req, partnershipId, "meeting.teams_linked", meetingId, result.before?.teams, teams);
    req.deps.log.info("meeting.teams_linked", { partnershipId, meetingId });
  }
  return result.after;
}

/** Lookups of the last minute: a burst of joins asks the same question a dozen times. */
const recent = new Map<string, { at: number; entries: MeetingLinkEntry[] }>();
const RECENT_MS = 60_000;
const forget = (entries: { kind: MeetingLinkKind; value: string }[]) => entries.forEach((e) => recent.delete(meetingLinkPartition(e.kind, e.value)));

async function lookUp(req: Request, kind: MeetingLinkKind, value: string): Promise<MeetingLinkEntry[]> {
  const partition = meetingLinkPartition(kind, value);
  const hit = recent.get(partition);
  if (hit && Date.now() - hit.at < RECENT_MS) return hit.entries;
  const entries = await req.deps.store.meetingLinks.list(partition);
  // Only links found are remembered: a meeting linked a moment ago must be found at once.
  if (entries.length > 0) {
    if (recent.size > 5_000) recent.clear();
    recent.set(partition, { at: Date.now(), entries });
  }
  return entries;
}

/** The board meetings an event's Teams meeting is linked to (normally one). */
export async function findLinked(req: Request, ref: MeetingRef): Promise<MeetingLinkEntry[]> {
  const lookups: Promise<MeetingLinkEntry[]>[] = [];
  if (ref.teamsMeetingId) lookups.push(lookUp(req, "teams", ref.teamsMeetingId));
  if (ref.linkKey) lookups.push(lookUp(req, "link", ref.linkKey));
  if (ref.meetingChat && isMeetingThread(ref.threadId)) lookups.push(lookUp(req, "thread", ref.threadId));
  const found = new Map<string, MeetingLinkEntry>();
  for (const entries of await Promise.all(lookups)) for (const e of entries) found.set(`${e.partnershipId}/${e.meetingId}`, e);
  return [...found.values()];
}

/** The link given with a meeting's words or form ("…, Teams https://…"), checked against the board. */
export function linkFromText(text: string | undefined, tenantId: string): { link?: LinkParts; refusal?: string } {
  if (!text) return {};
  const taken = takeTeamsLink(text);
  if (!taken.link) return {};
  if (!taken.link.ok) return { refusal: taken.link.message };
  const { url, key, threadId, tenantId: linkTenant } = taken.link.link;
  if (linkTenant && linkTenant !== tenantId.toLowerCase()) return { refusal: "That Teams meeting belongs to another organisation, so it can't be linked to this board." };
  return { link: { url, key, threadId } };
}

// ---------------------------------------------------------------- `link meeting` in the meeting chat

/** `link meeting`: in a Teams meeting's chat, links it to the board's meeting of that day. */
export async function linkFromMeetingChat(req: Request, rest = ""): Promise<Outcome> {
  const here = meetingHere(req);
  if (!here) return say(NOT_A_MEETING_CHAT);
  const info = await meetingInfo(req);
  const typed = rest.trim() ? parseTeamsLink(rest.trim()) : undefined;
  if (typed && !typed.ok) return say(typed.message);
  const url = info.joinUrl ?? (typed?.ok ? typed.link.url : undefined);
  const parsed = url ? parseTeamsLink(url) : undefined;
  const parts: LinkParts = { ...here, ...(parsed?.ok ? { url: parsed.link.url, key: parsed.link.key } : {}) };

  const boards = await candidateBoards(req);
  if (boards.length === 0) return say("I can't find a partnership board you belong to. Ask your partnership manager to add you to the roster.");
  const allowed = boards.filter((b) => can(b.actor, "scheduleMeetings"));
  if (allowed.length === 0) return say(`Only ${whoCan("scheduleMeetings")} can link a Teams meeting to the board's meeting.`);

  const options: { board: Board; meeting: Meeting }[] = [];
  for (const board of allowed) {
    const zone = board.partnership.timeZone;
    const day = info.startsAt ? localDateKey(info.startsAt, zone) : todayIn(zone, req.now);
    for (const meeting of await meetingsOn(req, board, day)) options.push({ board, meeting });
  }
  if (options.length === 0) return say("The board has no meeting scheduled on the day of this Teams meeting. Schedule it first in the board's channel, then say **link meeting** here again.");
  if (options.length > 1) {
    return {
      card: choiceCard({
        title: "Which board meeting is this Teams meeting?",
        lines: ["There is more than one board meeting that day. Choose one:"],
        buttons: options.map(({ board, meeting }) => ({
          title: `${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone)}`,
          verb: "meeting.link",
          data: { partnershipId: board.partnership.id, meetingId: meeting.id },
        })),
      }),
    };
  }
  return linkChosen(req, options[0]!.board, options[0]!.meeting, parts);
}

/** The choice card's answer: checked again, as card data can name anything. */
export async function linkFromCard(req: Request, input: z.infer<typeof linkInput>): Promise<Outcome> {
  const here = meetingHere(req);
  if (!here) return say(NOT_A_MEETING_CHAT);
  const board = await boardOfPerson(req, input.partnershipId);
  if (!board || !can(board.actor, "scheduleMeetings")) return say(`Only ${whoCan("scheduleMeetings")} of that board can link its meetings.`);
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value;
  if (!meeting) return say("That meeting isn't on the board's calendar any more, so nothing was linked.");
  const info = await meetingInfo(req);
  const parsed = info.joinUrl ? parseTeamsLink(info.joinUrl) : undefined;
  return linkChosen(req, board, meeting, { ...here, ...(parsed?.ok ? { url: parsed.link.url, key: parsed.link.key } : {}) });
}

async function linkChosen(req: Request, board: Board, meeting: Meeting, parts: LinkParts): Promise<Outcome> {
  await storeTeamsLink(req, board.partnership.id, meeting.id, parts);
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone);
  return say(
    `Linked: this Teams meeting is **${meeting.title}**, ${when} (${board.partnership.name}). When it starts I'll open the roll call in the board's channel, and check people in as they join the call.`,
  );
}

/** The Teams meeting this conversation is, if it is one: its id and thread. */
function meetingHere(req: Request): Pick<LinkParts, "meetingId" | "threadId"> | undefined {
  if (req.scope === "personal") return undefined;
  const meetingId = (req.context.activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  const threadId = threadOf(req.context.activity.conversation.id);
  const id = typeof meetingId === "string" && meetingId.length <= 400 ? meetingId : undefined;
  if (!id && !isMeetingThread(threadId)) return undefined;
  return { ...(id ? { meetingId: id } : {}), ...(isMeetingThread(threadId) ? { threadId } : {}) };
}

/** The meeting's own details from Teams (day and join link); without them, today is assumed. */
async function meetingInfo(req: Request): Promise<{ startsAt?: string; joinUrl?: string }> {
  try {
    const info = await TeamsInfo.getMeetingInfo(req.context);
    const start = info?.details?.scheduledStartTime;
    const startsAt = start ? new Date(start as unknown as string) : undefined;
    return {
      startsAt: startsAt && !Number.isNaN(startsAt.getTime()) ? startsAt.toISOString() : undefined,
      joinUrl: typeof info?.details?.joinUrl === "string" ? info.details.joinUrl : undefined,
    };
  } catch (error) {
    req.deps.log.info("teams.meeting_info_unavailable", { error });
    return {};
  }
}

/** A meeting held in the board's own channel belongs to that board; otherwise the person's boards. */
async function candidateBoards(req: Request): Promise<Board[]> {
  const own = await boardOfPerson(req, channelPartnershipId(req));
  if (own) return [own];
  const ids = await partnershipsOfPerson(req);
  return (await Promise.all(ids.slice(0, 10).map((id) => boardOfPerson(req, id)))).filter((b): b is Board => b !== undefined);
}

async function meetingsOn(req: Request, board: Board, day: string): Promise<Meeting[]> {
  const zone = board.partnership.timeZone;
  const from = zonedInstant(day, "00:00", zone);
  if (!from) return [];
  const to = new Date(Date.parse(from) + 86_400_000).toISOString();
  const meetings = await req.deps.store.meetings.query(
    odata`PartitionKey eq ${board.partnership.id} and RowKey ge ${meetingRowKeyFrom(from)} and RowKey lt ${meetingRowKeyFrom(to)}`,
    10,
  );
  return meetings.filter((m) => localDateKey(m.startsAt, zone) === day);
}
