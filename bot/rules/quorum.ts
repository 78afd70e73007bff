import { Attendance, Member, QuorumRule } from "../domain/types";
import { categoryWords, countingUnits, organisationKey, requiredCount } from "./quorumRule";

// Is the meeting quorate right now? A plain function of the roster, the attendance records and the
// partnership's rule, so the card, the thread announcements and the minutes all agree.

export interface QuorumStatus {
  quorate: boolean;
  /** Organisations represented (or persons present) that count. */
  count: number;
  required: number;
  /** How many could count at all. */
  possible: number;
  represented: string[];
  missing: string[];
  /** "Not quorate: 3 of 6 statutory partners present, 4 needed." */
  headline: string;
  /** "Not represented: A, B, C." (empty when nothing is missing) */
  missingText: string;
}

/** Present now: arrived and not left. A substitute stands in for the member whose record it is. */
export function isPresent(a: Attendance, rule: QuorumRule): boolean {
  if (a.leftAt) return false;
  if (a.status === "present") return true;
  return a.status === "present-substitute" && rule.deputiesCount;
}

export function evaluateQuorum(roster: readonly Member[], attendance: readonly Attendance[], rule: QuorumRule): QuorumStatus {
  const counting = roster.filter((m) => m.status === "active" && rule.categories.includes(m.category));
  const presentIds = new Set(attendance.filter((a) => isPresent(a, rule)).map((a) => a.memberId));
  const possibleUnits = countingUnits(roster, rule);

  let represented: string[];
  let missing: string[];
  if (rule.count === "persons") {
    represented = counting.filter((m) => presentIds.has(m.id)).map((m) => m.name);
    missing = counting.filter((m) => !presentIds.has(m.id)).map((m) => m.name);
  } else {
    const present = new Set(counting.filter((m) => presentIds.has(m.id)).map((m) => organisationKey(m.organisation)));
    represented = possibleUnits.filter((org) => present.has(organisationKey(org)));
    missing = possibleUnits.filter((org) => !present.has(organisationKey(org)));
  }

  const required = requiredCount(rule, possibleUnits.length);
  const count = represented.length;
  const quorate = count >= required && required > 0;
  const noun = rule.count === "organisations" ? "partners" : "members";
  const headline =
    `${quorate ? "Quorate" : "Not quorate"}: ${count} of ${possibleUnits.length} ${categoryWords(rule.categories)} ${noun} present, ${required} needed.`;
  const missingText = missing.length > 0 ? `Not ${rule.count === "organisations" ? "represented" : "present"}: ${missing.join(", ")}.` : "";
  return { quorate, count, required, possible: possibleUnits.length, represented, missing, headline, missingText };
}
