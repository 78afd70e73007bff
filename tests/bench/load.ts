import { Person } from "../support/connector";
import { cpuMsBetween } from "./child";
import type { StorageFloor } from "./floorBot";
import { Answer, HttpClient } from "./httpClient";
import { Operation } from "./operations";
import { BenchBot, Board } from "./seed";

// Rounds of N distinct members pressing at a given concurrency, the bot and the floor interleaved
// round by round so drift on the machine touches both alike. Each server is a process of its own;
// its CPU per operation is its own process.cpuUsage() (asked over IPC) around its batch.

export interface Batch {
  answers: Answer[];
  wallMs: number;
}

/** Closed loop: `concurrency` requests in flight until all are answered. */
export async function runBatch(client: HttpClient, bodies: string[], concurrency: number): Promise<Batch> {
  const answers: Answer[] = new Array(bodies.length);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      answers[i] = await client.post("/api/messages", bodies[i]!);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  return { answers, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Open loop: the presses arrive evenly over `spreadMs`, whatever the answers are doing. */
export async function runSpread(client: HttpClient, bodies: string[], spreadMs: number): Promise<Batch> {
  const started = process.hrtime.bigint();
  const answers = await Promise.all(
    bodies.map((body, i) => new Promise<Answer>((resolve, reject) => setTimeout(() => client.post("/api/messages", body).then(resolve, reject), (i * spreadMs) / bodies.length))),
  );
  return { answers, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** 30 at once (concurrency 30), one after another (1), or 30 arriving over a second (spreadMs 1000). */
export interface Level {
  concurrency: number;
  spreadMs?: number;
}

export const levelName = (l: Level) => (l.spreadMs ? `${l.concurrency}/${l.spreadMs / 1000}s` : String(l.concurrency));

export interface LoadResult {
  operation: string;
  level: Level;
  rounds: number;
  bot: number[];
  floor: number[];
  botWallMs: number;
  floorWallMs: number;
  /**
   * CPU of each server's own process per operation (the client and the connector stub are in the bench
   * process, not in it); the bot's includes its background work (until app.idle()).
   */
  botCpuMs: number;
  floorCpuMs: number;
  /** Storage round trips per operation, background work included (after app.idle()). */
  roundTripsPerOp: number[];
  /** Answers that were not a 200 with the expected card. */
  wrongAnswers: number;
  /** Rounds where every press was stored and the final shared card showed them all. */
  roundsComplete: number;
  /** The floor plus the check-in's storage round trips (bare SDK), when measured: latencies and the rest as the floor's. */
  storageFloor?: { ms: number[]; wallMs: number; cpuMs: number; roundTripsPerOp: number[] };
  /** A card the bot answered with, for the floor to answer with. */
  sampleCard?: Record<string, unknown>;
  /** Card sends or updates the connector stub refused with 429 (over Teams' limits) during these rounds. */
  breaches: number;
}

export interface LoadSetup {
  bot: BenchBot;
  floor: HttpClient;
  /** The floor's process, for its CPU. */
  floorProcess: { cpu(): Promise<NodeJS.CpuUsage> };
  boards: Board[];
  people: Person[];
  perRound: number;
  /** Rounds so far, across calls: the next round takes the next board, warm-up rounds included. */
  turn: number;
  /** For the operation it mirrors (the check-in): measured with the floor, in the same rounds. */
  storageFloor?: { floor: StorageFloor; client: HttpClient };
}

/** Round r takes a different window of the roster, so every member is exercised. */
const pressers = (people: Person[], r: number, n: number) => Array.from({ length: n }, (_, j) => people[(r * 7 + j) % people.length]!);

export async function measureOperation(op: Operation, s: LoadSetup, level: Level, rounds: number, withFloor = true): Promise<LoadResult> {
  const result: LoadResult = { operation: op.name, level, rounds, bot: [], floor: [], botWallMs: 0, floorWallMs: 0, botCpuMs: 0, floorCpuMs: 0, roundTripsPerOp: [], wrongAnswers: 0, roundsComplete: 0, breaches: 0 };
  const { bot, floor } = s;
  const run = (client: HttpClient, bodies: string[]) => (level.spreadMs ? runSpread(client, bodies, level.spreadMs) : runBatch(client, bodies, level.concurrency));
  const breachesBefore = bot.connector.breaches;
  for (let r = 0; r < rounds; r++) {
    // Boards take turns so no channel's card updates queue behind Teams' per-conversation limits.
    const round = await op.setupRound!(bot, s.boards[s.turn++ % s.boards.length]!);
    await bot.app.idle();
    const who = pressers(s.people, r, s.perRound);
    const botBodies = who.map((m) => bot.body(op.activity!(round, m)));
    const floorBodies = who.map((m) => bot.body(op.activity!(round, m)));
    const floorRun = async () => {
      const cpu = await s.floorProcess.cpu();
      const batch = await run(floor, floorBodies);
      result.floorCpuMs += cpuMsBetween(cpu, await s.floorProcess.cpu()) / who.length / rounds;
      result.floor.push(...batch.answers.map((a) => a.ms));
      result.floorWallMs += batch.wallMs;
      result.wrongAnswers += batch.answers.filter((a) => a.status !== 200).length;
    };
    const sf = withFloor ? s.storageFloor : undefined;
    if (sf) await sf.floor.prepare(op.name, round);
    const storageFloorRun = async () => {
      const trips = await sf!.floor.roundTrips();
      const cpu = await sf!.floor.cpu();
      const batch = await run(sf!.client, floorBodies);
      const cpuAfter = await sf!.floor.cpu();
      const out = (result.storageFloor ??= { ms: [], wallMs: 0, cpuMs: 0, roundTripsPerOp: [] });
      out.cpuMs += cpuMsBetween(cpu, cpuAfter) / who.length / rounds;
      out.roundTripsPerOp.push(((await sf!.floor.roundTrips()) - trips) / who.length);
      out.ms.push(...batch.answers.map((a) => a.ms));
      out.wallMs += batch.wallMs;
      result.wrongAnswers += batch.answers.filter((a) => a.status !== 200).length;
    };
    const botRun = async () => {
      const before = await bot.app.roundTrips();
      const cpu = await bot.app.cpu();
      const batch = await run(bot.client, botBodies);
      await bot.app.idle();
      result.botCpuMs += cpuMsBetween(cpu, await bot.app.cpu()) / who.length / rounds;
      result.roundTripsPerOp.push(((await bot.app.roundTrips()) - before) / who.length);
      result.bot.push(...batch.answers.map((a) => a.ms));
      result.botWallMs += batch.wallMs;
      for (const [i, a] of batch.answers.entries()) {
        const body = a.status === 200 ? JSON.parse(a.text) : undefined;
        if (!op.answered!(body, round, who[i]!)) result.wrongAnswers++;
        else result.sampleCard = body.value;
      }
    };
    // Interleaved: each takes each place in the order in turn, so drift on the machine touches all alike.
    const runners = [...(withFloor ? [floorRun] : []), ...(sf ? [storageFloorRun] : []), botRun];
    for (let i = 0; i < runners.length; i++) await runners[(i + r) % runners.length]!();
    if (op.verifyRound) {
      const v = await op.verifyRound(bot, round);
      if (v.stored === who.length && v.shown === who.length) result.roundsComplete++;
    }
  }
  result.breaches = bot.connector.breaches - breachesBefore;
  return result;
}
