// The board's records as plain data. No botbuilder and no storage types here: rules, storage and the
// Teams edge all speak these.

export const CATEGORIES = ["statutory", "non-statutory", "ex-officio", "co-opted"] as const;
export type Category = (typeof CATEGORIES)[number];

export const ROLES = ["chair", "vice-chair", "manager", "member"] as const;
export type Role = (typeof ROLES)[number];

export interface QuorumRule {
  /** Count distinct organisations represented, or persons present. */
  count: "organisations" | "persons";
  /** Which membership categories count towards quorum. */
  categories: Category[];
  /** How many are needed: a fixed number, or a majority of those that could count. */
  required: number | "majority";
  /** Whether a named deputy represents the member's organisation. */
  deputiesCount: boolean;
}

export const DEFAULT_QUORUM_RULE: QuorumRule = {
  count: "organisations",
  categories: ["statutory"],
  required: "majority",
  deputiesCount: true,
};

/** Where the board lives in Teams: what a proactive message needs. */
export interface ChannelBinding {
  tenantId: string;
  teamId?: string;
  /** The channel (or group chat) conversation id, without any `;messageid=` suffix. */
  conversationId: string;
  serviceUrl: string;
}

export interface Partnership {
  id: string;
  name: string;
  timeZone: string;
  quorum: QuorumRule;
  channel: ChannelBinding;
  createdAt: string;
  createdBy: string;
}

export interface Member {
  /** Stable id derived from the email, so that a re-import can never duplicate a person. */
  id: string;
  name: string;
  title: string;
  organisation: string;
  category: Category;
  role: Role;
  email: string;
  status: "active" | "former";
  formerSince?: string;
  aadObjectId?: string;
  /** The Teams user id (29:...), needed for mentions and card refresh. */
  teamsUserId?: string;
  updatedAt: string;
}

export const MEETING_STATES = ["scheduled", "roll-call-open", "in-progress", "closed", "cancelled"] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export interface AgendaItem {
  ref: string;
  title: string;
  presenter?: string;
  forSignOff: boolean;
}

export interface Meeting {
  /** Sortable by start time: the storage row key. */
  id: string;
  partnershipId: string;
  title: string;
  /** ISO 8601 instant, UTC. */
  startsAt: string;
  endsAt?: string;
  location?: string;
  agenda: AgendaItem[];
  state: MeetingState;
  createdBy: string;
  createdAt: string;
  /** The Teams meeting it is held on, once linked: its events then drive the roll call. */
  teams?: TeamsMeetingLink;
}

export interface TeamsMeetingLink {
  /** The join link, when it was given. */
  url?: string;
  /** What identifies the meeting in its link (see rules/teamsLink.ts). */
  key?: string;
  /** The meeting chat's thread (or the channel's, for a channel meeting). */
  threadId?: string;
  /** Teams' own meeting id (channelData.meeting.id), learnt when the bot first hears from the meeting. */
  meetingId?: string;
  linkedBy: string;
  linkedAt: string;
}

export const ATTENDANCE_STATUSES = [
  "present",
  "apologies",
  "apologies-substitute",
  "present-substitute",
  "in-attendance",
  "absent",
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface Attendance {
  meetingId: string;
  /** The member this record is about (for a substitute: the member they stand in for; for a guest: "g..."). */
  memberId: string;
  status: AttendanceStatus;
  /** For a deputy: who attended in the member's place. */
  substituteName?: string;
  /** Why they sent apologies, as they gave it. Personal data: shown to the board, never logged. */
  reason?: string;
  /** For a guest (invitee or observer), who is not on the roster and never counts. */
  guestName?: string;
  guestOrganisation?: string;
  arrivedAt?: string;
  leftAt?: string;
  /** Checked in (or out) by the Teams meeting: they joined online. */
  online?: boolean;
  recordedBy: string;
  recordedAt: string;
}

export interface AuditEntry {
  partnershipId: string;
  at: string;
  /** Member id or Teams aadObjectId of whoever made the change. */
  actor: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

/** The live roll call of one meeting: where its card is and whether it is still open. */
export interface RollCall {
  partnershipId: string;
  meetingId: string;
  state: "open" | "closed";
  /** The channel (or chat) the card was posted in, and the card's message id once posted. */
  conversationId: string;
  serviceUrl: string;
  activityId?: string;
  /** Channels have threads for announcements; group chats do not. */
  threaded: boolean;
  /** Copied from the meeting so the card needs nothing but the roll call's own partition. */
  meetingTitle: string;
  startsAt: string;
  endsAt?: string;
  location?: string;
  openedAt: string;
  openedBy: string;
  closedAt?: string;
  /** The quorum status and who was present when the roll closed (JSON), for the minutes. */
  closingQuorum?: string;
}
