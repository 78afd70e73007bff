import { Activity } from "botbuilder";
import { z } from "zod";
import { parseTeamsLink, threadOf } from "../rules/teamsLink";

// Teams meeting events as they arrive: start, end, participants joining and leaving. They are
// untrusted and unreliable, so each is read here with zod. botbuilder's own start/end parsing throws
// on any missing field, and the participant lists come as `members` or `Members`: neither is relied on.

export const MEETING_START = "application/vnd.microsoft.meetingStart";
export const MEETING_END = "application/vnd.microsoft.meetingEnd";
export const PARTICIPANT_JOIN = "application/vnd.microsoft.meetingParticipantJoin";
export const PARTICIPANT_LEAVE = "application/vnd.microsoft.meetingParticipantLeave";

/** What identifies the Teams meeting an event is about; any one of them finds its board meeting. */
export interface MeetingRef {
  /** Teams' meeting id (channelData.meeting.id, or the start/end event's Id). */
  teamsMeetingId?: string;
  /** The conversation's thread: the meeting chat, or the channel for a channel meeting. */
  threadId: string;
  /** The join link's key, when the event carries the link (start and end do). */
  linkKey?: string;
  /** True for a meeting chat (a scheduled meeting); false for a meeting held in a channel. */
  meetingChat: boolean;
}

export interface Participant {
  /** Teams user id, "29:...". */
  id: string;
  aadObjectId?: string;
  name: string;
  email?: string;
}

export type MeetingEvent =
  | { kind: "start" | "end"; ref: MeetingRef; at: string; title?: string }
  | { kind: "join" | "leave"; ref: MeetingRef; at: string; participants: Participant[] };

const text = (max: number) => z.string().max(max);
/** Teams writes times such as "2024-03-21T14:00:00.0000000Z": any instant Date can read. */
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)));

const startEnd = z
  .object({
    Id: text(400).optional(),
    JoinUrl: text(2000).optional(),
    Title: text(300).optional(),
    MeetingType: text(50).optional(),
    StartTime: instant.optional(),
    EndTime: instant.optional(),
  })
  .passthrough();

const user = z
  .object({
    id: z.string().min(1).max(400),
    aadObjectId: z.string().min(1).max(64).optional(),
    name: text(200).optional(),
    email: text(320).optional(),
    userPrincipalName: text(320).optional(),
  })
  .passthrough();

const member = z.preprocess(
  lowerFirstKeys,
  z.object({ user: z.preprocess(lowerFirstKeys, user), meeting: z.object({ inMeeting: z.boolean().optional() }).passthrough().optional() }).passthrough(),
);

const participants = z.preprocess(
  (v) => {
    if (!v || typeof v !== "object") return v;
    const o = v as { members?: unknown; Members?: unknown };
    return { members: o.members ?? o.Members };
  },
  z.object({ members: z.array(member).min(1).max(500) }),
);

const context = z.object({
  timestamp: z.union([instant, z.date()]).optional(),
  conversation: z.object({ id: z.string().min(1).max(800), conversationType: z.string().max(50).optional() }).passthrough(),
  channelData: z
    .object({ meeting: z.object({ id: z.string().min(1).max(400) }).passthrough().optional() })
    .passthrough()
    .optional(),
});

/** "Members" → "members": Teams (and its SDKs) have sent both spellings. */
function lowerFirstKeys(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toLowerCase() + k.slice(1), x]));
}

/**
 * The meeting event in an activity, or undefined when the activity is not one or cannot be read. The
 * event's time orders it against others (a late join never overwrites a later leave); a time in the
 * future is taken as now, so a forged one cannot lock a record.
 */
export function parseMeetingEvent(activity: Activity, now: Date): MeetingEvent | { invalid: string } | undefined {
  const kind =
    activity.name === MEETING_START ? "start" : activity.name === MEETING_END ? "end" : activity.name === PARTICIPANT_JOIN ? "join" : activity.name === PARTICIPANT_LEAVE ? "leave" : undefined;
  if (!kind) return undefined;
  const outer = context.safeParse(activity);
  if (!outer.success) return { invalid: "envelope" };
  const stamp = outer.data.timestamp ? new Date(outer.data.timestamp) : now;
  const at = new Date(Math.min(stamp.getTime(), now.getTime())).toISOString();
  const conversation = outer.data.conversation;
  const ref: MeetingRef = {
    teamsMeetingId: outer.data.channelData?.meeting?.id,
    threadId: threadOf(conversation.id),
    meetingChat: conversation.conversationType !== "channel",
  };
  if (kind === "start" || kind === "end") {
    const value = startEnd.safeParse(activity.value ?? {});
    if (!value.success) return { invalid: "value" };
    const link = value.data.JoinUrl ? parseTeamsLink(value.data.JoinUrl) : undefined;
    if (link?.ok) ref.linkKey = link.link.key;
    ref.teamsMeetingId ??= value.data.Id;
    return { kind, ref, at, title: value.data.Title };
  }
  const value = participants.safeParse(activity.value);
  if (!value.success) return { invalid: "value" };
  return {
    kind,
    ref,
    at,
    participants: value.data.members
      // A leave event lists who left; a join lists who is now in. Someone reported as not in the meeting
      // on a join (inMeeting false) has not joined.
      .filter((m) => kind === "leave" || m.meeting?.inMeeting !== false)
      .map((m) => ({
        id: m.user.id,
        aadObjectId: m.user.aadObjectId,
        name: (m.user.name ?? "").trim(),
        email: m.user.email ?? m.user.userPrincipalName,
      })),
  };
}
