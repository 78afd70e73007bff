import { evaluateQuorum } from "../quorum";
import { organisationKey } from "../quorumRule";
import { formatDate } from "../zonedTime";
import { attended, membersOf } from "./councilWords";
import { asAtMeeting, AttendanceHistory, percent } from "./history";

// Attendance by organisation over a period: for each organisation that counts towards quorum, the
// meetings it was represented at out of those held; and the meetings that were not quorate, with who
// was missing each time. The list a chair uses to chase partners.

export interface OrganisationLine {
  organisation: string;
  represented: number;
  held: number;
  percent: string;
  /** "7 of 12 meetings" in words: "seven of twelve meetings". */
  words: string;
  /** A text bar, one block per meeting: never colour alone. */
  bar: string;
}

export interface AttendanceByOrganisation {
  board: string;
  held: number;
  organisations: OrganisationLine[];
  inquorate: { date: string; title: string; headline: string; missing: string[] }[];
  /** Held, but no roll was called: quorum unknown. */
  noRollCall: { date: string; title: string }[];
}

export function attendanceByOrganisation(h: AttendanceHistory): AttendanceByOrganisation {
  const zone = h.partnership.timeZone;
  const rule = h.partnership.quorum;
  const tally = new Map<string, { organisation: string; represented: number; held: number }>();
  const inquorate: AttendanceByOrganisation["inquorate"] = [];
  const noRollCall: AttendanceByOrganisation["noRollCall"] = [];
  for (const m of h.meetings) {
    const byMember = new Map(m.attendance.filter((a) => !a.guestName).map((a) => [a.memberId, a]));
    const members = membersOf(m.meeting, h.roster, byMember).map(asAtMeeting).filter((x) => rule.categories.includes(x.category));
    const seen = new Map<string, boolean>();
    for (const member of members) {
      const key = organisationKey(member.organisation);
      if (!tally.has(key)) tally.set(key, { organisation: member.organisation, represented: 0, held: 0 });
      seen.set(key, (seen.get(key) ?? false) || attended(byMember.get(member.id), rule.deputiesCount));
    }
    for (const [key, was] of seen) {
      const t = tally.get(key)!;
      t.held++;
      if (was) t.represented++;
    }
    const date = formatDate(m.meeting.startsAt, zone);
    if (!m.roll) {
      noRollCall.push({ date, title: m.meeting.title });
      continue;
    }
    const closing = closingOf(m.roll.closingQuorum);
    // No snapshot at close (a roll never closed): whoever attended at all counts, early leavers included.
    const status = closing ?? evaluateQuorum(members, m.attendance.map((a) => (a.leftAt ? { ...a, leftAt: undefined } : a)), rule);
    if (!status.quorate) inquorate.push({ date, title: m.meeting.title, headline: status.headline, missing: status.missing });
  }
  return {
    board: h.partnership.name,
    held: h.meetings.length,
    organisations: [...tally.values()]
      .sort((a, b) => a.represented / a.held - b.represented / b.held || a.organisation.localeCompare(b.organisation))
      .map((t) => ({ ...t, percent: percent(t.represented, t.held), words: `${numberWords(t.represented)} of ${numberWords(t.held)} meeting${t.held === 1 ? "" : "s"}`, bar: bar(t.represented, t.held) })),
    inquorate,
    noRollCall,
  };
}

function closingOf(json: string | undefined): { quorate: boolean; headline: string; missing: string[] } | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as { quorate?: unknown; headline?: unknown; missing?: unknown };
    if (typeof v.quorate !== "boolean" || typeof v.headline !== "string") return undefined;
    return { quorate: v.quorate, headline: v.headline, missing: Array.isArray(v.missing) ? v.missing.map(String) : [] };
  } catch {
    return undefined;
  }
}

const SMALL = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
export const numberWords = (n: number) => SMALL[n] ?? String(n);

/** "███████░░░░░": filled for each meeting represented, hollow for each missed (scaled past 24). */
export function bar(part: number, whole: number): string {
  const width = Math.min(whole, 24);
  const filled = whole === 0 ? 0 : Math.round((part / whole) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}
