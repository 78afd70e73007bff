// Group commit. Thirty members pressing "I'm here" within a moment all write to and read from one
// partition; one request each would mean thirty transactions and thirty full partition reads, each
// paid in round trips, Azure SDK work and schema checks. Instead, per key, at most one storage request
// is in flight: whatever arrives meanwhile waits and goes together in the next one. Nothing waits when
// storage is idle, so a single press costs what it did before.

interface Waiter<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/** An item of a group that failed on its own (the others still stand). */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

/** Does one storage request for a group of items of one key; one result per item, in order. */
export type Flush<I, R> = (key: string, items: I[]) => Promise<(R | ItemFailure)[]>;

export class Coalescer<I, R> {
  private readonly waiting = new Map<string, Waiter<I, R>[]>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly flush: Flush<I, R>,
    /** Most items in one request: Azure Tables takes 100 operations per batch. */
    private readonly max = 100,
  ) {}

  submit(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.busy.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.busy.add(key);
    try {
      for (;;) {
        const queue = this.waiting.get(key);
        if (!queue || queue.length === 0) break;
        const group = queue.splice(0, this.max);
        if (queue.length === 0) this.waiting.delete(key);
        try {
          const results = await this.flush(key, group.map((w) => w.item));
          if (results.length !== group.length) throw new Error(`coalesced flush answered ${results.length} of ${group.length}`);
          group.forEach((w, i) => {
            const result = results[i]!;
            if (result instanceof ItemFailure) w.reject(result.error);
            else w.resolve(result);
          });
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.busy.delete(key);
    }
  }
}

/**
 * One partition read shared by everyone who asks while the previous read is in flight. A caller never
 * joins a read that had already started when it asked: the read it gets starts after its own writes.
 */
export class SharedRead<R> {
  // Every caller of one key asks for the same read: the group's first does it for all.
  private readonly coalescer = new Coalescer<() => Promise<R>, R>(async (_key, reads) => {
    const result = await reads[0]!();
    return reads.map(() => result);
  }, Infinity);

  read(key: string, read: () => Promise<R>): Promise<R> {
    return this.coalescer.submit(key, read);
  }
}

/** A shared result is read-only: a caller changing it would change it for every other caller. */
export function freezeSnapshot<T extends object>(snapshot: T): T {
  for (const value of Object.values(snapshot)) {
    if (Array.isArray(value)) {
      for (const row of value) if (row && typeof row === "object") Object.freeze(row);
      Object.freeze(value);
    } else if (value && typeof value === "object") Object.freeze(value);
  }
  return Object.freeze(snapshot);
}
