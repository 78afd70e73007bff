import { Attendance, QuorumRule } from "../domain/types";
import { matchMember } from "./nameMatch";
import { isPresent } from "./quorum";

// What a Teams join or leave does to someone's attendance. Events arrive late, twice and out of order:
// each carries the time it happened, and a record changed after that time is newer than the event, so
// the event changes nothing. Otherwise a join is an "I'm here" and a leave is a departure.

export type OnlineDecision = { change: true } | { change: false; why: "newer" | "present" | "not-present" };

/** A record changed after the event's time (by a later event, a press or the chair) wins over it. */
const newerThan = (current: Attendance | undefined, at: string) => current !== undefined && current.recordedAt > at;

/** A join: arrives unless already present (by a press, the chair or an earlier join), or the record is newer. */
export function joinDecision(current: Attendance | undefined, at: string, rule: QuorumRule): OnlineDecision {
  if (newerThan(current, at)) return { change: false, why: "newer" };
  if (current && (isPresent(current, { ...rule, deputiesCount: true }) || (current.status === "in-attendance" && !current.leftAt))) {
    return { change: false, why: "present" };
  }
  return { change: true };
}

/** A leave: records the departure of someone present, unless the record is newer. */
export function leaveDecision(current: Attendance | undefined, at: string, rule: QuorumRule): OnlineDecision {
  if (!current) return { change: false, why: "not-present" };
  if (newerThan(current, at)) return { change: false, why: "newer" };
  const present = isPresent(current, { ...rule, deputiesCount: true }) || (current.status === "in-attendance" && !current.leftAt);
  return present ? { change: true } : { change: false, why: "not-present" };
}

/**
 * The member a joining non-member deputises for: the one whose apology names them as substitute (or who
 * is already recorded with them as substitute). Undefined when none or several could be meant.
 */
export function deputisingFor(name: string, attendance: readonly Attendance[]): Attendance | undefined {
  if (!name.trim()) return undefined;
  const named = attendance
    .filter((a) => (a.status === "apologies-substitute" || a.status === "present-substitute") && a.substituteName)
    .map((a) => ({ record: a, name: a.substituteName!, organisation: "", email: "" }));
  const found = matchMember(name, named);
  return found.kind === "one" ? found.member.record : undefined;
}
