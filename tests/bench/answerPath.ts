import { startApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import { Person } from "../support/connector";
import { HttpClient } from "./httpClient";
import { runBatch } from "./load";
import { Operation } from "./operations";
import { BenchBot, Board, Round } from "./seed";
import { median } from "./stats";
import { startStorageProxy, StorageProxy } from "./storageProxy";

// Which storage round trips an answer waits for. Extra instances of the bot (it is stateless, so
// instances share storage) talk to Azurite through a logging proxy; the instance under load talks to
// Azurite directly and is never slowed by it. The extra instances run in the bench's own process
// (startApp here, not forked like the bot under load): the probe compares a press with a press, both
// on the same kind of instance, so where it runs does not matter, and the proxy sees every request. Each kind of request seen is held back on its own: if
// the answer is late by as much, the answer waits for it. Timing alone cannot tell: a background write
// started just before an awaited read finishes before the answer too.

const HOLD_MS = 60;

export interface PathSample {
  onPath: string[];
  background: string[];
}

export interface AnswerPath {
  /** Warm: the board (and whatever else is cached) already in memory. */
  warm: PathSample;
  /** First press on a fresh instance; the board cache also expires every 30 s per board. */
  coldCache: PathSample;
  /** Every storage request of one round of 30 pressing at once on a warm instance, by kind. */
  burst: { label: string; count: number }[];
  /** Warm, unheld, one at a time: the answer's time and Azurite's time on its path (medians). */
  warmAnswerMs: number;
  warmStorageMs: number;
}

interface Pressed {
  ms: number;
  labels: string[];
  serviceMs: (labels: Set<string>) => number;
}

class Instance {
  private constructor(
    private readonly bot: BenchBot,
    private readonly proxy: StorageProxy,
    private readonly op: Operation,
    private readonly app: Awaited<ReturnType<typeof startApp>>,
    private readonly client: HttpClient,
  ) {}

  static async start(bot: BenchBot, proxy: StorageProxy, op: Operation): Promise<Instance> {
    const app = await startApp(loadConfig({ STORAGE_CONNECTION_STRING: proxy.connectionString, TABLE_PREFIX: bot.prefix, PORT: "0", LOG_LEVEL: "silent" }));
    return new Instance(bot, proxy, op, app, new HttpClient(app.url));
  }

  /** Members press together; resolves once the instance's background work is done too. */
  async press(round: Round, members: Person[]): Promise<Pressed> {
    const mark = this.proxy.calls.length;
    this.proxy.mark();
    const { answers } = await runBatch(this.client, members.map((m) => this.bot.body(this.op.activity!(round, m))), members.length);
    await this.app.idle();
    const calls = this.proxy.calls.slice(mark);
    return { ms: answers[0]!.ms, labels: calls.map((c) => c.label), serviceMs: (on) => calls.filter((c) => on.has(c.label)).reduce((s, c) => s + c.serviceMs, 0) };
  }

  async close(): Promise<void> {
    this.client.close();
    await this.app.close();
  }
}

/**
 * Splits what a press asked of storage into what the answer waited for and what ran after it. With
 * `byOccurrence`, a kind found on the path that the press sent more than once (an action's read, then
 * the card's reloads behind the answer) is held one request at a time, from its second on, until one
 * is not waited for: the answer's own requests go before its background's.
 */
async function classify(labels: string[], baselineMs: number, pressHeld: (label: string, nth?: number) => Promise<number>, byOccurrence = false): Promise<PathSample> {
  const late = async (label: string, nth?: number) => (await pressHeld(label, nth)) > baselineMs + HOLD_MS * 0.6;
  // One press can be late for its own reasons (a garbage collection in this process): a request is on
  // the path only if holding it makes the answer late twice in a row.
  const twice = async (label: string, nth?: number) => (await late(label, nth)) && (await late(label, nth));
  const waited = new Map<string, number>(); // label → how many of its requests, from the first, are waited for
  for (const label of new Set(labels)) {
    if (!(await twice(label))) continue;
    const sent = labels.filter((l) => l === label).length;
    let count = byOccurrence ? 1 : sent;
    while (count < sent && (await twice(label, count + 1))) count++;
    waited.set(label, count);
  }
  const taken = new Map<string, number>();
  const onPath: string[] = [];
  const background: string[] = [];
  for (const l of labels) {
    const nth = (taken.get(l) ?? 0) + 1;
    taken.set(l, nth);
    (nth <= (waited.get(l) ?? 0) ? onPath : background).push(l);
  }
  return { onPath, background };
}

export async function probeAnswerPath(bot: BenchBot, azuritePort: number, board: Board, op: Operation, people: Person[], crowd: Person[]): Promise<AnswerPath> {
  const proxy = await startStorageProxy(azuritePort, bot.prefix);
  const queue = [...people];
  const next = (): Person[] => {
    const member = queue.shift();
    if (!member) throw new Error("answer path: ran out of members");
    return [member];
  };
  /** Runs `work` with requests labelled `label` held back (or nothing held). */
  const holding = async <T>(label: string | undefined, work: () => Promise<T>, nth?: number): Promise<T> => {
    proxy.holdLabel = label;
    proxy.holdNth = nth;
    proxy.delayMs = label ? HOLD_MS : 0;
    try {
      return await work();
    } finally {
      proxy.holdLabel = undefined;
      proxy.holdNth = undefined;
      proxy.delayMs = 0;
    }
  };
  const opened: Instance[] = [];
  const start = async () => {
    const i = await Instance.start(bot, proxy, op);
    opened.push(i);
    return i;
  };
  try {
    // The bot under load runs in its own process, so in this one the bot's code has not run yet. A
    // throwaway instance runs it a few times on a round of its own first, so that the cold presses
    // time a fresh instance's empty caches, not this process loading and compiling the bot's code.
    const codeRound = await op.setupRound!(bot, board);
    await bot.app.idle();
    const throwaway = await start();
    for (const member of crowd.slice(0, 5)) await throwaway.press(codeRound, [member]);

    const round = await op.setupRound!(bot, board);
    await bot.app.idle();

    // Cold: a fresh instance for every press.
    const coldPress = async (label?: string) => holding(label, async () => (await start()).press(round, next()));
    // Its baseline is the median of three: one slow start (a collection, a first connection) must not
    // hide a held request.
    const colds = [await coldPress(), await coldPress(), await coldPress()];
    const coldCache = await classify(colds[0]!.labels, median(colds.map((c) => c.ms)), async (label) => (await coldPress(label)).ms);

    const warmed = await start();
    await warmed.press(round, next());
    const unheld: Pressed[] = [];
    for (let i = 0; i < 5; i++) unheld.push(await warmed.press(round, next()));
    const baseline = median(unheld.map((u) => u.ms));
    const warm = await classify(unheld[0]!.labels, baseline, async (label, nth) => (await holding(label, () => warmed.press(round, next()), nth)).ms, true);
    const onPath = new Set(warm.onPath);

    const burstRound = await op.setupRound!(bot, board);
    await bot.app.idle();
    const crowdPressed = await warmed.press(burstRound, crowd);
    const tally = new Map<string, number>();
    for (const label of crowdPressed.labels) tally.set(label, (tally.get(label) ?? 0) + 1);
    const burst = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([label, count]) => ({ label, count }));
    return { warm, coldCache, burst, warmAnswerMs: baseline, warmStorageMs: median(unheld.map((u) => u.serviceMs(onPath))) };
  } finally {
    for (const i of opened) await i.close();
    await proxy.close();
  }
}
