import ExcelJS from "exceljs";
import { AttendanceStatus, Meeting } from "../../bot/domain/types";
import { buildPaper } from "../../bot/papers/files";
import { loadHistory } from "../../bot/papers/load";
import { attendanceByOrganisation } from "../../bot/rules/papers/byOrganisation";
import { meetingIdFor, memberIdForEmail } from "../../storage/keys";
import { AttendanceRecord, MemberRecord, Store } from "../../storage/store";
import { testStore } from "../support/storage";

// A register over the last 12 meetings held, on a board with a former member and a cancelled meeting,
// read back from the CSV and from the workbook; and attendance by organisation over the same year.

const partnershipId = "p0123456789abcdef0123";
const now = new Date("2025-04-01T09:00:00Z");
let store: Store;

// 14 monthly meetings from January 2024, the 7th (index 6) cancelled: 13 held, so the last 12 leave out
// the first. Index 13 is the latest.
const meetings: Meeting[] = Array.from({ length: 14 }, (_, i) => {
  const startsAt = new Date(Date.UTC(2024, i, 18, 14)).toISOString();
  return { id: meetingIdFor(startsAt, "aaaaaa"), partnershipId, title: "Board meeting", startsAt, agenda: [], state: i === 6 ? "cancelled" : "closed", createdBy: "t", createdAt: startsAt };
});
const chosen = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13];

const member = (name: string, organisation: string, category: MemberRecord["category"], extra: Partial<MemberRecord> = {}): MemberRecord => {
  const email = `${name.toLowerCase().replace(/ /g, ".")}@example.org`;
  return { partnershipId, id: memberIdForEmail(email), name, title: "", organisation, category, role: "member", email, status: "active", updatedAt: now.toISOString(), ...extra };
};
const ann = member("Ann Police", "Essex Police", "statutory");
const bob = member("Bob Council", "Thurrock Council", "statutory");
// Left the board before the meeting of index 8: a member of meetings 1-7 only.
const cat = member("Cat Former", "Thurrock Council", "statutory", { status: "former", formerSince: new Date(Date.UTC(2024, 8, 1)).toISOString() });
const dan = member("Dan Savills", "Savills", "non-statutory");

function statusOf(who: MemberRecord, i: number): AttendanceStatus | undefined {
  if (who === ann) return "present";
  if (who === bob) return i % 2 === 0 ? "present" : "apologies";
  if (who === cat) return i <= 3 ? "present" : i <= 7 ? "absent" : undefined;
  return undefined;
}

beforeAll(async () => {
  store = await testStore();
  await store.partnerships.upsert({
    id: partnershipId,
    name: "Register CSP",
    timeZone: "Europe/London",
    quorum: { count: "organisations", categories: ["statutory"], required: "majority", deputiesCount: true },
    channel: { tenantId: "t", conversationId: "19:c@thread.tacv2", serviceUrl: "http://localhost" },
    createdAt: now.toISOString(),
    createdBy: "t",
  });
  await store.members.upsertMany([ann, bob, cat, dan]);
  await store.meetings.upsertMany(meetings);
  const rows: AttendanceRecord[] = [];
  meetings.forEach((m, i) => {
    for (const who of [ann, bob, cat]) {
      const status = statusOf(who, i);
      if (!status || m.state === "cancelled") continue;
      // Ann left the latest meeting early: still attended.
      const leftAt = who === ann && i === 13 ? new Date(Date.parse(m.startsAt) + 100 * 60_000).toISOString() : undefined;
      rows.push({ partnershipId, meetingId: m.id, memberId: who.id, status, leftAt, recordedBy: "t", recordedAt: m.startsAt });
    }
  });
  await store.attendance.upsertMany(rows);
  for (const i of chosen) {
    const m = meetings[i]!;
    await store.rollCalls.open({ partnershipId, meetingId: m.id, state: "closed", conversationId: "c", serviceUrl: "http://localhost", threaded: true, meetingTitle: m.title, startsAt: m.startsAt, openedAt: m.startsAt, openedBy: "t", closedAt: m.startsAt });
  }
});

const dates = chosen.map((i) => {
  const d = new Date(meetings[i]!.startsAt);
  return `18/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
});
const HEAD = ["Name", "Organisation", "Category", "Member", ...dates, "Attended", "Of", "Attendance"];
const cells = (who: MemberRecord) =>
  chosen.map((i) => {
    if (who === cat && i >= 8) return "–";
    if (who === ann && i === 13) return "Left at 15:40";
    const s = statusOf(who, i);
    return s === "present" ? "Attended" : s === "apologies" ? "Apologies" : s === "absent" ? "Absent" : "";
  });
const MEMBERS = [
  ["Ann Police", "Essex Police", "statutory", "current", ...cells(ann), "12", "12", "100%"],
  ["Bob Council", "Thurrock Council", "statutory", "current", ...cells(bob), "5", "12", "42%"],
  ["Cat Former", "Thurrock Council", "statutory", "former", ...cells(cat), "3", "6", "50%"],
  ["Dan Savills", "Savills", "non-statutory", "current", ...cells(dan), "0", "12", "0%"],
];
// Thurrock Council is represented when Bob or Cat attended: meetings 1, 2, 3, 4, 8, 10 and 12.
const ORGANISATIONS = [
  ["Essex Police", "12", "12", "100%"],
  ["Savills", "0", "12", "0%"],
  ["Thurrock Council", "7", "12", "58%"],
];

test("CSV: one column per meeting held (cancelled and oldest left out), council words, percentages", async () => {
  const file = (await buildPaper(store, partnershipId, { kind: "register-csv", last: 12 }, now))!;
  expect(file.contentType).toBe("text/csv; charset=utf-8");
  const text = file.body.toString("utf8").replace(/^\uFEFF/, "");
  const [members, organisations] = text.trim().split("\r\n\r\n").map((block) => block.split("\r\n").map((l) => l.split(",")));
  expect(members![0]).toEqual(HEAD);
  expect(members!.slice(1)).toEqual(MEMBERS);
  expect(organisations).toEqual([["Organisation", "Represented", "Of", "Attendance"], ...ORGANISATIONS]);
});

test("the workbook, read back with exceljs, holds the same members and organisations", async () => {
  const file = (await buildPaper(store, partnershipId, { kind: "register-xlsx", last: 12 }, now))!;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.body as unknown as ArrayBuffer);
  const values = (name: string) => {
    const rows: string[][] = [];
    book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)))));
    return rows;
  };
  // Empty cells read back as missing: pad each row to the heading's width.
  const members = values("Members").map((r) => [...r, ...Array(Math.max(0, HEAD.length - r.length)).fill("")].slice(0, HEAD.length));
  expect(members[0]).toEqual(HEAD);
  expect(members.slice(1)).toEqual(MEMBERS);
  expect(values("Organisations")).toEqual([["Organisation", "Represented", "Of", "Attendance"], ...ORGANISATIONS]);
});

test("a shorter register: the last 3 meetings held", async () => {
  const file = (await buildPaper(store, partnershipId, { kind: "register-csv", last: 3 }, now))!;
  const head = file.body.toString("utf8").replace(/^\uFEFF/, "").split("\r\n")[0]!.split(",");
  expect(head.slice(4, -3)).toEqual(dates.slice(-3));
});

test("attendance by organisation: represented out of held, and the inquorate meetings with who was missing", async () => {
  const history = (await loadHistory(store, partnershipId, { since: new Date("2024-04-01T00:00:00Z") }, now))!;
  const report = attendanceByOrganisation(history);
  // April 2024 to February 2025 with July cancelled: 10 held. Only the statutory organisations count.
  expect(report.held).toBe(10);
  expect(report.organisations.map((o) => [o.organisation, o.represented, o.held, o.words, o.bar])).toEqual([
    ["Thurrock Council", 5, 10, "five of ten meetings", "█████░░░░░"],
    ["Essex Police", 10, 10, "ten of ten meetings", "██████████"],
  ]);
  // Two statutory organisations, a majority is both: not quorate whenever Thurrock Council was missing.
  expect(report.inquorate.map((m) => [m.date, m.missing])).toEqual([
    ["18 June 2024", ["Thurrock Council"]],
    ["18 August 2024", ["Thurrock Council"]],
    ["18 October 2024", ["Thurrock Council"]],
    ["18 December 2024", ["Thurrock Council"]],
    ["18 February 2025", ["Thurrock Council"]],
  ]);
  expect(report.inquorate[0]!.headline).toBe("Not quorate: 1 of 2 statutory partners present, 2 needed.");
});
