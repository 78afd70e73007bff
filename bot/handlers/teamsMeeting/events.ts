import { z } from "zod";
import { memberIdForEmail } from "../../../storage/keys";
import { MemberRecord } from "../../../storage/store";
import { CachedBoard } from "../../boardCache";
import { Meeting } from "../../domain/types";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { deputisingFor } from "../../rules/onlineAttendance";
import { formatTime } from "../../rules/zonedTime";
import { MeetingEvent, Participant } from "../../teams/meetingEvents";
import { participantEmail } from "../../teams/meetingParticipants";
import { closeRollForMeeting, guestOnline, joinedOnline, leftOnline, openRollForMeeting, substituteOnline } from "../rollCall/online";
import { findLinked, storeTeamsLink } from "./link";
import { offerMinutes } from "./minutesOffer";

// A Teams meeting's events, once the edge has read them: the start opens the linked meeting's roll
// call in the board's channel, joins and leaves check people in and out, the end closes it. Only a
// meeting linked to a board, from the board's own tenant, is listened to; anything else is ignored
// and nothing is written.

export const meetingEventInput = z.custom<MeetingEvent>((v) => typeof v === "object" && v !== null && "kind" in v);

/** At most this many people from one event: Teams sends a handful; a forged list is cut short. */
const MAX_PARTICIPANTS = 100;

export async function onMeetingEvent(req: Request, event: MeetingEvent): Promise<Outcome> {
  const linked = await findLinked(req, event.ref);
  if (linked.length === 0) {
    req.deps.log.info("meeting_event.unlinked", { kind: event.kind });
    return {};
  }
  const notices: string[] = [];
  for (const entry of linked.slice(0, 3)) {
    const board = await req.deps.boards.get(entry.partnershipId);
    if (!board || board.partnership.channel.tenantId !== req.binding.tenantId) {
      req.deps.log.warn("meeting_event.foreign_tenant", { kind: event.kind, partnershipId: entry.partnershipId });
      continue;
    }
    const meeting = (await req.deps.store.meetings.get(board.partnership.id, entry.meetingId))?.value;
    if (!meeting) continue;
    const notice = await handle(req, board, meeting, event);
    if (notice) notices.push(notice);
  }
  return notices.length > 0 ? say(notices.join("\n\n")) : {};
}

async function handle(req: Request, board: CachedBoard, meeting: Meeting, event: MeetingEvent): Promise<string | undefined> {
  const pid = board.partnership.id;
  // What the event says about the meeting is learnt once, so joins, leaves and `sync attendance` find it.
  const teamsId = event.ref.teamsMeetingId;
  const thread = event.ref.meetingChat && /^19:meeting_/i.test(event.ref.threadId) ? event.ref.threadId : undefined;
  if ((teamsId && meeting.teams?.meetingId !== teamsId) || (thread && meeting.teams?.threadId !== thread)) {
    await storeTeamsLink(req, pid, meeting.id, { meetingId: teamsId, threadId: thread });
  }
  switch (event.kind) {
    case "start": {
      const state = await openRollForMeeting(req, board, meeting);
      // Closed already, or its card could not be posted (undone, and logged): nothing to say in the chat.
      if (state === "closed" || state === "failed") return undefined;
      // Said once in the meeting chat, however often Teams repeats the start.
      if (!(await req.deps.store.rollCalls.claimMarker(pid, meeting.id, "teams-start", req.now.toISOString()))) return undefined;
      return `The roll call for **${meeting.title}** is open in the board's channel. Everyone who joins this call is checked in as they arrive, and recorded as leaving when they go; the chair can mark the rest.`;
    }
    case "end": {
      const closed = await closeRollForMeeting(req, board, meeting.id);
      if (!closed) return undefined;
      if (!(await req.deps.store.rollCalls.claimMarker(pid, meeting.id, "teams-end", req.now.toISOString()))) return undefined;
      req.deps.background.run("minutes.offer", () => offerMinutes(req, board, meeting));
      return `The meeting has ended: the roll call for **${meeting.title}** closed at ${formatTime(closed.closedAt, board.partnership.timeZone)}. ${closed.headline} This is stored for the minutes.`;
    }
    case "join":
    case "leave":
      await attendance(req, board, meeting, event.kind, event.participants, event.at);
      return undefined;
  }
}

async function attendance(req: Request, board: CachedBoard, meeting: Meeting, kind: "join" | "leave", participants: Participant[], at: string): Promise<void> {
  const people = dedupe(participants).slice(0, MAX_PARTICIPANTS);
  // Joins before the start event (it can go missing) open the roll as the start would have; a closed
  // roll still records late arrivals and departures.
  if (kind === "join") await openRollForMeeting(req, board, meeting);
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  await Promise.all(
    people.map(async (p) => {
      // Audited as the person's own press is: they are the actor, not whoever sent the event.
      const as: Request = { ...req, userKey: p.aadObjectId ?? p.id, userName: p.name };
      const member = await identify(as, board, p);
      if (member) return kind === "join" ? joinedOnline(as, board, meeting.id, member, at) : leftOnline(as, board, meeting.id, member.id, member.id, at);
      const deputyFor = deputisingFor(p.name, snapshot.attendance);
      if (deputyFor) {
        return kind === "join"
          ? substituteOnline(as, board, meeting.id, deputyFor.memberId, p.name, at)
          : leftOnline(as, board, meeting.id, deputyFor.memberId, deputyFor.memberId, at);
      }
      if (!p.name) return undefined;
      return guestOnline(as, board, meeting.id, p.name, kind, at);
    }),
  );
}

const dedupe = (people: Participant[]) => [...new Map(people.map((p) => [p.aadObjectId ?? p.id, p])).values()];

/**
 * The member a participant is: by the Teams identity already linked, else by their email from Teams
 * (linked then, so the next event is a lookup in the roster). Former members and strangers are nobody.
 */
export async function identify(req: Request, board: CachedBoard, p: Participant): Promise<MemberRecord | undefined> {
  const linked = p.aadObjectId ? board.roster.find((m) => m.aadObjectId === p.aadObjectId) : undefined;
  if (linked) return linked.status === "active" ? linked : undefined;
  const email = p.email ?? (await participantEmail(req.deps.memberReads, req.context, p.id));
  if (!email) return undefined;
  const member = board.roster.find((m) => m.id === memberIdForEmail(email) && m.status === "active");
  if (!member || !p.aadObjectId) return member;
  const aadObjectId = p.aadObjectId;
  const { store } = req.deps;
  const result = await store.members.mutate(board.partnership.id, member.id, (current) =>
    current && current.aadObjectId !== aadObjectId ? { ...current, aadObjectId, teamsUserId: p.id } : undefined,
  );
  await store.directory.upsert({ kind: "aad", subject: aadObjectId, partnershipId: board.partnership.id, memberId: member.id });
  req.deps.boards.invalidate(board.partnership.id);
  return result.after ?? member;
}
