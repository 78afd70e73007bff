import { Category } from "../../domain/types";
import { organisationKey } from "../quorumRule";
import { attended, CATEGORY_TITLES, councilWords, membersOf } from "./councilWords";
import { AttendanceHistory, percent } from "./history";
import { shortDate } from "./time";

// The attendance register: one row per member, one column per meeting, cells in the council words,
// and each member's and each organisation's attendance as a percentage.

export const NOT_A_MEMBER = "–";

export interface RegisterRow {
  name: string;
  organisation: string;
  category: Category;
  former: boolean;
  /** One per meeting: council words, "" where nothing was recorded, "–" when not a member then. */
  cells: string[];
  attended: number;
  of: number;
  percent: string;
}

export interface Register {
  board: string;
  meetings: { id: string; date: string; title: string }[];
  members: RegisterRow[];
  organisations: { organisation: string; represented: number; of: number; percent: string }[];
}

export function attendanceRegister(h: AttendanceHistory): Register {
  const zone = h.partnership.timeZone;
  const deputies = h.partnership.quorum.deputiesCount;
  const perMeeting = h.meetings.map((m) => {
    const byMember = new Map(m.attendance.filter((a) => !a.guestName).map((a) => [a.memberId, a]));
    return { byMember, members: new Set(membersOf(m.meeting, h.roster, byMember).map((x) => x.id)) };
  });
  const rank = (c: Category) => CATEGORY_TITLES.findIndex((t) => t.category === c);
  const rows = h.roster
    .filter((member) => perMeeting.some((p) => p.members.has(member.id)))
    .sort((a, b) => rank(a.category) - rank(b.category) || a.name.localeCompare(b.name))
    .map((member): RegisterRow => {
      let present = 0;
      let of = 0;
      const cells = perMeeting.map((p) => {
        if (!p.members.has(member.id)) return NOT_A_MEMBER;
        of++;
        const record = p.byMember.get(member.id);
        if (record?.status === "present") present++;
        return councilWords(record, zone);
      });
      return { name: member.name, organisation: member.organisation, category: member.category, former: member.status === "former", cells, attended: present, of, percent: percent(present, of) };
    });

  // An organisation is represented at a meeting when any of its members (or their deputy) attended.
  const orgs = new Map<string, { organisation: string; represented: number; of: number }>();
  perMeeting.forEach((p) => {
    const seen = new Map<string, boolean>();
    for (const member of h.roster) {
      if (!p.members.has(member.id)) continue;
      const key = organisationKey(member.organisation);
      if (!orgs.has(key)) orgs.set(key, { organisation: member.organisation, represented: 0, of: 0 });
      seen.set(key, (seen.get(key) ?? false) || attended(p.byMember.get(member.id), deputies));
    }
    for (const [key, was] of seen) {
      const o = orgs.get(key)!;
      o.of++;
      if (was) o.represented++;
    }
  });
  return {
    board: h.partnership.name,
    meetings: h.meetings.map((m) => ({ id: m.meeting.id, date: shortDate(m.meeting.startsAt, zone), title: m.meeting.title })),
    members: rows,
    organisations: [...orgs.values()].sort((a, b) => a.organisation.localeCompare(b.organisation)).map((o) => ({ ...o, percent: percent(o.represented, o.of) })),
  };
}
