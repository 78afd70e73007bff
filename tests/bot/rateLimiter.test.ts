import { RateLimiter, TEAMS_CONVERSATION_LIMITS, Window } from "../../bot/teams/rateLimiter";
import { TEAMS_LIMITS } from "../support/connector";

// The limiter on a fake clock: jest's fake timers drive both Date.now and the limiter's sleeps, so
// nothing here waits in real time.

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

const limiterOnFakeClock = () => new RateLimiter(TEAMS_CONVERSATION_LIMITS, () => Date.now());

/** The most requests any window of each length holds, counting each request at the given times. */
function busiest(times: number[], windows: Window[]): { ms: number; most: number; limit: number }[] {
  return windows.map((w) => ({
    ms: w.ms,
    limit: w.limit,
    most: Math.max(0, ...times.map((end) => times.filter((t) => t <= end && end - t < w.ms).length)),
  }));
}

const breaches = (times: number[], windows: Window[]) => busiest(times, windows).filter((b) => b.most > b.limit);

/** An acquire whose progress a test can look at without awaiting it; its send goes at once. */
function pending(limiter: RateLimiter, key: string): { granted: boolean; sent?: () => void } {
  const p: { granted: boolean; sent?: () => void } = { granted: false };
  void limiter.acquire(key).then((sent) => {
    p.granted = true;
    p.sent = sent;
    sent();
  });
  return p;
}

/** Lets resolved promises run without moving the clock. */
const settle = () => jest.advanceTimersByTimeAsync(0);

/**
 * `count` acquires on one key at once; each request then takes `delay(i)` ms to go (a busy event loop,
 * a slow connection), and reports when it went. Returns the times the requests went, as Teams saw them.
 */
async function burst(limiter: RateLimiter, key: string, count: number, delay: (i: number) => number): Promise<number[]> {
  const went: number[] = [];
  const all = Array.from({ length: count }, (_, i) =>
    limiter.acquire(key).then(
      (sent) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            went.push(Date.now());
            sent();
            resolve();
          }, delay(i)),
        ),
    ),
  );
  let done = false;
  void Promise.all(all).then(() => (done = true));
  for (let guard = 0; !done && guard < 10_000; guard++) await jest.advanceTimersByTimeAsync(100);
  expect(done).toBe(true);
  return went;
}

describe("RateLimiter", () => {
  test.each([
    ["every send goes 900 ms after it was let through", () => 900],
    ["the first sends are held up by a busy event loop, later ones go at once", (i: number) => (i < 12 ? 900 : 0)],
    ["the first six are held up by a busy event loop", (i: number) => (i < 6 ? 900 : 0)],
    ["sends take scattered times up to a second", (i: number) => (i * 7919) % 1000],
  ])("a burst of 30 updates to one channel stays inside every window when %s", async (_name, delay) => {
    const went = await burst(limiterOnFakeClock(), "19:channel", 30, delay);
    expect(went).toHaveLength(30);
    // Measured when the requests went, not when they were let through: that is what Teams counts.
    expect(breaches(went, TEAMS_CONVERSATION_LIMITS)).toEqual([]);
    expect(breaches(went, TEAMS_LIMITS)).toEqual([]);
  });

  test("an earlier request's callback still moves its stamp after later acquires ran", async () => {
    // One window only, so nothing but the 1 s window decides.
    const limiter = new RateLimiter([{ limit: 6, ms: 1_000 }], () => Date.now());
    const first = await limiter.acquire("k");
    // Another request is let through (and goes) while the first is still going...
    (await limiter.acquire("k"))();
    // ...and the first goes 900 ms after it was let through.
    await jest.advanceTimersByTimeAsync(900);
    first();
    // At 1,001 ms the 1 s window still holds the first (it went at 900 ms): five more fit, not six.
    await jest.advanceTimersByTimeAsync(101);
    const next = Array.from({ length: 6 }, () => pending(limiter, "k"));
    await settle();
    expect(next.filter((p) => p.granted)).toHaveLength(5);
    next.forEach((p) => p.sent?.());
    // Room for the sixth comes when the first leaves the window, a second after it went.
    await jest.advanceTimersByTimeAsync(880);
    expect(next[5]!.granted).toBe(false);
    await jest.advanceTimersByTimeAsync(40);
    expect(next[5]!.granted).toBe(true);
  });

  test("a request still in flight counts against every window until it has gone, then from when it went", async () => {
    const limiter = limiterOnFakeClock();
    const inFlight = await limiter.acquire("k");
    (await Promise.all(Array.from({ length: 5 }, () => limiter.acquire("k")))).forEach((sent) => sent());
    // 2.5 s later the five are out of the 1 s and 2 s windows; the first is still going.
    await jest.advanceTimersByTimeAsync(2_500);
    const next = Array.from({ length: 6 }, () => pending(limiter, "k"));
    await settle();
    // The one in flight counts as now: with it, five more make six in a second, and the sixth waits.
    expect(next.filter((p) => p.granted)).toHaveLength(5);
    next.forEach((p) => p.sent?.());
    // The one in flight goes at 3,000 ms.
    await jest.advanceTimersByTimeAsync(500);
    inFlight();
    expect(next[5]!.granted).toBe(false);
    // At 3,501 ms the five from 2,500 ms have left the 1 s window: the sixth goes.
    await jest.advanceTimersByTimeAsync(510);
    expect(next[5]!.granted).toBe(true);
    next[5]!.sent!();
    // The 2 s window now holds the five from 2,500, the one that went at 3,000 and the sixth: seven.
    // The next waits for the five to leave it at 4,500 ms; had the one that was in flight been
    // counted at 0 ms, it would go at once.
    const after = pending(limiter, "k");
    await settle();
    expect(after.granted).toBe(false);
    await jest.advanceTimersByTimeAsync(980);
    expect(after.granted).toBe(false);
    await jest.advanceTimersByTimeAsync(20);
    expect(after.granted).toBe(true);
  });

  test("different conversations don't wait for each other", async () => {
    const limiter = limiterOnFakeClock();
    const busy = await Promise.all(Array.from({ length: 6 }, () => limiter.acquire("busy")));
    const waiting = pending(limiter, "busy");
    const other = pending(limiter, "other");
    await settle();
    expect(waiting.granted).toBe(false);
    expect(other.granted).toBe(true);
    busy.forEach((sent) => sent());
    await jest.advanceTimersByTimeAsync(1_100);
    expect(waiting.granted).toBe(true);
  });

  test("acquires on one key are let through in the order they asked", async () => {
    const limiter = limiterOnFakeClock();
    const order: number[] = [];
    const all = Array.from({ length: 20 }, (_, i) =>
      limiter.acquire("k").then((sent) => {
        order.push(i);
        sent();
      }),
    );
    await jest.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test("calling the callback twice changes nothing", async () => {
    const limiter = limiterOnFakeClock();
    (await Promise.all(Array.from({ length: 5 }, () => limiter.acquire("k")))).forEach((sent) => sent());
    const last = await limiter.acquire("k");
    last();
    // Called again 1.5 s later, the sixth must not move to 1.5 s.
    await jest.advanceTimersByTimeAsync(1_500);
    last();
    // One more fits the 2 s window now (seven), the rest once the six from 0 ms have left it, at
    // 2,001 ms: then the 1 s window holds only the one from 1,500 ms, so all five go.
    const next = Array.from({ length: 6 }, () => pending(limiter, "k"));
    await settle();
    expect(next.filter((p) => p.granted)).toHaveLength(1);
    next.forEach((p) => p.sent?.());
    await jest.advanceTimersByTimeAsync(520);
    expect(next.filter((p) => p.granted)).toHaveLength(6);
  });

  test("forgets requests once they have left every window, and conversations with none left", async () => {
    const limiter = limiterOnFakeClock();
    const sent = (limiter as unknown as { sent: Map<string, unknown[]> }).sent;
    for (let i = 0; i < 50; i++) (await limiter.acquire(`chat-${i}`))();
    (await Promise.all(Array.from({ length: 6 }, () => limiter.acquire("busy")))).forEach((done) => done());
    expect(sent.size).toBe(51);
    // An hour later only the conversation still in use is left, holding only this hour's request.
    await jest.advanceTimersByTimeAsync(3_600_000);
    (await limiter.acquire("busy"))();
    expect([...sent.keys()]).toEqual(["busy"]);
    expect(sent.get("busy")).toHaveLength(1);
  });
});
