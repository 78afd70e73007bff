import { AttendanceStatus, Meeting } from "../../bot/domain/types";
import { formatRef } from "../../bot/rules/actionRef";
import { ActionStatus } from "../../bot/rules/actionTypes";
import { ActionRecord } from "../../storage/actionTable";
import { meetingIdFor, memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { AttendanceRecord, MemberRecord, Store } from "../../storage/store";
import { Person } from "../support/connector";
import { TENANT } from "../support/teams";
import { ORGS } from "./seed";

// A board ten years old: 120 monthly meetings with 40 attendance rows each (each roll closed) and
// 5,000 actions. Written straight through the store in batches: the history is the subject, not how
// it was typed in. `viewer` is member 0, already linked, so the bot can be asked for the action log.

const MEETINGS = 120;
const PEOPLE = 40;
const ACTIONS = 5000;

export interface TenYearBoard {
  partnershipId: string;
  channel: string;
  meetings: number;
  attendanceRows: number;
  actions: number;
  seedMs: number;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export async function seedTenYearBoard(store: Store, now: Date, viewer: Person, serviceUrl: string): Promise<TenYearBoard> {
  const started = process.hrtime.bigint();
  const channel = "19:bench-ten-years@thread.tacv2";
  const partnershipId = partnershipIdFor(TENANT, channel);
  const at = now.toISOString();
  await store.partnerships.upsert({
    id: partnershipId,
    name: "Ten-year CSP",
    timeZone: "Europe/London",
    quorum: { count: "organisations", categories: ["statutory"], required: 4, deputiesCount: true },
    channel: { tenantId: TENANT, conversationId: channel, serviceUrl },
    createdAt: at,
    createdBy: "bench",
  });
  const members: MemberRecord[] = Array.from({ length: PEOPLE }, (_, i) => {
    const email = i === 0 ? viewer.email : `decade.member${i}@example.org`;
    const linked = i === 0 ? { aadObjectId: viewer.aadObjectId, teamsUserId: viewer.id } : {};
    return { partnershipId, id: memberIdForEmail(email), name: i === 0 ? viewer.name : `Decade Member ${i}`, title: "Officer", organisation: ORGS[i % ORGS.length]!, category: i % 4 ? "statutory" : "non-statutory", role: i === 0 ? "manager" : i === 1 ? "chair" : "member", email, status: "active", updatedAt: at, ...linked };
  });
  await store.members.upsertMany(members);

  // Monthly, ending last month, at 2pm UTC on the 15th.
  const meetings: Meeting[] = Array.from({ length: MEETINGS }, (_, i) => {
    const startsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MEETINGS + i, 15, 14)).toISOString();
    return { id: meetingIdFor(startsAt), partnershipId, title: "Board meeting", startsAt, agenda: [], state: "closed", createdBy: "bench", createdAt: at };
  });
  await store.meetings.upsertMany(meetings);

  await inParallel([...meetings.keys()], 8, async (i) => {
    const m = meetings[i]!;
    await store.rollCalls.open({ partnershipId, meetingId: m.id, state: "closed", conversationId: channel, serviceUrl, threaded: true, meetingTitle: m.title, startsAt: m.startsAt, openedAt: m.startsAt, openedBy: members[1]!.id, closedAt: m.startsAt });
    const rows: AttendanceRecord[] = members.map((p, j) => {
      // Mostly present, some apologies and absences, varying month to month.
      const status: AttendanceStatus = (i + j) % 7 === 0 ? "apologies" : j % 11 === 0 ? "absent" : "present";
      return { partnershipId, meetingId: m.id, memberId: p.id, status, arrivedAt: status === "present" ? m.startsAt : undefined, recordedBy: members[0]!.id, recordedAt: m.startsAt };
    });
    await store.attendance.upsertMany(rows);
  });

  // 5,000 actions, about 42 a meeting: the old ones mostly done, the last year's mostly open.
  const actions: ActionRecord[] = Array.from({ length: ACTIONS }, (_, n) => {
    const meeting = meetings[Math.floor((n * MEETINGS) / ACTIONS)]!;
    const year = Number(meeting.startsAt.slice(0, 4));
    const owner = members[n % PEOPLE]!;
    const recent = Date.parse(meeting.startsAt) > now.getTime() - 365 * 86_400_000;
    const status: ActionStatus = recent ? (n % 3 ? "open" : "in-progress") : n % 9 ? "done" : "dropped";
    const update = { at: meeting.startsAt, by: owner.id, byName: owner.name, from: "open" as const, to: status, note: "Progress noted at the board." };
    return {
      partnershipId, ref: formatRef(year, n + 1), seq: n + 1, year,
      text: `Action ${n + 1}: circulate the partnership's strategy paper to statutory partners and report back.`,
      owners: [{ kind: "member", memberId: owner.id, name: owner.name }],
      due: { kind: "date", date: meeting.startsAt.slice(0, 10) },
      status, raisedAt: meeting.startsAt, raisedBy: members[1]!.id, meetingId: meeting.id,
      history: status === "open" ? [] : [update],
      copies: [{ conversationId: channel, activityId: `bench-${n}`, serviceUrl }],
      updatedAt: meeting.startsAt,
    };
  });
  // Seq is global here so every row key is unique however the years fall.
  await store.actions.upsertMany(actions);
  return { partnershipId, channel, meetings: MEETINGS, attendanceRows: MEETINGS * PEOPLE, actions: ACTIONS, seedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}
