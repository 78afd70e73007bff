import { sweepDeliveries } from "../../storage/deliverySweep";
import { escapeKey } from "../../storage/keys";
import { testStore, uniquePrefix } from "../support/storage";

// Delivery claims older than a day are swept, by any number of instances sharing the storage account.

const now = new Date("2024-03-22T10:30:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

async function seed(prefix: string, old: number, fresh: number) {
  const store = await testStore(prefix);
  for (let i = 0; i < old; i++) {
    await store.deliveries.create({ conversationKey: `19:chan-${i % 3}@thread.tacv2;messageid=${i}`, activityId: `old-${i}`, claimedAt: hoursAgo(25 + i), done: true });
  }
  for (let i = 0; i < fresh; i++) {
    await store.deliveries.create({ conversationKey: "19:chan-0@thread.tacv2", activityId: `fresh-${i}`, claimedAt: hoursAgo(23), done: i % 2 === 0 });
  }
  return store;
}

const ids = async (store: Awaited<ReturnType<typeof testStore>>) =>
  (await store.deliveries.query("PartitionKey ne '_sweep'")).map((d) => d.activityId).sort();

test("two instances sweeping at once delete each old claim once and keep the day's", async () => {
  const prefix = uniquePrefix();
  const a = await seed(prefix, 30, 4);
  const b = await testStore(prefix); // a second instance: its own clients, the same tables
  const [ra, rb] = await Promise.all([sweepDeliveries(a.deliveries, now), sweepDeliveries(b.deliveries, now)]);
  // One instance claimed the hour's round; the other did nothing.
  expect([ra.ran, rb.ran].sort()).toEqual([false, true]);
  expect(ra.deleted + rb.deleted).toBe(30);
  expect(await ids(a)).toEqual(["fresh-0", "fresh-1", "fresh-2", "fresh-3"]);
  // The next hour's round finds nothing more to do.
  expect(await sweepDeliveries(b.deliveries, new Date(now.getTime() + 3_600_000))).toEqual({ ran: true, deleted: 0 });
});

test("overlapping sweeps (no round claim) still count each deleted claim once", async () => {
  const prefix = uniquePrefix();
  const a = await seed(prefix, 40, 2);
  const b = await testStore(prefix);
  const results = await Promise.all([
    sweepDeliveries(a.deliveries, now, { claimRound: false }),
    sweepDeliveries(b.deliveries, now, { claimRound: false }),
  ]);
  expect(results.every((r) => r.ran)).toBe(true);
  expect(results[0]!.deleted + results[1]!.deleted).toBe(40);
  expect(await ids(a)).toEqual(["fresh-0", "fresh-1"]);
});

test("a claim re-taken after it was read is not deleted", async () => {
  const prefix = uniquePrefix();
  const store = await seed(prefix, 1, 0);
  const [claim] = await store.deliveries.queryVersioned("PartitionKey ne '_sweep'");
  // Taken over by a redelivery: a new ETag (and a fresh time).
  await store.deliveries.upsert({ ...claim!.value, claimedAt: now.toISOString(), done: false });
  expect(await store.deliveries.deleteIf(escapeKey(claim!.value.conversationKey), escapeKey(claim!.value.activityId), claim!.etag)).toBe(false);
  expect(await ids(store)).toEqual(["old-0"]);
});
