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
