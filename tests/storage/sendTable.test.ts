import { testStore, uniquePrefix } from "../support/storage";

// The card lease of a message this process has just posted: its first take is one insert, not a read
// and a write; if another instance got there first, the insert says so and the take is still right.

const LEASE = 30_000;

test("the first lease of a message this instance posted costs one round trip", async () => {
  const store = await testStore();
  store.sends.justPosted("19:channel", "m-1");
  const before = store.roundTrips();
  const attempt = await store.sends.takeLease("19:channel", "m-1", LEASE, Date.now());
  expect(store.roundTrips() - before).toBe(1);
  expect("held" in attempt && attempt.held.lastWasMine).toBe(false);
  // Not posted here: a read first, then the write.
  const other = store.roundTrips();
  await store.sends.takeLease("19:channel", "m-2", LEASE, Date.now());
  expect(store.roundTrips() - other).toBe(2);
});

test("a posted message another instance has leased meanwhile: the insert fails, the take reads and waits its turn", async () => {
  const prefix = uniquePrefix();
  const mine = await testStore(prefix);
  const theirs = await testStore(prefix);
  mine.sends.justPosted("19:channel", "m-3");
  const held = await theirs.sends.takeLease("19:channel", "m-3", LEASE, Date.now());
  expect("held" in held).toBe(true);
  const attempt = await mine.sends.takeLease("19:channel", "m-3", LEASE, Date.now());
  expect("heldElsewhere" in attempt).toBe(true);
  // The holder, giving it back, finds this instance's mark: it must read afresh and send again.
  if (!("held" in held)) throw new Error("unreachable");
  expect(await theirs.sends.releaseLease("19:channel", "m-3", held.held, LEASE, Date.now())).toBe(false);
});

test("a send that waited for room costs one write when it goes; a send another instance made meanwhile still counts", async () => {
  const prefix = uniquePrefix();
  const mine = await testStore(prefix);
  const theirs = await testStore(prefix);
  const windows = [{ limit: 1, ms: 1_000 }];
  let now = 1_000_000;
  const clock = () => now;
  expect(await mine.sends.takeSend("19:paced", windows, clock)).toBe(0);
  const wait = await mine.sends.takeSend("19:paced", windows, clock);
  expect(wait).toBeGreaterThan(0);
  now += wait;
  const before = mine.roundTrips();
  expect(await mine.sends.takeSend("19:paced", windows, clock)).toBe(0);
  expect(mine.roundTrips() - before).toBe(1);

  // Another instance sends once the window has room again; this one's remembered state is stale, and
  // its next take must find that send (a failed conditional write, then a read) and wait for it.
  now += 2_000;
  expect(await theirs.sends.takeSend("19:paced", windows, clock)).toBe(0);
  expect(await mine.sends.takeSend("19:paced", windows, clock)).toBeGreaterThan(0);
});
