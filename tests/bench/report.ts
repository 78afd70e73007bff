import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AnswerPath } from "./answerPath";
import { ColdStart } from "./coldStart";
import { levelName, LoadResult } from "./load";
import { LongHistory, Timed } from "./longHistory";
import { ProfileSummary } from "./profile";
import { SdkCost, sdkCostLine } from "./sdkCost";
import { TabFirstView, tabLines } from "./tab";
import { median, round, summarize } from "./stats";

// The results as a plain-text table and as JSON, judged against DESIGN.md's budgets. A MISS is
// information, not a failure: nothing here sets the exit code.

export interface BenchResults {
  setup: { boards: number; members: number; perRound: number };
  loads: LoadResult[];
  unavailable: { name: string; why: string }[];
  /** Operations measured differently from the others (fewer rounds...), and why. */
  notes: { name: string; why: string }[];
  /** By operation name. */
  answerPaths: Record<string, AnswerPath>;
  coldStarts: ColdStart[];
  /** The bot process's own (it runs alone in its process), after the load. */
  memory: { rssMb: number; heapUsedMb: number };
  /** Absent with BENCH_QUICK=1. */
  tenYear?: LongHistory;
  /** The tab's first view on the ten-year board, and its bundle's size. */
  tab?: TabFirstView;
  /** One @azure/data-tables request's CPU in the process that makes it (absent with BENCH_QUICK=1). */
  sdkCost?: SdkCost;
  warmUpBreaches: number;
  /** 429s on the probe board (answer paths, cold starts): other instances with their own limiters; no measured round is there. */
  probeBreaches: number;
  clientResends: number;
  /** BENCH_PROFILE=1: the bot's process under the CPU profiler, one per level. */
  profiles?: (ProfileSummary & { label: string })[];
  /** Other work on the machine skews everything: 1, 5 and 15 minute load averages. */
  loadAverage: { before: number[]; after: number[] };
  durationS: number;
}

type Verdict = "PASS" | "MISS" | "n/a";
interface Budget {
  budget: string;
  measured: string;
  verdict: Verdict;
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "-");
const verdict = (ok: boolean): Verdict => (ok ? "PASS" : "MISS");

function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd();
  return rows.map(line).join("\n");
}

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}`, date: new Date().toISOString() };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

export function loadFigures(l: LoadResult) {
  const bot = summarize(l.bot);
  const floor = summarize(l.floor);
  const sf = l.storageFloor;
  const storage = sf && summarize(sf.ms);
  return {
    bot,
    floor,
    ratioP50: bot.p50 / floor.p50,
    ratioP99: bot.p99 / floor.p99,
    botOpsPerS: (l.bot.length / l.botWallMs) * 1000,
    floorOpsPerS: (l.floor.length / l.floorWallMs) * 1000,
    roundTripsTotal: mean(l.roundTripsPerOp),
    /** The floor plus the check-in's storage round trips: bot / it is the bot's own code, it / floor the round trips. */
    storageFloor: storage && {
      ...storage,
      opsPerS: (sf.ms.length / sf.wallMs) * 1000,
      cpuMs: sf.cpuMs,
      roundTrips: mean(sf.roundTripsPerOp),
      botRatioP50: bot.p50 / storage.p50,
      botRatioP99: bot.p99 / storage.p99,
      overFloorP50: storage.p50 / floor.p50,
      overFloorP99: storage.p99 / floor.p99,
    },
  };
}

/** DESIGN.md's budgets, re-based on the floor + storage line of the same run (what the machine and storage allow). */
function budgets(r: BenchResults): Budget[] {
  const out: Budget[] = [];
  const at = (op: string, concurrency: number, spread: boolean) =>
    r.loads.find((x) => x.operation === op && x.level.concurrency === concurrency && Boolean(x.level.spreadMs) === spread);
  for (const op of [...new Set(r.loads.map((l) => l.operation))]) {
    const burst = at(op, 30, false);
    const single = at(op, 1, false);
    const spread = at(op, 30, true);
    if (burst) {
      const f = loadFigures(burst);
      const sf = f.storageFloor;
      if (sf) {
        out.push({ budget: `${op}: p50 <= 1.0x floor + storage, 30 at once`, measured: `${fmt(f.bot.p50)} / ${fmt(sf.p50)} ms = ${fmt(sf.botRatioP50, 2)}x`, verdict: verdict(sf.botRatioP50 <= 1.0) });
        out.push({ budget: `${op}: p99 <= 1.3x floor + storage, 30 at once`, measured: `${fmt(f.bot.p99)} / ${fmt(sf.p99)} ms = ${fmt(sf.botRatioP99, 2)}x`, verdict: verdict(sf.botRatioP99 <= 1.3) });
      } else out.push({ budget: `${op}: vs floor + storage, 30 at once`, measured: "no floor + storage line", verdict: "n/a" });
      out.push({ budget: `${op}: 30 at once all stored, final card shows 30, no 429`, measured: `${burst.roundsComplete}/${burst.rounds} rounds, ${burst.breaches} refused`, verdict: verdict(burst.roundsComplete === burst.rounds && burst.breaches === 0) });
    }
    if (single) {
      const f = loadFigures(single);
      const sf = f.storageFloor;
      if (sf) {
        out.push({ budget: `${op}: p50 <= 1.3x floor + storage, one at a time`, measured: `${fmt(f.bot.p50)} / ${fmt(sf.p50)} ms = ${fmt(sf.botRatioP50, 2)}x`, verdict: verdict(sf.botRatioP50 <= 1.3) });
        out.push({ budget: `${op}: p99 <= 1.3x floor + storage, one at a time`, measured: `${fmt(f.bot.p99)} / ${fmt(sf.p99)} ms = ${fmt(sf.botRatioP99, 2)}x`, verdict: verdict(sf.botRatioP99 <= 1.3) });
      }
      const cpu = single.botCpuMs / single.floorCpuMs;
      out.push({ budget: `${op}: CPU/op <= 3x the bare floor's, one at a time`, measured: `${fmt(single.botCpuMs)} / ${fmt(single.floorCpuMs)} ms = ${fmt(cpu, 2)}x`, verdict: verdict(cpu <= 3) });
    }
    if (spread) {
      const f = loadFigures(spread);
      out.push({ budget: `${op}: p99 < 100 ms, 30 within one second`, measured: `${fmt(f.bot.p99)} ms`, verdict: verdict(f.bot.p99 < 100) });
    }
    const ap = r.answerPaths[op];
    if (ap) out.push({ budget: `${op}: <= 2 storage round trips on the answer path`, measured: `${ap.warm.onPath.length} (${ap.coldCache.onPath.length} on a cache miss)`, verdict: verdict(ap.warm.onPath.length <= 2) });
  }
  for (const u of r.unavailable) out.push({ budget: `${u.name}: the same budgets`, measured: u.why.startsWith("harness") ? u.why : "not measured", verdict: "n/a" });
  const t = r.tenYear;
  const within = (x: Timed) => verdict(x.runs.p95 < 300 && x.firstMs < 300);
  if (t) {
    out.push({ budget: "attendance report, 10-year board < 300 ms", measured: `p95 ${fmt(t.attendanceReport.runs.p95)} ms, first ${fmt(t.attendanceReport.firstMs)} ms`, verdict: within(t.attendanceReport) });
    out.push({ budget: "action log, 5,000 actions < 300 ms", measured: `p95 ${fmt(t.actionLogAnswer.runs.p95)} ms, first ${fmt(t.actionLogAnswer.firstMs)} ms`, verdict: within(t.actionLogAnswer) });
  }
  if (r.tab) out.push({ budget: "tab first view (HTML, bundle, first API answer) < 1 s", measured: `p95 ${fmt(r.tab.runs.p95)} ms, first ${fmt(r.tab.first.totalMs)} ms; bundle ${fmt(r.tab.bundleGzipKb)} kB gzip`, verdict: verdict(r.tab.runs.p95 < 1000 && r.tab.first.totalMs < 1000) });
  return out;
}

export function render(r: BenchResults, m: ReturnType<typeof machine>): { text: string; json: unknown } {
  const out: string[] = [];
  const la = (l: number[]) => l.map((v) => v.toFixed(2)).join(" ");
  out.push(`Quorate benchmark, ${m.date}, ${fmt(r.durationS, 0)} s`);
  out.push(`${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load average ${la(r.loadAverage.before)} before, ${la(r.loadAverage.after)} after`);
  out.push(`${r.setup.boards} boards x ${r.setup.members} members (6 statutory organisations), plus one for the answer-path probes and cold starts; rounds of ${r.setup.perRound} distinct members, each round a fresh meeting and roll, the boards in turn`);
  out.push("");
  out.push("Latency in ms, from request to last byte over keep-alive HTTP. x = bot / floor (bare botbuilder, fixed card, same run).");
  out.push("conc 30/1s: 30 presses arriving evenly over one second (open loop), as in a real roll call; for information.");
  out.push("Storage RT/op: round trips the answer waits for / all, background included (audit, quorum mark, cache reloads).");
  out.push("Each server runs in a process of its own; the load client and the connector stub run in the bench's.");
  out.push("CPU ms/op: each server process's own CPU time per operation (process.cpuUsage() around its batches), bot / floor;");
  out.push("the bot's includes its background work until idle (card updates, audit); the client's, the stub's and Azurite's are not in it.");
  const rows = [["operation", "conc", "n", "p50", "p95", "p99", "floor p50", "p95", "p99", "x p50", "x p99", "ops/s", "floor ops/s", "CPU ms/op", "storage RT/op"]];
  const figures = r.loads.map((l) => ({ l, f: loadFigures(l) }));
  for (const { l, f } of figures) {
    const spread = Boolean(l.level.spreadMs);
    rows.push([l.operation, levelName(l.level), String(f.bot.n), fmt(f.bot.p50), fmt(f.bot.p95), fmt(f.bot.p99), fmt(f.floor.p50), fmt(f.floor.p95), fmt(f.floor.p99), fmt(f.ratioP50, 1), fmt(f.ratioP99, 1), spread ? "-" : fmt(f.botOpsPerS, 0), spread ? "-" : fmt(f.floorOpsPerS, 0), `${fmt(l.botCpuMs)} / ${fmt(l.floorCpuMs)}`, `${r.answerPaths[l.operation]?.warm.onPath.length ?? "?"} / ${fmt(f.roundTripsTotal, 2)}`]);
  }
  out.push(table(rows));
  for (const n of r.notes) out.push(`${n.name}: ${n.why}`);
  const withStorage = figures.filter(({ f }) => f.storageFloor);
  if (withStorage.length) {
    out.push("");
    out.push("Floor + storage: the floor bot first making the round trips the operation's answer waits for, with the bare SDK on the");
    out.push("same Azurite (check-in: a batch merging the roll row and creating the attendance row, then one query of the meeting's");
    out.push("partition; vote: a batch merging '_open' and upserting the vote, then one query of the sign-off's partition; action");
    out.push("update: the action's read and its replace); no validation, roster or card building. Same rounds and activities,");
    out.push("interleaved with the bot and the floor.");
    out.push("bot / it: what the bot's own code adds on top of those round trips; it / floor: what the round trips cost.");
    out.push("CPU ms/op: the floor + storage process's own CPU time per operation.");
    const sRows = [["operation", "conc", "n", "p50", "p95", "p99", "ops/s", "CPU ms/op", "storage RT/op", "bot / it p50", "p99", "it / floor p50", "p99"]];
    for (const { l, f } of withStorage) {
      const sf = f.storageFloor!;
      sRows.push([`${l.operation}, floor + storage`, levelName(l.level), String(sf.n), fmt(sf.p50), fmt(sf.p95), fmt(sf.p99), l.level.spreadMs ? "-" : fmt(sf.opsPerS, 0), fmt(sf.cpuMs), fmt(sf.roundTrips, 2), fmt(sf.botRatioP50, 1), fmt(sf.botRatioP99, 1), fmt(sf.overFloorP50, 1), fmt(sf.overFloorP99, 1)]);
    }
    out.push(table(sRows));
  }
  for (const u of r.unavailable) out.push(`${u.name}: ${u.why}`);
  const wrong = r.loads.reduce((s, l) => s + l.wrongAnswers, 0);
  if (wrong > 0) out.push(`!! ${wrong} answers were not the expected card: those figures are suspect`);
  if (r.clientResends > 0) out.push(`(${r.clientResends} requests resent after the server closed an idle keep-alive socket)`);
  out.push("");

  out.push("Answer path: extra bot instances (in the bench's process) behind a logging proxy that holds back one kind of storage request at a time;");
  out.push("what delays the answer, twice, is on its path (listed in the order sent; some run in parallel). Warm, a kind sent more than");
  out.push("once is held one request at a time, so an action's read and the card reloads behind the answer are told apart.");
  for (const [op, ap] of Object.entries(r.answerPaths)) {
    out.push(`  ${op}, warm:       ${ap.warm.onPath.join(", ") || "none"}   then, after the answer: ${ap.warm.background.join(", ") || "nothing"}`);
    out.push(`  ${op}, cache miss: ${ap.coldCache.onPath.join(", ")}   then: ${ap.coldCache.background.join(", ") || "nothing"}`);
    out.push(`  ${op}, 30 at once: ${ap.burst.reduce((s, b) => s + b.count, 0)} requests: ${ap.burst.map((b) => `${b.label} x${b.count}`).join(", ")}`);
    out.push(`  ${op}, one at a time, unheld: answer ${fmt(ap.warmAnswerMs)} ms = Azurite ${fmt(ap.warmStorageMs)} ms + the bot's own work and HTTP ${fmt(ap.warmAnswerMs - ap.warmStorageMs)} ms (medians)`);
  }
  out.push("");

  const healthy = median(r.coldStarts.map((c) => c.healthyMs));
  const first = median(r.coldStarts.map((c) => c.firstAnswerMs));
  const childRss = r.coldStarts.map((c) => c.rssMb).filter((v): v is number => v !== undefined);
  out.push("Process:");
  out.push(`  cold start, node dist/bot/index.js (median of ${r.coldStarts.length}): /healthz 200 after ${fmt(healthy, 0)} ms, first answered check-in after ${fmt(first, 0)} ms`);
  out.push(`  resident memory of the bot's process: after its first answer (cold start) ${childRss.length ? fmt(median(childRss), 0) + " MB" : "n/a"}; after the load ${fmt(r.memory.rssMb, 0)} MB (heap in use ${fmt(r.memory.heapUsedMb, 0)} MB)`);
  out.push("");

  const t = r.tenYear;
  if (t) {
    const line = (x: Timed) => `first ${fmt(x.firstMs)} ms, then ${x.runs.n} runs p50 ${fmt(x.runs.p50)}, p95 ${fmt(x.runs.p95)}, max ${fmt(x.runs.max)} ms; ${x.roundTrips} round trips`;
    out.push(`10-year board: ${t.meetings} meetings, ${t.attendanceRows} attendance rows, ${t.actions} actions, written through the store in ${fmt(t.seedMs / 1000)} s`);
    out.push(`  attendance report, last 12 meetings (store): ${line(t.attendanceReport)}`);
    out.push(`  action log, page 1 (the bot's answer):    ${line(t.actionLogAnswer)}`);
    out.push(`    of which the 5,000-action query alone:  ${line(t.actionLogQuery)}`);
  }
  if (r.tab) out.push(...tabLines(r.tab));
  if (r.sdkCost) out.push(sdkCostLine(r.sdkCost));
  out.push("");

  for (const p of r.profiles ?? []) {
    out.push(`CPU profile of ${p.label}, bot only (${fmt(p.busyMs, 0)} ms busy; ${path.basename(p.file)}):`);
    out.push("  " + p.byPackage.map((x) => `${x.name} ${fmt(100 * x.share, 0)}%`).join(", "));
    out.push("  hottest: " + p.topFunctions.slice(0, 6).map((x) => `${x.name} ${fmt(x.ms, 0)} ms`).join(", "));
    out.push("");
  }

  const b = budgets(r);
  out.push(table([["budget (DESIGN.md)", "measured", "verdict"], ...b.map((x) => [x.budget, x.measured, x.verdict])], 2));
  if (r.warmUpBreaches > 0) out.push(`(${r.warmUpBreaches} sends refused with 429 during seeding and warm-up)`);
  if (r.probeBreaches > 0) out.push(`(${r.probeBreaches} sends refused with 429 on the probe board: the answer-path and cold-start instances each pace only their own sends; no measured round uses that board)`);
  const json = { machine: m, ...r, figures: figures.map(({ l, f }) => ({ operation: l.operation, level: levelName(l.level), ...f })), budgets: b };
  return { text: out.join("\n"), json };
}

export function save(json: unknown, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const files = [path.join(dir, "latest.json"), path.join(dir, `bench-${stamp}.json`)];
  for (const f of files) writeFileSync(f, JSON.stringify(json, null, 2) + "\n");
  return files;
}
