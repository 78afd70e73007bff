import { Attendance, Meeting, Member, Partnership, RollCall } from "../../domain/types";

// The records the attendance register and attendance by organisation are worked out from.

export interface MeetingRecord {
  meeting: Meeting;
  roll?: RollCall;
  attendance: readonly Attendance[];
}

export interface AttendanceHistory {
  partnership: Partnership;
  /** Everyone, former members included. */
  roster: readonly Member[];
  /** The meetings chosen, oldest first, with their roll-call partitions. */
  meetings: readonly MeetingRecord[];
  now: Date;
}

/** Meetings that took place: started by now and not cancelled, oldest first. */
export function heldMeetings<M extends Pick<Meeting, "startsAt" | "state">>(meetings: readonly M[], now: Date): M[] {
  const at = now.toISOString();
  return meetings.filter((m) => m.startsAt <= at && m.state !== "cancelled").sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** A member as they were at a meeting they belonged to (a former member counted as they then were). */
export const asAtMeeting = (m: Member): Member => (m.status === "active" ? m : { ...m, status: "active" });

export function percent(part: number, whole: number): string {
  return whole === 0 ? "" : `${Math.round((100 * part) / whole)}%`;
}
