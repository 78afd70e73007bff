import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite } from "../../storage/azurite";
import { AnswerPath, probeAnswerPath } from "./answerPath";
import { track } from "./child";
import { ColdStart, measureColdStart } from "./coldStart";
import { FloorBot, forkFloorBot, forkStorageFloor } from "./floorBot";
import { HttpClient } from "./httpClient";
import { Level, levelName, LoadResult, LoadSetup, measureOperation, runBatch } from "./load";
import { measureLongHistory } from "./longHistory";
import { measurePapers, PapersBench, renderPapers, runPapersAlone, savePapers } from "./papers";
import { measureSdkCost } from "./sdkCost";
import { measureTab } from "./tab";
import { Operation, operations } from "./operations";
import { ProfileSummary } from "./profile";
import { BenchResults, machine, render, save } from "./report";
import { BenchBot, benchPeople, Board, seedBoard, startBenchBot, todaysRound } from "./seed";

// `npm run bench`: the bot under load next to a bare botbuilder floor, process figures and a ten-year
// board, printed and written to tests/bench/results/. A measurement: the exit code ignores budgets.
// The bot, the floor and the floor + storage each run in a child process of their own (child.ts);
// this process is the load client, the Teams connector stub and the harness.

const BOARDS = Number(process.env.BENCH_BOARDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const PROFILE = process.env.BENCH_PROFILE === "1";
/** Only these operations (comma-separated name starts: "check-in,vote,action"), to measure a part alone. */
const ONLY = process.env.BENCH_ONLY?.split(",").map((x) => x.trim()).filter(Boolean);
/** "1": the load phase only (no answer-path probes, cold starts or ten-year board). */
const QUICK = process.env.BENCH_QUICK === "1";
const PER_ROUND = 30;
const RESULTS = path.resolve(__dirname, "../../../tests/bench/results");
const AT_ONCE: Level = { concurrency: 30 };
// The budgets are set at 30 at once, so that level gets the most rounds. One at a time and the open
// loop (a second per round) get half; the open loop only for the check-in, the roll-call scenario.
// An operation may take a share of that (the action update: its rounds wait on Teams' limits).
const levels = (op: Operation): { level: Level; rounds: number }[] => {
  const share = op.rounds?.share ?? 1;
  return [
    { level: { concurrency: 1 }, rounds: Math.ceil((ROUNDS / 2) * share) },
    { level: AT_ONCE, rounds: Math.ceil(ROUNDS * share) },
    ...(op.name === "check-in" ? [{ level: { concurrency: 30, spreadMs: 1000 }, rounds: Math.ceil(ROUNDS / 2) }] : []),
  ];
};

const log = (message: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

/** Everyone checks in on each board's first roll call; on boards 1.. this also links them (the Teams member API, once). */
async function linkEveryone(bot: BenchBot, boards: Board[], checkIn: Operation, people: ReturnType<typeof benchPeople>): Promise<void> {
  for (const board of boards) {
    const round = await todaysRound(bot, board);
    await runBatch(bot.client, people.map((m) => bot.body(checkIn.activity!(round, m))), PER_ROUND);
    await bot.app.idle();
  }
}

let storageWarmUps = 0;

/** Warm both bots on this operation, with the floor (and storage floor) answering a copy of this operation's card. */
async function warmUp(op: Operation, setup: LoadSetup, floor: FloorBot): Promise<void> {
  const warm = await measureOperation(op, setup, AT_ONCE, 1, false);
  if (!warm.sampleCard) throw new Error(`${op.name}: the warm-up round answered no card`);
  await floor.setCard(warm.sampleCard);
  await setup.storageFloor?.floor.setCard(warm.sampleCard);
  const bodies = setup.people.slice(0, PER_ROUND).map((m) => setup.bot.body(op.activity!({ board: setup.boards[0]!, id: "warm-up" }, m)));
  for (let i = 0; i < 5; i++) await runBatch(setup.floor, bodies, PER_ROUND);
  await runBatch(setup.floor, bodies, 1);
  const sf = setup.storageFloor;
  if (sf) {
    // The same for the storage floor, in a process of its own where the SDK has not run yet. It writes,
    // so each batch presses on a roll of its own: the board's first roll call copied under a meeting id
    // the bot never sees.
    const real = op.name.startsWith("check-in") ? await todaysRound(setup.bot, setup.boards[0]!) : await op.setupRound!(setup.bot, setup.boards[0]!);
    await setup.bot.app.idle();
    for (let i = 0; i < 6; i++) {
      const round = { board: real.board, id: `warm-up-${++storageWarmUps}` };
      await sf.floor.prepare(op.name, real, round.id);
      const { answers } = await runBatch(sf.client, setup.people.slice(0, PER_ROUND).map((m) => setup.bot.body(op.activity!(round, m))), i < 5 ? PER_ROUND : 1);
      const failed = answers.find((a) => a.status !== 200);
      if (failed) throw new Error(`storage floor warm-up: HTTP ${failed.status} ${failed.text.slice(0, 200)}`);
    }
  }
  // One more unmeasured round of the whole loop; three with the storage floor.
  await measureOperation(op, setup, AT_ONCE, setup.storageFloor ? 3 : 1);
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  const azurite = await startAzurite();
  track(azurite.process);
  // Whatever fails on the way, what was started is stopped, last first (and child.ts kills any child
  // still running when this process exits, however it exits).
  const stops: (() => unknown)[] = [() => azurite.stop()];
  try {
    const bot = await startBenchBot(azurite.connectionString);
    stops.push(() => bot.close());
    const floor = await forkFloorBot();
    stops.push(() => floor.close());
    const storageFloor = await forkStorageFloor(azurite.connectionString, bot.prefix);
    stops.push(() => storageFloor.close());
    const floorClient = new HttpClient(floor.url);
    const storageFloorClient = new HttpClient(storageFloor.url);
    stops.push(() => floorClient.close(), () => storageFloorClient.close());
    log(`bot (pid ${bot.app.pid}), floor (pid ${floor.pid}) and floor + storage (pid ${storageFloor.pid}) each in a process of its own`);
    const people = benchPeople(40);
    const ops = operations(people[1]!);
    const checkIn = ops[0]!;

    log(`seeding ${BOARDS} boards and a probe board over HTTP`);
    const boards: Board[] = [];
    for (let i = 0; i < BOARDS; i++) boards.push(await seedBoard(bot, i, people, i === 0));
    // The answer-path probes and the cold starts run other bot instances, each with its own rate
    // limiter, that post to the board they press on: they get a board (and channel) of their own, so
    // no measured round ever shares a channel's limits with a sender the bot under load cannot see.
    const probeBoard = await seedBoard(bot, BOARDS, people, false);
    await linkEveryone(bot, [...boards, probeBoard], checkIn, people);
    const unavailable = ops.filter((o) => o.unavailable).map((o) => ({ name: o.name, why: o.unavailable! }));
    const failed = (op: Operation, error: unknown) => {
      log(`${op.name} failed: ${(error as Error).stack ?? error}`);
      unavailable.push({ name: op.name, why: `harness failed: ${(error as Error).message.slice(0, 120)}` });
    };
    const measured = ops.filter((o) => !o.unavailable && (!ONLY || ONLY.some((name) => o.name.startsWith(name))));
    for (const op of measured.filter((o) => o.seed)) {
      log(`${op.name}: seeding what its rounds press on`);
      try {
        await op.seed!(bot, [...boards, probeBoard], people);
      } catch (error) {
        failed(op, error);
        measured.splice(measured.indexOf(op), 1);
      }
    }
    const setup: LoadSetup = { bot, floor: floorClient, floorProcess: floor, boards, people, perRound: PER_ROUND, turn: 0 };
    const warmUpBreaches = bot.connector.breaches;
    let probeBreaches = 0;

    const loads: LoadResult[] = [];
    const answerPaths: Record<string, AnswerPath> = {};
    const notes = measured.filter((o) => o.rounds).map((o) => ({ name: o.name, why: `${Math.round(o.rounds!.share * 100)}% of the others' rounds: ${o.rounds!.why}` }));
    for (const op of measured) {
      // An operation that breaks (its commands changed under the harness) is reported, not fatal.
      try {
        // The storage floor makes the round trips of each operation's answer in turn (storageFloor.ts).
        setup.storageFloor = { floor: storageFloor, client: storageFloorClient };
        log(`${op.name}: warming up`);
        await warmUp(op, setup, floor);
        for (const { level, rounds } of levels(op)) {
          log(`${op.name}: ${rounds} rounds x ${PER_ROUND} at ${levelName(level)}${setup.storageFloor ? " (bot, floor and storage floor)" : ""}`);
          loads.push(await measureOperation(op, setup, level, rounds));
        }
        if (QUICK) continue;
        log(`${op.name}: answer path (probe board)`);
        const breachesBefore = bot.connector.breaches;
        try {
          answerPaths[op.name] = await probeAnswerPath(bot, azurite.port, probeBoard, op, people, people.slice(0, PER_ROUND));
        } finally {
          probeBreaches += bot.connector.breaches - breachesBefore;
        }
      } catch (error) {
        failed(op, error);
      } finally {
        setup.storageFloor = undefined;
      }
    }
    // The bot process's own, after the load.
    const mem = await bot.app.memory();

    const profiled: (ProfileSummary & { label: string })[] = [];
    if (PROFILE) {
      // Both levels: at 30 at once the bot shares its round trips; one at a time every press pays its own.
      mkdirSync(RESULTS, { recursive: true });
      // The first operation measured (the check-in unless BENCH_ONLY says otherwise).
      const op = measured[0] ?? checkIn;
      const slug = op.name.split(" ")[0]!.replace(/[^a-z-]/g, "");
      for (const [level, rounds, name] of [[AT_ONCE, 5, "c30"], [{ concurrency: 1 }, 3, "c1"]] as const) {
        log(`profiling the bot process over ${rounds} more ${op.name} rounds at ${levelName(level)} (bot only; not part of the figures)`);
        await bot.app.profileStart();
        try {
          await measureOperation(op, setup, level, rounds, false);
        } finally {
          profiled.push({ ...(await bot.app.profileStop(path.join(RESULTS, `${slug}-${name}.cpuprofile`))), label: `${rounds} more ${op.name} rounds, ${level.concurrency === 1 ? "one at a time" : "30 at once"}` });
        }
      }
    }

    if (!QUICK) log("cold starts (probe board)");
    const coldStarts: ColdStart[] = [];
    const breachesBeforeCold = bot.connector.breaches;
    const coldRound = await checkIn.setupRound!(bot, probeBoard);
    for (let i = 0; i < (QUICK ? 0 : 3); i++) {
      coldStarts.push(await measureColdStart(azurite.connectionString, bot.prefix, bot.body(checkIn.activity!(coldRound, people[20 + i]!))));
    }
    await bot.app.idle();
    probeBreaches += bot.connector.breaches - breachesBeforeCold;

    if (!QUICK) log("ten-year board");
    const tenYear = QUICK ? undefined : await measureLongHistory(bot);
    let papers: PapersBench | undefined;
    if (tenYear) {
      log("papers (ten-year board)");
      try {
        papers = await measurePapers(bot);
      } catch (error) {
        log(`papers failed: ${(error as Error).stack ?? error}`);
      }
    }
    if (tenYear) log("the tab's first view (ten-year board)");
    const tab = tenYear ? await measureTab(bot, tenYear.partnershipId).catch((error) => void log(`tab failed: ${(error as Error).stack ?? error}`)) : undefined;
    if (!QUICK) log("the Azure SDK's own cost per request");
    const sdkCost = QUICK ? undefined : await measureSdkCost(azurite.connectionString, bot.prefix);
    log("done");

    const results: BenchResults = {
      setup: { boards: BOARDS, members: people.length, perRound: PER_ROUND },
      loads,
      unavailable,
      notes,
      answerPaths,
      coldStarts,
      memory: { rssMb: mem.rss / 2 ** 20, heapUsedMb: mem.heapUsed / 2 ** 20 },
      tenYear,
      tab: tab ?? undefined,
      sdkCost,
      warmUpBreaches,
      probeBreaches,
      clientResends: bot.client.resent + floorClient.resent,
      profiles: profiled,
      loadAverage: { before: loadBefore, after: os.loadavg() },
      durationS: (performance.now() - started) / 1000,
    };
    const { text, json } = render(results, machine());
    process.stdout.write(text + "\n" + (papers ? renderPapers(papers) + "\n" : ""));
    const files = save(json, RESULTS);
    if (papers) files.push(savePapers(papers, RESULTS));
    log(`wrote ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve().then(stop).catch((error) => log(`stopping: ${(error as Error)?.message ?? error}`));
  }
}

(process.env.BENCH_ONLY === "papers" ? runPapersAlone(RESULTS, log) : main()).catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
