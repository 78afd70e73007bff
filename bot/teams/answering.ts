// Answers first, the shared cards after. When thirty members press at once, every answer waits on this
// process's one event loop; card updates started by the first answers (each a lease, a pace and a send)
// would run between the later ones and make the last presser wait. So background card work waits
// until no request is being answered, for a short while at most: the shared card is a moment later,
// the presser's own card is not.

export class Answering {
  private active = 0;
  private waiters: (() => void)[] = [];

  /** Runs one request's answer, counted while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      if (this.active === 0) this.wake();
    }
  }

  /** Resolves once no answer is in progress, or after `maxMs` whatever happens. */
  quiet(maxMs: number): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      }, maxMs);
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}
