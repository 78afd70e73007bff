import { Attendance, RollCall } from "../../bot/domain/types";
import { Store } from "../../storage/store";
import { testStore } from "../support/storage";

let store: Store;
beforeAll(async () => {
  store = await testStore();
});

const roll = (meetingId: string): RollCall => ({
  partnershipId: "p1",
  meetingId,
  state: "open",
  conversationId: "19:c@thread.tacv2",
  serviceUrl: "http://localhost/",
  threaded: true,
  meetingTitle: "Board meeting",
  startsAt: "2024-03-21T14:00:00.000Z",
  openedAt: "2024-03-21T14:00:00.000Z",
  openedBy: "aad-chair",
});
const checkIn = (meetingId: string, memberId: string): Attendance & { partnershipId: string } => ({
  partnershipId: "p1",
  meetingId,
  memberId,
  status: "present",
  arrivedAt: "2024-03-21T14:01:00.000Z",
  recordedBy: memberId,
  recordedAt: "2024-03-21T14:01:00.000Z",
});

test("one roll per meeting", async () => {
  expect(await store.rollCalls.open(roll("20240321T140000Z-aaaaaa"))).toBe(true);
  expect(await store.rollCalls.open(roll("20240321T140000Z-aaaaaa"))).toBe(false);
});

test("a check-in needs an open roll, happens once, and comes back in the single partition read", async () => {
  const meeting = "20240321T140000Z-bbbbbb";
  expect(await store.rollCalls.checkIn(checkIn(meeting, "m1"))).toBe("no-roll");
  expect((await store.rollCalls.read("p1", meeting)).attendance).toHaveLength(0);

  await store.rollCalls.open(roll(meeting));
  expect(await store.rollCalls.checkIn(checkIn(meeting, "m1"))).toBe("written");
  expect(await store.rollCalls.checkIn({ ...checkIn(meeting, "m1"), arrivedAt: "2024-03-21T15:00:00.000Z" })).toBe("exists");
  const snapshot = await store.rollCalls.read("p1", meeting);
  expect(snapshot.roll).toMatchObject({ state: "open", meetingId: meeting });
  expect(snapshot.attendance).toEqual([expect.objectContaining({ memberId: "m1", status: "present", arrivedAt: "2024-03-21T14:01:00.000Z" })]);
});

test("thirty concurrent check-ins are all stored", async () => {
  const meeting = "20240321T140000Z-cccccc";
  await store.rollCalls.open(roll(meeting));
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.rollCalls.checkIn(checkIn(meeting, `m${i}`))));
  expect(results.every((r) => r === "written")).toBe(true);
  expect((await store.rollCalls.read("p1", meeting)).attendance).toHaveLength(30);
});

test("a quorum change is marked by exactly one of several concurrent writers", async () => {
  const meeting = "20240321T140000Z-dddddd";
  await store.rollCalls.open(roll(meeting));
  const first = await Promise.all(Array.from({ length: 5 }, () => store.rollCalls.markQuorum("p1", meeting, false, "t0")));
  expect(first.filter(Boolean)).toHaveLength(1);
  const mark = (await store.rollCalls.read("p1", meeting)).quorumMark!;
  const second = await Promise.all(Array.from({ length: 5 }, () => store.rollCalls.markQuorum("p1", meeting, true, "t1", mark.etag)));
  expect(second.filter(Boolean)).toHaveLength(1);
  expect((await store.rollCalls.read("p1", meeting)).quorumMark).toMatchObject({ quorate: true, changedAt: "t1" });
});

// ---------------------------------------------------------------- presses arriving together

const burst = (meeting: string, ids: string[]) => Promise.all(ids.map((id) => store.rollCalls.checkIn(checkIn(meeting, id))));
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `m${from + i}`);

test("thirty check-ins at once go to storage in a few batches, not thirty", async () => {
  const meeting = "20240321T140000Z-eeeeee";
  await store.rollCalls.open(roll(meeting));
  const before = store.roundTrips();
  expect(await burst(meeting, ids(30))).toEqual(ids(30).map(() => "written"));
  // The first goes alone at once; the other 29 wait for it and go as one batch.
  expect(store.roundTrips() - before).toBeLessThanOrEqual(3);
  expect((await store.rollCalls.read("p1", meeting)).attendance.map((a) => a.memberId).sort()).toEqual(ids(30).sort());
});

test("in a burst, someone already checked in is told so and keeps their time; the others are written", async () => {
  const meeting = "20240321T140000Z-ffffff";
  await store.rollCalls.open(roll(meeting));
  await store.rollCalls.checkIn(checkIn(meeting, "m0"));
  await store.rollCalls.checkIn({ ...checkIn(meeting, "m5"), arrivedAt: "2024-03-21T13:55:00.000Z" });
  const later = ids(10).map((id) => ({ ...checkIn(meeting, id), arrivedAt: "2024-03-21T14:30:00.000Z" }));
  const results = await Promise.all(later.map((r) => store.rollCalls.checkIn(r)));
  expect(results).toEqual(ids(10).map((id) => (id === "m0" || id === "m5" ? "exists" : "written")));
  const rows = (await store.rollCalls.read("p1", meeting)).attendance;
  expect(rows).toHaveLength(10);
  expect(rows.find((a) => a.memberId === "m5")?.arrivedAt).toBe("2024-03-21T13:55:00.000Z");
});

test("the same press delivered twice in one burst is written once", async () => {
  const meeting = "20240321T140000Z-a1a1a1";
  await store.rollCalls.open(roll(meeting));
  const first = store.rollCalls.checkIn(checkIn(meeting, "m9")); // in flight: the next four wait together
  const results = await burst(meeting, ["m1", "m2", "m1", "m3"]);
  expect(await first).toBe("written");
  expect(results).toEqual(["written", "written", "exists", "written"]);
  expect((await store.rollCalls.read("p1", meeting)).attendance).toHaveLength(4);
});

test("a burst on a meeting with no roll writes nothing and says so to everyone", async () => {
  const meeting = "20240321T140000Z-b2b2b2";
  expect(await burst(meeting, ids(8))).toEqual(ids(8).map(() => "no-roll"));
  expect((await store.rollCalls.read("p1", meeting)).attendance).toHaveLength(0);
});

test("everyone who reads after checking in sees their own check-in, however the reads are shared", async () => {
  const meeting = "20240321T140000Z-c3c3c3";
  await store.rollCalls.open(roll(meeting));
  const seen = await Promise.all(
    ids(30).map(async (id, i) => {
      await new Promise((r) => setTimeout(r, i % 7)); // arrivals spread over a few milliseconds
      await store.rollCalls.checkIn(checkIn(meeting, id));
      return (await store.rollCalls.read("p1", meeting)).attendance.some((a) => a.memberId === id);
    }),
  );
  expect(seen.every(Boolean)).toBe(true);
});

test("a snapshot is shared between callers, so it cannot be changed", async () => {
  const meeting = "20240321T140000Z-d4d4d4";
  await store.rollCalls.open(roll(meeting));
  await store.rollCalls.checkIn(checkIn(meeting, "m1"));
  const snapshot = await store.rollCalls.read("p1", meeting);
  expect(() => snapshot.attendance.push(snapshot.attendance[0]!)).toThrow(TypeError);
});
