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

/** The channel itself, not a reply thread: Teams counts a channel's threads against the channel. */
export const limitKey = (conversationId: string) => conversationId.split(";")[0] ?? conversationId;

/** How many 1:1 chats the limiter remembers the person of. */
export const MAX_KNOWN_CHATS = 10_000;

/**
 * One request for a key. While it is in flight nobody knows when Teams will see it, so it counts as
 * happening now (it is inside every window); once it has gone, it counts at the moment it went.
 */
interface Stamp {
  at: number;
  inFlight: boolean;
}

/** The bot's sends as every instance sees them (storage): 0 when one more send fits, else ms to wait. */
export interface SharedAllowance {
  take(key: string, windows: Window[], now: () => number): Promise<number>;
  /** Storage could not be asked: this process paces on its own meanwhile. */
  unavailable?(error: unknown): void;
}

export class RateLimiter {
  /**
   * One array per key, only ever changed in place: a finished request's callback holds its own stamp,
   * so it lands however many acquires ran in between.
   */
  private readonly sent = new Map<string, Stamp[]>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** 1:1 chat id → "personal:<user>": one allowance, whether the chat's id is known yet or not. */
  private readonly aliases = new Map<string, string>();
  private readonly longest: number;
  private lastSweep: number;

  constructor(
    private readonly windows: Window[] = TEAMS_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
    /** With several instances, the allowance they share; without, this process's own is the bot's. */
    private readonly shared?: SharedAllowance,
  ) {
    this.longest = Math.max(0, ...windows.map((w) => w.ms));
    this.lastSweep = now();
  }

  /**
   * Resolves when one more request for `key` stays inside every window; callers queue in order. The
   * returned function, called once the request has gone (or failed), moves its stamp to that moment: a
   * request that waited on a busy event loop must not count as earlier than Teams saw it. Calling it
   * again does nothing.
   */
  acquire(conversationOrKey: string): Promise<() => void> {
    const key = this.keyOf(conversationOrKey);
    const previous = this.queues.get(key) ?? Promise.resolve(() => undefined);
    const turn = previous.then(async () => {
      const sent = await this.waitForRoom(key);
      await this.waitForShared(key);
      return sent;
    });
    this.queues.set(key, turn);
    void turn.finally(() => {
      if (this.queues.get(key) === turn) this.queues.delete(key);
    });
    return turn;
  }

  /**
   * From now on, requests for `conversationId` count against `key`. A 1:1 chat's id is only known once
   * the chat exists (or its person writes), while the first post to a person is paced by the person:
   * this joins the two. Bounded: the chat learnt longest ago is forgotten first.
   */
  alias(conversationId: string, key: string): void {
    const chat = limitKey(conversationId);
    if (this.aliases.get(chat) === key) return;
    this.aliases.delete(chat);
    this.aliases.set(chat, key);
    while (this.aliases.size > MAX_KNOWN_CHATS) this.aliases.delete(this.aliases.keys().next().value as string);
  }

  /** The allowance a conversation (or key) counts against. */
  keyOf(conversationOrKey: string): string {
    const root = limitKey(conversationOrKey);
    return this.aliases.get(root) ?? root;
  }

  /** Then the bot as a whole: a send another instance made counts here too. */
  private async waitForShared(key: string): Promise<void> {
    if (!this.shared) return;
    for (;;) {
      let wait: number;
      try {
        wait = await this.shared.take(key, this.windows, this.now);
      } catch (error) {
        this.shared.unavailable?.(error);
        return;
      }
      if (wait <= 0) return;
      await sleep(wait + 1 + Math.random() * 20);
    }
  }

  private async waitForRoom(key: string): Promise<() => void> {
    for (;;) {
      const now = this.now();
      this.sweep(now);
      let stamps = this.sent.get(key);
      if (stamps) this.prune(stamps, now);
      const wait = stamps ? this.waitFor(stamps, now) : 0;
      if (wait <= 0) {
        if (!stamps) {
          stamps = [];
          this.sent.set(key, stamps);
        }
        const stamp: Stamp = { at: now, inFlight: true };
        stamps.push(stamp);
        return () => {
          if (!stamp.inFlight) return;
          stamp.inFlight = false;
          stamp.at = Math.max(stamp.at, this.now());
        };
      }
      await sleep(wait + 1);
    }
  }

  /** How long until one more request fits every window (0 or less: now). */
  private waitFor(stamps: Stamp[], now: number): number {
    // Newest first; an in-flight request counts as now.
    const times = stamps.map((s) => (s.inFlight ? now : s.at)).sort((a, b) => b - a);
    let wait = 0;
    for (const w of this.windows) {
      if (w.limit <= 0) continue;
      let inWindow = 0;
      while (inWindow < times.length && now - times[inWindow]! < w.ms) inWindow++;
      // Room comes when the limit-th newest request leaves the window.
      if (inWindow >= w.limit) wait = Math.max(wait, times[w.limit - 1]! + w.ms - now);
    }
    return wait;
  }

  /**
   * Drops, in place, requests that have gone and left every window. An in-flight request stays
   * unless its caller never reported back within the longest window (a send does not take an hour).
   */
  private prune(stamps: Stamp[], now: number): void {
    let kept = 0;
    for (const s of stamps) {
      if (now - s.at < this.longest) stamps[kept++] = s;
    }
    stamps.length = kept;
  }

  /** Now and then, forgets keys with nothing left in any window, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.longest, 60_000)) return;
    this.lastSweep = now;
    for (const [key, stamps] of this.sent) {
      this.prune(stamps, now);
      if (stamps.length === 0 && !this.queues.has(key)) this.sent.delete(key);
    }
  }
}
