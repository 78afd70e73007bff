import { BoardCache } from "../../bot/boardCache";
import { Partnership } from "../../bot/domain/types";
import { MemberRecord } from "../../storage/store";
import { testStore } from "../support/storage";

const partnership: Partnership = {
  id: "p0000000000000000cache",
  name: "Cache CSP",
  timeZone: "Europe/London",
  quorum: { count: "organisations", categories: ["statutory"], required: 4, deputiesCount: true },
  channel: { tenantId: "t", conversationId: "19:c@thread.tacv2", serviceUrl: "http://localhost/" },
  createdAt: "2024-03-21T14:00:00.000Z",
  createdBy: "x",
};
const member = (name: string): MemberRecord => ({
  partnershipId: partnership.id,
  id: `m${name.padStart(20, "0")}`,
  name,
  title: "",
  organisation: "Essex Police",
  category: "statutory",
  role: "member",
  email: `${name}@example.org`,
  status: "active",
  updatedAt: "2024-03-21T14:00:00.000Z",
});

test("a stale roster is served at once while it reloads behind; an invalidated one is read again", async () => {
  const store = await testStore();
  await store.partnerships.upsert(partnership);
  await store.members.upsert(member("a"));
  let clock = 0;
  const cache = new BoardCache(store, 30_000, () => clock);
  expect((await cache.get(partnership.id))?.roster.map((m) => m.name)).toEqual(["a"]);

  await store.members.upsert(member("b"));
  const before = store.roundTrips();
  expect((await cache.get(partnership.id))?.roster).toHaveLength(1); // fresh: no storage
  expect(store.roundTrips()).toBe(before);

  clock = 31_000;
  expect((await cache.get(partnership.id))?.roster).toHaveLength(1); // stale, answered at once
  // The reload behind it lands shortly; wait for it rather than for a fixed time.
  for (let i = 0; i < 100 && (await cache.get(partnership.id))?.roster.length !== 2; i++) await new Promise((r) => setTimeout(r, 50));
  expect((await cache.get(partnership.id))?.roster).toHaveLength(2);

  await store.members.upsert(member("c"));
  cache.invalidate(partnership.id);
  expect((await cache.get(partnership.id))?.roster).toHaveLength(3);
});
