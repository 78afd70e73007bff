import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { partnershipIdFor } from "../../storage/keys";
import { startAzurite } from "../../storage/azurite";
import { cardsIn, cardText, TENANT } from "../support/teams";
import { channelText } from "./activities";
import { Timed, timed, viewer } from "./longHistory";
import { BenchBot, startBenchBot } from "./seed";
import { round } from "./stats";
import { attendanceReport } from "./attendanceReport";
import { loadHistory, loadMinutesRecords } from "../../bot/papers/load";
import { draftMinutes } from "../../bot/rules/papers/minutes";
import { attendanceRegister } from "../../bot/rules/papers/register";
import { minutesDocx } from "../../bot/papers/writers/minutesDocx";
import { seedTenYearBoard } from "./tenYearBoard";

// The board's papers on the ten-year board (40 members, 120 meetings, 5,000 actions): the draft minutes
// of its latest meeting (the bot's `minutes` answer, and the Word file behind its link, which reads,
// computes and writes the document), the register of the last 12 meetings (CSV and Excel behind their
// links) and `attendance` (by organisation over 12 months). Every one is the bot's own process over HTTP.
// `BENCH_ONLY=papers npm run bench` runs this alone, on a board it seeds itself.

const CHANNEL = "19:bench-ten-years@thread.tacv2";

export interface PapersBench {
  minutesAnswer: Timed;
  minutesDocx: Timed;
  minutesMarkdown: Timed;
  registerCsv: Timed;
  registerXlsx: Timed;
  attendanceAnswer: Timed;
  docxBytes: number;
  xlsxBytes: number;
  /** Where the time goes, in the bench process on its own store: reading, computing, writing. */
  parts: { minutesRead: Timed; minutesCompute: Timed; minutesWrite: Timed; historyRead: Timed; registerCompute: Timed; rollReadsAlone: Timed };
}

/** The links on the card the bot last posted in the ten-year channel. */
function linksOf(bot: BenchBot, expect: string): string[] {
  const sent = bot.connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL) && cardsIn(s.activity).length).at(-1);
  const card = sent && cardsIn(sent.activity)[0];
  if (!card || !cardText(card).includes(expect)) throw new Error(`expected a card with "${expect}"`);
  return ((card.actions ?? []) as { type: string; url: string }[]).filter((a) => a.type === "Action.OpenUrl").map((a) => a.url);
}

async function ask(bot: BenchBot, text: string, expect: string): Promise<void> {
  const reply = await bot.client.post("/api/messages", bot.body(channelText(viewer, text, CHANNEL)));
  if (reply.status !== 200) throw new Error(`${text}: HTTP ${reply.status}`);
  linksOf(bot, expect);
}

async function download(url: string, sizes?: { bytes: number }): Promise<void> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || body.length === 0) throw new Error(`download: HTTP ${response.status}`);
  if (sizes) sizes.bytes = body.length;
}

/** The ten-year board must be seeded (measureLongHistory does it; runPapersAlone seeds it itself). */
export async function measurePapers(bot: BenchBot): Promise<PapersBench> {
  const partnershipId = partnershipIdFor(TENANT, CHANNEL);
  if (!(await bot.store.partnerships.get(partnershipId, "settings"))) throw new Error("the ten-year board is not seeded");
  const minutesAnswer = await timed(bot, 10, () => ask(bot, "minutes", "Draft minutes"));
  const [docxUrl, mdUrl] = linksOf(bot, "Draft minutes") as [string, string];
  const docx = { bytes: 0 };
  const minutesDocx = await timed(bot, 10, () => download(docxUrl, docx));
  const minutesMarkdown = await timed(bot, 10, () => download(mdUrl));
  await ask(bot, "attendance register", "Attendance register");
  const [csvUrl, xlsxUrl] = linksOf(bot, "Attendance register") as [string, string];
  const registerCsv = await timed(bot, 10, () => download(csvUrl));
  const xlsx = { bytes: 0 };
  const registerXlsx = await timed(bot, 10, () => download(xlsxUrl, xlsx));
  const attendanceAnswer = await timed(bot, 10, () => ask(bot, "attendance", "Attendance by organisation"));
  return { minutesAnswer, minutesDocx, minutesMarkdown, registerCsv, registerXlsx, attendanceAnswer, docxBytes: docx.bytes, xlsxBytes: xlsx.bytes, parts: await measureParts(bot, partnershipId) };
}

async function measureParts(bot: BenchBot, partnershipId: string): Promise<PapersBench["parts"]> {
  const now = new Date();
  const meetingId = (await bot.store.meetings.list(partnershipId)).filter((m) => m.startsAt <= now.toISOString()).at(-1)!.id;
  const records = (await loadMinutesRecords(bot.store, partnershipId, meetingId, now))!;
  const doc = draftMinutes(records);
  const history = (await loadHistory(bot.store, partnershipId, { last: 12 }, now))!;
  return {
    minutesRead: await timed(bot, 10, async () => void (await loadMinutesRecords(bot.store, partnershipId, meetingId, now))),
    minutesCompute: await timed(bot, 10, async () => void draftMinutes(records)),
    minutesWrite: await timed(bot, 10, async () => void (await minutesDocx(doc))),
    historyRead: await timed(bot, 10, async () => void (await loadHistory(bot.store, partnershipId, { last: 12 }, now))),
    registerCompute: await timed(bot, 10, async () => void attendanceRegister(history)),
    // The existing ten-year read (longHistory's attendance report) in the same run: the storage floor.
    rollReadsAlone: await timed(bot, 10, async () => void (await attendanceReport(bot.store, partnershipId, now))),
  };
}

export function renderPapers(p: PapersBench): string {
  const row = (name: string, t: Timed, budget: string) =>
    `| ${name} | ${round(t.firstMs)} | ${round(t.runs.p50)} | ${round(t.runs.p95)} | ${round(t.runs.max)} | ${t.roundTrips} | ${budget} |`;
  return [
    "",
    "Papers on the ten-year board (40 members, 120 meetings, 5,000 actions), each over HTTP to the bot's process:",
    "",
    "| paper | first ms | p50 | p95 | max | storage round trips (first) | budget |",
    "|---|---|---|---|---|---|---|",
    row("`minutes`: the card with its links", p.minutesAnswer, "< 500 ms"),
    row(`minutes as Word (${Math.round(p.docxBytes / 1024)} KB)`, p.minutesDocx, "< 500 ms"),
    row("minutes as Markdown", p.minutesMarkdown, "< 500 ms"),
    row("register of 12 meetings, CSV", p.registerCsv, "< 300 ms"),
    row(`register of 12 meetings, Excel (${Math.round(p.xlsxBytes / 1024)} KB)`, p.registerXlsx, "< 300 ms"),
    row("`attendance`: by organisation, 12 months", p.attendanceAnswer, "< 300 ms"),
    "",
    "Where the time goes (the bench process, its own store on the same tables):",
    "",
    "| part | first ms | p50 | p95 | max | storage round trips (first) | |",
    "|---|---|---|---|---|---|---|",
    row("minutes: reading the records", p.parts.minutesRead, ""),
    row("minutes: computing the document model", p.parts.minutesCompute, ""),
    row("minutes: writing the Word file", p.parts.minutesWrite, ""),
    row("register: reading 12 meetings", p.parts.historyRead, ""),
    row("register: computing it", p.parts.registerCompute, ""),
    row("reference: the 12 roll-call reads alone (existing attendance report)", p.parts.rollReadsAlone, ""),
    "",
  ].join("\n");
}

export function savePapers(p: PapersBench, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `papers-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}

/** `BENCH_ONLY=papers`: Azurite, the bot, the ten-year board and the papers, nothing else. */
export async function runPapersAlone(resultsDir: string, log: (m: string) => void): Promise<void> {
  const azurite = await startAzurite();
  try {
    const bot = await startBenchBot(azurite.connectionString);
    try {
      log("seeding the ten-year board");
      await seedTenYearBoard(bot.store, new Date(), viewer, bot.connector.url);
      log("papers");
      const papers = await measurePapers(bot);
      process.stdout.write(renderPapers(papers) + "\n");
      log(`wrote ${savePapers(papers, resultsDir)}`);
    } finally {
      await bot.close();
    }
  } finally {
    await azurite.stop();
  }
}
