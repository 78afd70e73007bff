import { SignOff, Vote } from "../../storage/signOffTable";
import { Store } from "../../storage/store";
import { testStore } from "../support/storage";

// Votes pressed together are written together: every vote stands, one per organisation, and nothing
// lands once the sign-off is decided.

let store: Store;
beforeAll(async () => {
  store = await testStore();
});

const signOff = (id: string): SignOff => ({
  partnershipId: "p1",
  id,
  title: "Serious Violence Strategy 2024",
  deadline: "2024-04-04T17:00:00.000Z",
  rule: { voters: "all-members", pass: { kind: "majority" } },
  eligible: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`org${i}`, `Organisation ${i}`])),
  state: "open",
  createdBy: "aad-chair",
  createdAt: "2024-03-21T15:00:00.000Z",
  threaded: true,
});
const vote = (org: string, option: Vote["option"], at = "2024-03-21T15:05:00.000Z", memberId = `m-${org}`): Vote => ({
  voterKey: org,
  option,
  memberId,
  memberName: `Member of ${org}`,
  at,
});

test("thirty votes at once all stand, in a few round trips", async () => {
  await store.signOffs.create(signOff("s1"));
  const before = store.roundTrips();
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.signOffs.vote("p1", "s1", vote(`org${i}`, i % 2 ? "approve" : "abstain"))));
  expect(results.every((r) => r === "written")).toBe(true);
  expect(store.roundTrips() - before).toBeLessThanOrEqual(3);
  const votes = (await store.signOffs.read("p1", "s1")).votes;
  expect(votes).toHaveLength(30);
  expect(votes.filter((v) => v.option === "approve")).toHaveLength(15);
});

test("two votes for one organisation in the same burst: the later stands, one row", async () => {
  await store.signOffs.create(signOff("s2"));
  const first = store.signOffs.vote("p1", "s2", vote("org0", "approve")); // in flight: the rest wait together
  await Promise.all([
    store.signOffs.vote("p1", "s2", vote("org1", "approve")),
    store.signOffs.vote("p1", "s2", vote("org2", "reject", "2024-03-21T15:06:00.000Z", "m-a")),
    store.signOffs.vote("p1", "s2", vote("org2", "approve", "2024-03-21T15:07:00.000Z", "m-b")),
  ]);
  await first;
  const votes = (await store.signOffs.read("p1", "s2")).votes;
  expect(votes).toHaveLength(3);
  expect(votes.find((v) => v.voterKey === "org2")).toMatchObject({ option: "approve", memberId: "m-b" });
});

test("once closed, a burst of votes writes nothing and everyone is told", async () => {
  await store.signOffs.create(signOff("s3"));
  expect(await store.signOffs.close("p1", "s3")).toBe(true);
  const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.signOffs.vote("p1", "s3", vote(`org${i}`, "approve"))));
  expect(results).toEqual(["closed", "closed", "closed", "closed", "closed"]);
  expect((await store.signOffs.read("p1", "s3")).votes).toHaveLength(0);
});
