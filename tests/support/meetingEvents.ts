import { randomUUID } from "node:crypto";
import { Person } from "./connector";
import { BOT, TENANT } from "./teams";

// Teams meeting events shaped as Teams sends them to a bot added to a scheduled meeting: type "event",
// the meeting chat as the conversation, Teams' meeting id in channelData.meeting, and the value as the
// Bot Framework documents it (start/end: Id, JoinUrl, Title, MeetingType, StartTime/EndTime; join and
// leave: members with user and meeting.inMeeting).

export interface TeamsMeeting {
  /** channelData.meeting.id: Teams' own (base64) meeting id. */
  id: string;
  /** The meeting chat: "19:meeting_...@thread.v2". */
  chat: string;
  joinUrl: string;
  title: string;
  tenant?: string;
}

const ORGANISER = { id: "29:organiser", aadObjectId: "00000000-0000-4000-8000-0000000000aa" };

function base(meeting: TeamsMeeting, name: string, at: Date) {
  const tenant = meeting.tenant ?? TENANT;
  return {
    id: randomUUID(),
    type: "event",
    name,
    timestamp: at.toISOString(),
    channelId: "msteams",
    from: ORGANISER,
    recipient: BOT,
    conversation: { isGroup: true, conversationType: "groupChat", tenantId: tenant, id: meeting.chat },
    channelData: { tenant: { id: tenant }, meeting: { id: meeting.id }, source: { name: "message" } },
  };
}

export function meetingStart(meeting: TeamsMeeting, at: Date) {
  return {
    ...base(meeting, "application/vnd.microsoft.meetingStart", at),
    value: { Id: meeting.id, MeetingType: "Scheduled", JoinUrl: meeting.joinUrl, Title: meeting.title, StartTime: at.toISOString().replace(/\.\d+Z$/, ".0000000Z") },
  };
}

export function meetingEnd(meeting: TeamsMeeting, at: Date) {
  return {
    ...base(meeting, "application/vnd.microsoft.meetingEnd", at),
    value: { Id: meeting.id, MeetingType: "Scheduled", JoinUrl: meeting.joinUrl, Title: meeting.title, EndTime: at.toISOString().replace(/\.\d+Z$/, ".0000000Z") },
  };
}

const memberOf = (p: Person, tenant: string, inMeeting: boolean) => ({
  user: { tenantId: tenant, objectId: p.aadObjectId, id: p.id, name: p.name, aadObjectId: p.aadObjectId, role: "user" },
  meeting: { inMeeting, role: "Attendee" },
});

/** Teams has sent the list as `members` and as `Members`: `capital` sends the second. */
export function participantJoin(meeting: TeamsMeeting, people: Person[], at: Date, capital = false) {
  const members = people.map((p) => memberOf(p, meeting.tenant ?? TENANT, true));
  return { ...base(meeting, "application/vnd.microsoft.meetingParticipantJoin", at), value: capital ? { Members: members } : { members } };
}

export function participantLeave(meeting: TeamsMeeting, people: Person[], at: Date) {
  return { ...base(meeting, "application/vnd.microsoft.meetingParticipantLeave", at), value: { members: people.map((p) => memberOf(p, meeting.tenant ?? TENANT, false)) } };
}

/** A Teams meeting with a classic join link naming its chat and the test tenant. */
export function teamsMeeting(slug: string, title = "Board meeting", tenant = TENANT): TeamsMeeting {
  const chat = `19:meeting_${slug}@thread.v2`;
  const context = encodeURIComponent(JSON.stringify({ Tid: tenant, Oid: ORGANISER.aadObjectId }));
  return {
    id: Buffer.from(`1*${ORGANISER.aadObjectId}*0**${chat}`).toString("base64"),
    chat,
    joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(chat)}/0?context=${context}`,
    title,
    tenant,
  };
}

/** A message typed in the meeting's chat (where `link meeting` is said). */
export function meetingChatMessage(meeting: TeamsMeeting, p: Person, text: string) {
  return {
    id: randomUUID(),
    type: "message",
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
    recipient: BOT,
    conversation: { isGroup: true, conversationType: "groupChat", tenantId: meeting.tenant ?? TENANT, id: meeting.chat },
    channelData: { tenant: { id: meeting.tenant ?? TENANT }, meeting: { id: meeting.id } },
    text: `<at>Quorate</at> ${text}`,
    entities: [{ type: "mention", mentioned: BOT, text: "<at>Quorate</at>" }],
  };
}
