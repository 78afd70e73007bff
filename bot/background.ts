import { Logger } from "./log";

/** Work that runs after the answer has gone (card updates, announcements); tracked so shutdown and tests can wait. */
export class Background {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<unknown>): void {
    const task = work()
      .catch((error) => this.log.error("background.failed", { task: name, error }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
