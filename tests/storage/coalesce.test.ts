import { Coalescer, freezeSnapshot, ItemFailure, SharedRead } from "../../storage/coalesce";

// The grouping itself, without storage: who goes together, who gets which answer, what a failure touches.

/** A flush whose requests finish only when the test says so, recording the groups it was given. */
function controlledFlush() {
  const groups: string[][] = [];
  const pending: (() => void)[] = [];
  const flush = async (key: string, items: string[]) => {
    groups.push(items);
    await new Promise<void>((resolve) => pending.push(resolve));
    return items.map((i) => (i.startsWith("bad") ? new ItemFailure(new Error(`${i} refused`)) : `${key}:${i}`));
  };
  const finishNext = async () => {
    await new Promise((r) => setImmediate(r));
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { groups, flush, finishNext };
}

test("the first item goes at once on its own; what arrives while it is in flight goes together next", async () => {
  const { groups, flush, finishNext } = controlledFlush();
  const c = new Coalescer(flush);
  const answers = ["a", "b", "c", "d"].map((i) => c.submit("k", i));
  expect(groups).toEqual([["a"]]);
  await finishNext();
  expect(groups).toEqual([["a"], ["b", "c", "d"]]);
  await finishNext();
  expect(await Promise.all(answers)).toEqual(["k:a", "k:b", "k:c", "k:d"]);
});

test("keys do not wait for each other", async () => {
  const { groups, flush } = controlledFlush();
  const c = new Coalescer(flush);
  void c.submit("k1", "a");
  void c.submit("k2", "b");
  expect(groups).toEqual([["a"], ["b"]]);
});

test("a group holds at most `max` items; the rest follow in order", async () => {
  const { groups, flush, finishNext } = controlledFlush();
  const c = new Coalescer(flush, 2);
  const answers = ["a", "b", "c", "d", "e"].map((i) => c.submit("k", i));
  for (let i = 0; i < 4; i++) await finishNext();
  expect(groups).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  expect(await Promise.all(answers)).toHaveLength(5);
});

test("an item that fails on its own rejects only its caller", async () => {
  const { flush, finishNext } = controlledFlush();
  const c = new Coalescer(flush);
  const first = c.submit("k", "a");
  const good = c.submit("k", "b");
  const bad = c.submit("k", "bad1").then(() => "written", (error: Error) => error.message);
  await finishNext();
  await finishNext();
  await expect(first).resolves.toBe("k:a");
  await expect(good).resolves.toBe("k:b");
  await expect(bad).resolves.toBe("bad1 refused");
});

test("a failed request rejects its whole group, and the next group is still sent", async () => {
  let calls = 0;
  const c = new Coalescer<string, string>(async (_key, items) => {
    calls++;
    await new Promise((r) => setImmediate(r));
    if (calls === 2) throw new Error("storage is down");
    return items;
  });
  const outcome = (p: Promise<string>) => p.then((v) => v, (error: Error) => error.message);
  const [a, b, d] = await Promise.all(["a", "b", "d"].map((i) => outcome(c.submit("k", i))));
  expect([a, b, d]).toEqual(["a", "storage is down", "storage is down"]);
  await expect(c.submit("k", "e")).resolves.toBe("e");
});

test("a shared read never serves a caller from a read that started before it asked", async () => {
  // The stored value moves on after each read starts: a caller must see at least the value at its call.
  let stored = 0;
  const reads: number[] = [];
  const shared = new SharedRead<number>();
  const read = async () => {
    const seen = stored;
    reads.push(seen);
    await new Promise((r) => setImmediate(r));
    return seen;
  };
  const first = shared.read("k", read); // starts now, sees 0
  stored = 1; // a write that lands after the first read started
  const second = shared.read("k", read);
  const third = shared.read("k", read);
  expect(await first).toBe(0);
  expect(await second).toBe(1);
  expect(await third).toBe(1);
  expect(reads).toEqual([0, 1]); // the two later callers shared one read
});

test("a shared snapshot is frozen, so no caller can change it for the others", () => {
  const snapshot = freezeSnapshot({ roll: { state: "open" }, attendance: [{ memberId: "m1" }] });
  expect(() => (snapshot.attendance as unknown[]).push({ memberId: "m2" })).toThrow(TypeError);
  expect(() => ((snapshot.attendance[0] as { memberId: string }).memberId = "x")).toThrow(TypeError);
  expect(() => ((snapshot.roll as { state: string }).state = "closed")).toThrow(TypeError);
});
