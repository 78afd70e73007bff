import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { playgroundConfig } from "../../bot/dev/playgroundConfig";
import { memberIdForEmail } from "../../storage/keys";
import { startAzurite } from "../../storage/azurite";
import { track } from "./child";
import { BenchBot, startBenchBot } from "./seed";
import { Summary, summarize } from "./stats";
import { seedTenYearBoard } from "./tenYearBoard";
import { viewer } from "./longHistory";

// The tab's first view on the ten-year board, as a browser opening it would fetch it: the page, then
// its script and stylesheet together, then who am I, then the first view's data (Next meeting). Each
// view starts on fresh connections (a new agent), gzip asked for, as Teams' browser would. In local
// mode the tab is the playground's user, who is given the ten-year board's viewer's membership.
// Runnable alone: `npm run build && node dist/tests/bench/tab.js`.

export interface TabFirstView {
  bundleKb: number;
  bundleGzipKb: number;
  /** HTML + CSS + script, as sent (gzip). */
  pageGzipKb: number;
  first: Step;
  runs: Summary;
  /** Of each run, the two API answers alone. */
  api: Summary;
}

interface Step {
  totalMs: number;
  apiMs: number;
}

function fetchRaw(agent: http.Agent, base: string, pathname: string): Promise<{ status: number; bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(pathname, base), { agent, headers: { "accept-encoding": "gzip", accept: "*/*" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, body });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function firstView(base: string, partnershipId: string): Promise<Step & { pageBytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  try {
    const started = performance.now();
    const html = await fetchRaw(agent, base, "/tab/");
    const [js, css] = await Promise.all([fetchRaw(agent, base, "/tab/app.js"), fetchRaw(agent, base, "/tab/tab.css")]);
    const apiStarted = performance.now();
    const me = await fetchRaw(agent, base, "/api/tab/me");
    const next = await fetchRaw(agent, base, `/api/tab/boards/${partnershipId}/next`);
    const ended = performance.now();
    for (const [what, r] of [["page", html], ["script", js], ["styles", css], ["me", me], ["next meeting", next]] as const) {
      if (r.status !== 200) throw new Error(`tab first view: ${what} answered ${r.status} ${r.body.toString().slice(0, 200)}`);
    }
    return { totalMs: ended - started, apiMs: ended - apiStarted, pageBytes: html.bytes + js.bytes + css.bytes };
  } finally {
    agent.destroy();
  }
}

export async function measureTab(bot: BenchBot, partnershipId: string, runs = 20): Promise<TabFirstView> {
  // The playground's user (the tab's user in local mode) stands for the board's linked viewer.
  await bot.store.directory.upsert({ kind: "aad", subject: playgroundConfig.currentUser.aadObjectId, partnershipId, memberId: memberIdForEmail(viewer.email) });
  const bundle = readFileSync(path.resolve(__dirname, "../../tab/app.js"));
  const first = await firstView(bot.app.url, partnershipId);
  const steps: Step[] = [];
  for (let i = 0; i < runs; i++) steps.push(await firstView(bot.app.url, partnershipId));
  return {
    bundleKb: bundle.length / 1024,
    bundleGzipKb: gzipSync(bundle, { level: 9 }).length / 1024,
    pageGzipKb: first.pageBytes / 1024,
    first: { totalMs: first.totalMs, apiMs: first.apiMs },
    runs: summarize(steps.map((s) => s.totalMs)),
    api: summarize(steps.map((s) => s.apiMs)),
  };
}

export function tabLines(t: TabFirstView): string[] {
  const f = (v: number) => v.toFixed(1);
  return [
    `The tab on the 10-year board: bundle ${f(t.bundleKb)} kB, ${f(t.bundleGzipKb)} kB gzip (page + script + styles as sent: ${f(t.pageGzipKb)} kB)`,
    `  first view (HTML, bundle, first API answers), fresh connections: first ${f(t.first.totalMs)} ms, then ${t.runs.n} runs p50 ${f(t.runs.p50)}, p95 ${f(t.runs.p95)}, max ${f(t.runs.max)} ms; the API's share p50 ${f(t.api.p50)} ms`,
  ];
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  track(azurite.process);
  try {
    const bot = await startBenchBot(azurite.connectionString);
    try {
      const board = await seedTenYearBoard(bot.store, new Date(), viewer, bot.connector.url);
      const tab = await measureTab(bot, board.partnershipId);
      process.stdout.write(tabLines(tab).join("\n") + `\n  budget: first view < 1 s: ${tab.runs.p95 < 1000 && tab.first.totalMs < 1000 ? "PASS" : "MISS"}\n`);
    } finally {
      await bot.close();
    }
  } finally {
    await azurite.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`tab bench failed: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
