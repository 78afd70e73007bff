// A partnership's action log as plain data: rules, storage and the Teams edge all speak these.

export const ACTION_STATUSES = ["open", "in-progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A board member (matched on the roster), or someone outside it named as minutes do: "Kate Taylor (Police)". */
export type ActionOwner =
  | { kind: "member"; memberId: string; name: string }
  | { kind: "outside"; name: string; organisation?: string };

/** A calendar day in the partnership's zone, or "by the next meeting" (whenever that is). */
export type ActionDue = { kind: "date"; date: string /* YYYY-MM-DD */ } | { kind: "next-meeting" };

/** One change of status or progress note; the history is never rewritten. */
export interface ActionUpdate {
  /** ISO 8601 instant, UTC. */
  at: string;
  /** Member id of whoever made the update. */
  by: string;
  byName: string;
  from: ActionStatus;
  to: ActionStatus;
  note?: string;
  /** The Teams activity that made it: a redelivered press finds it here and changes nothing twice. */
  delivery?: string;
}

export interface Action {
  partnershipId: string;
  /** "A-2024-017": see actionRef.ts. */
  ref: string;
  seq: number;
  year: number;
  text: string;
  owners: ActionOwner[];
  due?: ActionDue;
  status: ActionStatus;
  /** ISO 8601 instant, UTC. */
  raisedAt: string;
  raisedBy: string;
  meetingId?: string;
  /** The agenda item's ref, "6.2". */
  agendaItem?: string;
  history: ActionUpdate[];
  updatedAt: string;
}

export const MAX_ACTION_TEXT = 1000;
export const MAX_NOTE = 1000;
