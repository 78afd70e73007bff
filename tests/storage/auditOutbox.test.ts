import { TableClient } from "@azure/data-tables";
import { attendancePartition } from "../../storage/attendanceTable";
import { RELAY_DELAY_MS } from "../../storage/auditOutbox";
import { RollCallTable } from "../../storage/rollCallTable";
import { testConnectionString, testStore, uniquePrefix } from "../support/storage";

// An audit entry written with its change (the change's own batch) survives whatever happens after: a
// process that never gets to copy it leaves it in the outbox, and recovery copies it exactly once.

const at = "2024-03-21T13:58:00Z";

test("check-ins written with their audit entries: a process that dies before copying them loses none", async () => {
  const prefix = uniquePrefix();
  const store = await testStore(prefix);
  const roll = { partnershipId: "p1", meetingId: "m-2024-03-21-aaaaaa", state: "open" as const, conversationId: "19:c", serviceUrl: "https://x/", threaded: true, meetingTitle: "Board", startsAt: at, openedAt: at, openedBy: "chair" };
  expect(await store.rollCalls.open(roll)).toBe(true);
  // A table with no outbox behind it: as if the process died the moment the batch returned.
  const dying = new RollCallTable(TableClient.fromConnectionString(testConnectionString(), `${prefix}Attendance`, { allowInsecureConnection: true }));
  const results = await Promise.all(
    ["a", "b", "c"].map((memberId) =>
      dying.checkIn({ partnershipId: "p1", meetingId: roll.meetingId, memberId, status: "present", arrivedAt: at, recordedBy: memberId, recordedAt: at, audit: { partnershipId: "p1", at, actor: memberId, action: "attendance.checked_in", target: `${roll.meetingId}/${memberId}`, after: { status: "present" } } }),
    ),
  );
  expect(results).toEqual(["written", "written", "written"]);
  expect(await store.audit.list("p1")).toEqual([]);
  // The roll call reads as before: outbox rows are not attendance.
  expect((await store.rollCalls.read("p1", roll.meetingId)).attendance.map((a) => a.memberId).sort()).toEqual(["a", "b", "c"]);

  // Two instances recovering at once copy each entry once.
  const other = await testStore(prefix);
  const copied = await Promise.all([store.outbox.recover(), other.outbox.recover()]);
  expect(copied[0] + copied[1]).toBeGreaterThanOrEqual(3);
  const entries = await store.audit.list("p1");
  expect(entries.map((e) => e.target).sort()).toEqual(["a", "b", "c"].map((m) => `${roll.meetingId}/${m}`));
  expect(await store.outbox.recover()).toBe(0);
  const left = store.rollCalls.client.listEntities({ queryOptions: { filter: `PartitionKey eq '${attendancePartition("p1", roll.meetingId)}' and RowKey ge '_audit~' and RowKey lt '_audit~~'` } });
  let rows = 0;
  for await (const _ of left) rows++;
  expect(rows).toBe(0);
});

test("with the outbox behind it, the entry is copied after the write and its outbox row cleared", async () => {
  const store = await testStore();
  const roll = { partnershipId: "p2", meetingId: "m-2024-03-21-bbbbbb", state: "open" as const, conversationId: "19:c", serviceUrl: "https://x/", threaded: true, meetingTitle: "Board", startsAt: at, openedAt: at, openedBy: "chair" };
  await store.rollCalls.open(roll);
  await store.rollCalls.checkIn({ partnershipId: "p2", meetingId: roll.meetingId, memberId: "z", status: "present", arrivedAt: at, recordedBy: "z", recordedAt: at, audit: { partnershipId: "p2", at, actor: "z", action: "attendance.checked_in", target: `${roll.meetingId}/z` } });
  await store.outbox.idle();
  expect((await store.audit.list("p2")).map((e) => e.action)).toEqual(["attendance.checked_in"]);
  expect(await store.outbox.recover()).toBe(0);
});

test("a burst's entries are copied and cleared together, within the relay delay and without being asked", async () => {
  const store = await testStore();
  const roll = { partnershipId: "p3", meetingId: "m-2024-03-21-cccccc", state: "open" as const, conversationId: "19:c", serviceUrl: "https://x/", threaded: true, meetingTitle: "Board", startsAt: at, openedAt: at, openedBy: "chair" };
  await store.rollCalls.open(roll);
  const members = Array.from({ length: 12 }, (_, i) => `m${i}`);
  // One at a time, as presses minutes apart in a quiet roll call would not be: each its own batch.
  for (const memberId of members) {
    await store.rollCalls.checkIn({ partnershipId: "p3", meetingId: roll.meetingId, memberId, status: "present", arrivedAt: at, recordedBy: memberId, recordedAt: at, audit: { partnershipId: "p3", at, actor: memberId, action: "attendance.checked_in", target: `${roll.meetingId}/${memberId}` } });
  }
  const before = store.roundTrips();
  // Not copied yet: the relay waits for more of the same partition. Nobody calls idle(): the delay passes.
  expect(store.roundTrips() - before).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, RELAY_DELAY_MS + 400));
  // Copied by then, on the timer: 12 entries in one batch of inserts and one of deletes.
  expect(store.roundTrips() - before).toBe(2);
  await store.outbox.idle();
  expect((await store.audit.list("p3")).map((e) => e.target).sort()).toEqual(members.map((m) => `${roll.meetingId}/${m}`).sort());
  expect(await store.outbox.recover()).toBe(0);
  expect((await store.rollCalls.read("p3", roll.meetingId)).attendance).toHaveLength(12);
});

test("a relay whose rows another instance already cleared still copies each entry once", async () => {
  const prefix = uniquePrefix();
  const store = await testStore(prefix);
  const other = await testStore(prefix);
  const roll = { partnershipId: "p4", meetingId: "m-2024-03-21-dddddd", state: "open" as const, conversationId: "19:c", serviceUrl: "https://x/", threaded: true, meetingTitle: "Board", startsAt: at, openedAt: at, openedBy: "chair" };
  await store.rollCalls.open(roll);
  for (const memberId of ["a", "b", "c"]) {
    await store.rollCalls.checkIn({ partnershipId: "p4", meetingId: roll.meetingId, memberId, status: "present", arrivedAt: at, recordedBy: memberId, recordedAt: at, audit: { partnershipId: "p4", at, actor: memberId, action: "attendance.checked_in", target: `${roll.meetingId}/${memberId}` } });
  }
  // Another instance's hourly recovery gets there first, while this one's relay is still waiting.
  expect(await other.outbox.recover()).toBe(3);
  await store.outbox.idle();
  expect((await store.audit.list("p4")).map((e) => e.target).sort()).toEqual(["a", "b", "c"].map((m) => `${roll.meetingId}/${m}`));
  expect(await store.outbox.recover()).toBe(0);
});
