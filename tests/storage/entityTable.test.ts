import { TableClient } from "@azure/data-tables";
import { CorruptEntityError } from "../../storage/errors";
import { MemberRecord, Store } from "../../storage/store";
import { testConnectionString, testStore, uniquePrefix } from "../support/storage";

let store: Store;
let prefix: string;
beforeAll(async () => {
  prefix = uniquePrefix();
  store = await testStore(prefix);
});

const member = (i: number, partnershipId = "p1"): MemberRecord => ({
  partnershipId,
  id: `m${String(i).padStart(20, "0")}`,
  name: `Member ${i}`,
  title: "",
  organisation: `Org ${i % 7}`,
  category: "statutory",
  role: "member",
  email: `member${i}@example.org`,
  status: "active",
  updatedAt: "2024-03-21T14:00:00.000Z",
});

test("a record goes in and comes out the same, checked by its schema both ways", async () => {
  const m = member(1);
  await store.members.upsert(m);
  expect((await store.members.get("p1", m.id))?.value).toEqual(m);
  await expect(store.members.upsert({ ...m, category: "nonsense" as never })).rejects.toThrow(/invalid/);
});

test("an entity that no longer matches its schema is reported, not passed on as data", async () => {
  const raw = TableClient.fromConnectionString(testConnectionString(), `${prefix}Members`, { allowInsecureConnection: true });
  await raw.upsertEntity({ partitionKey: "p-corrupt", rowKey: "m1", name: "X", category: "wizard" });
  await expect(store.members.get("p-corrupt", "m1")).rejects.toBeInstanceOf(CorruptEntityError);
});

test("queries page: a partition larger than one page comes back whole", async () => {
  const many = Array.from({ length: 1234 }, (_, i) => member(i, "p-big"));
  await store.members.upsertMany(many);
  const all = await store.members.list("p-big");
  expect(all).toHaveLength(1234);
  expect(new Set(all.map((m) => m.id)).size).toBe(1234);
});

test("concurrent read-modify-writes on one record lose nothing (ETags and retry)", async () => {
  const m = { ...member(2), title: "" };
  await store.members.upsert(m);
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      store.members.mutate("p1", m.id, (current) => current && { ...current, title: `${current.title}${String.fromCharCode(97 + i)}` }),
    ),
  );
  const title = (await store.members.get("p1", m.id))?.value.title ?? "";
  expect(title.split("").sort().join("")).toBe("abcdefghijkl");
});

test("a batch written against stale ETags is refused whole", async () => {
  await store.members.upsertMany([member(10, "p-batch"), member(11, "p-batch")]);
  const seen = await store.members.listVersioned("p-batch");
  // Someone else changes one record after we read it.
  await store.members.mutate("p-batch", member(11).id, (c) => c && { ...c, title: "changed elsewhere" });
  const ok = await store.members.writeBatch(seen.map((v) => ({ value: { ...v.value, title: "ours" }, etag: v.etag })));
  expect(ok).toBe(false);
  const after = await store.members.list("p-batch");
  expect(after.map((m) => m.title).sort()).toEqual(["", "changed elsewhere"]);
});

test("create is idempotent by key: the second create of the same key reports false", async () => {
  const claim = { conversationKey: "19:x@thread.tacv2", activityId: "f:123/456?#", claimedAt: new Date().toISOString() };
  expect(await store.deliveries.create(claim)).toBe(true);
  expect(await store.deliveries.create(claim)).toBe(false);
});

test("appends arriving together go in one batch, and a key that exists is refused only for its own caller", async () => {
  const entry = (i: number, key = `k${String(i).padStart(3, "0")}`) => ({
    partnershipId: "p-audit",
    key,
    at: "2024-03-21T14:00:00.000Z",
    actor: `aad-${i}`,
    action: "attendance.checked_in",
    target: `meeting/m${i}`,
    after: { status: "present" },
  });
  expect(await store.audit.append(entry(0))).toBe(true);
  const before = store.roundTrips();
  const results = await Promise.all([...Array.from({ length: 30 }, (_, i) => store.audit.append(entry(i + 1))), store.audit.append(entry(99, "k000"))]);
  expect(results).toEqual([...Array.from({ length: 30 }, () => true), false]);
  const stored = await store.audit.list("p-audit");
  expect(stored).toHaveLength(31);
  expect(stored.find((e) => e.key === "k000")?.actor).toBe("aad-0");
  // Grouped: the first alone, the rest in one batch that the duplicate key sends back one by one.
  expect(store.roundTrips() - before).toBeLessThan(40);
});

test("thirty appends at once cost a few round trips", async () => {
  const before = store.roundTrips();
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      store.audit.append({ partnershipId: "p-audit2", at: "2024-03-21T14:00:00.000Z", actor: "a", action: "x", target: `t${i}` }),
    ),
  );
  expect(store.roundTrips() - before).toBeLessThanOrEqual(3);
  expect(await store.audit.list("p-audit2")).toHaveLength(30);
});
