import { Attendance, Meeting, Member, Partnership, RollCall } from "../../domain/types";
import { Action } from "../actionTypes";
import { SignOffRule, SignOffState, VoteOption } from "../signOff";

// What the draft minutes are written from (records in) and what they say (the document model out).
// The writers (Word, Markdown) and the tab read the model; nothing in it is invented.

/** A sign-off as stored (only what the minutes read). */
export interface SignOffRecord {
  id: string;
  title: string;
  deadline: string;
  rule: SignOffRule;
  eligible: Record<string, string>;
  state: SignOffState;
  createdAt: string;
  meetingId?: string;
  decidedAt?: string;
  quorumSnapshot?: string;
}

export interface VoteRecord {
  voterKey: string;
  option: VoteOption;
}

export interface QuorumChange {
  at: string;
  quorate: boolean;
  count: number;
}

export interface MinutesRecords {
  partnership: Partnership;
  /** Everyone, former members included. */
  roster: readonly Member[];
  meeting: Meeting;
  roll?: RollCall;
  attendance: readonly Attendance[];
  /** From the audit table, in any order. */
  quorumChanges: readonly QuorumChange[];
  signOffs: readonly { signOff: SignOffRecord; votes: readonly VoteRecord[] }[];
  actions: readonly Action[];
  /** The board's meetings (for the future ones and the next meeting's date). */
  meetings: readonly Meeting[];
  now: Date;
}

export interface AttendanceRow {
  name: string;
  organisation: string;
  attendance: string;
}

export interface MinutesItem {
  ref: string;
  title: string;
  /** What Quorate knows of its sign-off, line by line; empty when it was not put to one. */
  signOff: string[];
}

export interface MinutesDoc {
  board: string;
  title: string;
  date: string;
  /** "2pm to 4:30pm" */
  time: string;
  place?: string;
  chair?: string;
  attendance: { title: string; rows: AttendanceRow[] }[];
  /** The quorum statement and each gain or loss, or that no roll call was taken. */
  quorum: string[];
  items: MinutesItem[];
  /** Sign-offs of the meeting that no agenda item names. */
  otherSignOffs: { title: string; lines: string[] }[];
  actionsRaised: { ref: string; action: string; owner: string; due: string }[];
  outstanding: { ref: string; action: string; owner: string; due: string; status: string; latest: string }[];
  future: { date: string; title: string; place: string }[];
  /** The heading the secretariat writes the discussion under. */
  discussionPlaceholder: string;
}

export const DISCUSSION_PLACEHOLDER = "Discussion: to be written by the secretariat.";
