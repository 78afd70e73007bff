import { Attendance, Category, Meeting, Member } from "../../domain/types";
import { inZone24 } from "./time";

// Attendance as published minutes and registers word it. The roll-call card says "Present (2:05pm)" and
// "Not yet"; the papers say "Attended" and leave a cell blank where nothing was recorded.

export function councilWords(record: Attendance | undefined, timeZone: string): string {
  if (!record) return "";
  if (record.leftAt) return `Left at ${inZone24(record.leftAt, timeZone)}`;
  switch (record.status) {
    case "present":
      return "Attended";
    case "apologies":
      return "Apologies";
    case "apologies-substitute":
      return "Apologies (sent substitute)";
    case "present-substitute":
      // The member's own row: the deputy gets a row of their own, "Present as substitute for …".
      return "Apologies (sent substitute)";
    case "in-attendance":
      return "In attendance";
    case "absent":
      return "Absent";
  }
}

/** The deputy's row in the minutes. */
export const substituteWords = (memberName: string) => `Present as substitute for ${memberName}`;

/** Whether the record puts the member's organisation in the room (a deputy counts, as the rule says). */
export function attended(record: Attendance | undefined, deputiesCount = true): boolean {
  if (!record) return false;
  // Someone who came and left was there: the register counts them as attended.
  if (record.status === "present") return true;
  return record.status === "present-substitute" && deputiesCount;
}

export const CATEGORY_TITLES: { category: Category; title: string }[] = [
  { category: "statutory", title: "Statutory" },
  { category: "non-statutory", title: "Non-statutory" },
  { category: "ex-officio", title: "Ex-officio" },
  { category: "co-opted", title: "Co-opted" },
];

/**
 * The members a meeting had: those active now and those who left the board after it started, plus
 * anyone with a record for it (whatever has happened to them since).
 */
export function membersOf(meeting: Pick<Meeting, "startsAt">, roster: readonly Member[], records: ReadonlyMap<string, unknown>): Member[] {
  return roster.filter((m) => records.has(m.id) || m.status === "active" || (m.formerSince !== undefined && m.formerSince > meeting.startsAt));
}

/** "Jenny Barnett, Chair", "Michael Dineen, Vice Chair": the role after the name, as the seed minutes do. */
export function nameWithRole(member: Pick<Member, "name" | "role">): string {
  if (member.role === "chair") return `${member.name}, Chair`;
  if (member.role === "vice-chair") return `${member.name}, Vice Chair`;
  return member.name;
}

/** "Chief Superintendent, Essex Police": the title and the organisation, the title alone when it names it. */
export function titleAndOrganisation(member: Pick<Member, "title" | "organisation">): string {
  const title = member.title.trim();
  if (!title) return member.organisation;
  if (title.toLowerCase().includes(member.organisation.trim().toLowerCase())) return title;
  return `${title}, ${member.organisation}`;
}

/** Chair first, then vice-chair, then by name: the order published minutes list a category in. */
export function byRoleThenName(a: Member, b: Member): number {
  const rank = (m: Member) => (m.role === "chair" ? 0 : m.role === "vice-chair" ? 1 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}
