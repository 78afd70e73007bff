// Teams throttles each bot per conversation: 7 sends or updates a second, 8 per 2 s, 60 per 30 s and
// 1,800 an hour. Every proactive send and card update waits here for its turn, a little under those.

export interface Window {
  limit: number;
  ms: number;
}

export const TEAMS_CONVERSATION_LIMITS: Window[] = [
  { limit: 6, ms: 1_000 },
  { limit: 7, ms: 2_000 },
  { limit: 55, ms: 30_000 },
  { limit: 1_700, ms: 3_600_000 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly windows: Window[] = TEAMS_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves when one more request for `key` stays inside every window; callers queue in order. The
   * returned function, called once the request has gone, moves its stamp to that moment: a request
   * that waited on a busy event loop must not count as earlier than Teams saw it.
   */
  acquire(key: string): Promise<() => void> {
    const previous = this.queues.get(key) ?? Promise.resolve(() => undefined);
    const turn = previous.then(() => this.waitForRoom(key));
    this.queues.set(key, turn);
    void turn.finally(() => {
      if (this.queues.get(key) === turn) this.queues.delete(key);
    });
    return turn;
  }

  private async waitForRoom(key: string): Promise<() => void> {
    for (;;) {
      const now = this.now();
      const longest = Math.max(...this.windows.map((w) => w.ms));
      const times = (this.sent.get(key) ?? []).filter((t) => now - t < longest);
      let wait = 0;
      for (const w of this.windows) {
        const inWindow = times.filter((t) => now - t < w.ms);
        if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + w.ms - now);
      }
      if (wait <= 0) {
        times.push(now);
        this.sent.set(key, times);
        return () => {
          const i = times.lastIndexOf(now);
          if (i >= 0) times[i] = Math.max(now, this.now());
        };
      }
      await sleep(wait + 1);
    }
  }
}
