import { cachedActor, channelPartnershipId, NOT_SET_UP } from "../../board";
import { CachedBoard } from "../../boardCache";
import { Meeting } from "../../domain/types";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";
import { todayIn } from "../../rules/zonedTime";
import { inMeeting } from "../../teams/meetingParticipants";
import { upcomingMeetings } from "../meetings";
import { joinedOnline } from "../rollCall/online";
import { threadOf } from "../../rules/teamsLink";
import { findLinked } from "./link";

// `sync attendance`: Teams' join events are known to go missing, so the chair can ask Teams directly
// about every member not yet recorded. One participant read per member, paced under Teams' limits.

export async function syncAttendance(req: Request): Promise<Outcome> {
  if (req.scope === "personal") return say("Say **sync attendance** in the board's channel or the meeting's chat, during the meeting.");
  const place = await boardAndMeeting(req);
  if (!place) return say(NOT_SET_UP);
  const { board, meeting } = place;
  const actor = await cachedActor(req, board);
  if (!actor || !can(actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can sync attendance from Teams.`);
  if (!meeting) return say("None of today's meetings is linked to a Teams meeting. Give its join link when scheduling (meeting …, Teams <link>), or say **link meeting** in the Teams meeting's chat.");
  const teamsMeetingId = meeting.teams?.meetingId;
  if (!teamsMeetingId) {
    return say(`I don't know Teams' id for ${meeting.title} yet: I learn it when the meeting starts, or when someone says **link meeting** in the meeting's chat.`);
  }
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  if (!snapshot.roll) return say(`The roll call for ${meeting.title} isn't open yet. Open it with **roll call** (it opens by itself when the Teams meeting starts).`);

  const recorded = new Set(snapshot.attendance.map((a) => a.memberId));
  const waiting = board.roster.filter((m) => m.status === "active" && !recorded.has(m.id));
  const askable = waiting.filter((m) => m.aadObjectId);
  const tenantId = board.partnership.channel.tenantId;
  const answers = await Promise.all(askable.map(async (m) => ({ m, inCall: await inMeeting(req.deps.memberReads, req.context, teamsMeetingId, m.aadObjectId!, tenantId) })));
  const found = answers.filter((a) => a.inCall).map((a) => a.m);
  const now = req.now.toISOString();
  for (const m of found) await joinedOnline({ ...req, userKey: m.aadObjectId!, userName: m.name }, board, meeting.id, m, now);

  const lines = [
    `Asked Teams about ${askable.length} member${askable.length === 1 ? "" : "s"} not yet recorded for ${meeting.title}.`,
    found.length > 0 ? `In the call and now checked in: ${found.map((m) => m.name).join(", ")}.` : "None of them is in the call.",
  ];
  const unknown = waiting.length - askable.length;
  if (unknown > 0) lines.push(`${unknown} member${unknown === 1 ? " has" : "s have"} never used Quorate in Teams, so Teams can't be asked about ${unknown === 1 ? "them" : "them"}: mark them by hand.`);
  return say(lines.join(" "));
}

/** In the board's channel: today's linked meeting. In a Teams meeting's chat: the meeting it is linked to. */
async function boardAndMeeting(req: Request): Promise<{ board: CachedBoard; meeting?: Meeting } | undefined> {
  const own = await req.deps.boards.get(channelPartnershipId(req));
  if (own) return { board: own, meeting: await todaysLinkedMeeting(req, own) };
  const activity = req.context.activity;
  const teamsMeetingId = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  const ref = { teamsMeetingId: typeof teamsMeetingId === "string" ? teamsMeetingId : undefined, threadId: threadOf(activity.conversation.id), meetingChat: true };
  for (const entry of await findLinked(req, ref)) {
    const board = await req.deps.boards.get(entry.partnershipId);
    // The board's own tenant only, as for the meeting's events.
    if (!board || board.partnership.channel.tenantId !== req.binding.tenantId) continue;
    return { board, meeting: (await req.deps.store.meetings.get(board.partnership.id, entry.meetingId))?.value };
  }
  return undefined;
}

async function todaysLinkedMeeting(req: Request, board: CachedBoard): Promise<Meeting | undefined> {
  const zone = board.partnership.timeZone;
  const today = todayIn(zone, req.now);
  const todays = (await upcomingMeetings(req, board.partnership, 10)).filter((m) => todayIn(zone, new Date(m.startsAt)) === today && m.teams);
  return todays.find((m) => m.state !== "closed") ?? todays[0];
}
