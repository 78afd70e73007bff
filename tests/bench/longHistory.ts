import { cardText } from "../support/teams";
import { Person } from "../support/connector";
import { channelAction } from "./activities";
import { attendanceReport } from "./attendanceReport";
import { BenchBot } from "./seed";
import { Summary, summarize } from "./stats";
import { seedTenYearBoard } from "./tenYearBoard";

// The ten-year board's two long reads: the attendance report of the last 12 meetings (a store-level
// function doing what the report will do) and the action log over 5,000 actions (the bot's own
// `actions.page` answer over HTTP, and the storage query under it on its own). The store-level reads
// and the seeding run in the bench process on its own store (the same tables as the bot's).

export interface Timed {
  firstMs: number;
  runs: Summary;
  roundTrips: number;
}

export interface LongHistory {
  partnershipId: string;
  meetings: number;
  attendanceRows: number;
  actions: number;
  seedMs: number;
  attendanceReport: Timed;
  actionLogAnswer: Timed;
  actionLogQuery: Timed;
}

/** Member 0 of the ten-year board, linked: the one who asks for its action log (and its tab). */
export const viewer: Person = { id: "29:decade-viewer", name: "Dana Viewer", email: "dana.viewer@example.org", aadObjectId: "00000000-0000-4000-8000-000000000900" };

/** Round trips of the bot's process (its answers) and of the harness's store (the store-level reads). */
const roundTrips = async (bot: BenchBot) => (await bot.app.roundTrips()) + bot.store.roundTrips();

export async function timed(bot: BenchBot, runs: number, work: () => Promise<void>): Promise<Timed> {
  const once = async () => {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  await bot.app.idle();
  const before = await roundTrips(bot);
  const firstMs = await once();
  await bot.app.idle();
  const trips = (await roundTrips(bot)) - before;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return { firstMs, runs: summarize(times), roundTrips: trips };
}

export async function measureLongHistory(bot: BenchBot): Promise<LongHistory> {
  const store = bot.store;
  const board = await seedTenYearBoard(store, new Date(), viewer, bot.connector.url);
  const attendance = await timed(bot, 20, async () => {
    const snapshots = await attendanceReport(store, board.partnershipId, new Date());
    if (snapshots.length !== 12 || snapshots.some((s) => s.attendance.length !== 40)) throw new Error("attendance report read the wrong rows");
  });
  const body = () => bot.body(channelAction(viewer, "actions.page", { partnershipId: board.partnershipId, page: 1 }, board.channel));
  const answer = await timed(bot, 5, async () => {
    const reply = await bot.client.post("/api/messages", body());
    const card = (JSON.parse(reply.text) as { value?: unknown }).value;
    if (reply.status !== 200 || !cardText(card).includes("outstanding")) throw new Error(`action log did not answer with its card: ${reply.text.slice(0, 200)}`);
  });
  const query = await timed(bot, 5, async () => {
    if ((await store.actions.all(board.partnershipId)).length !== board.actions) throw new Error("action query read the wrong rows");
  });
  return { partnershipId: board.partnershipId, meetings: board.meetings, attendanceRows: board.attendanceRows, actions: board.actions, seedMs: board.seedMs, attendanceReport: attendance, actionLogAnswer: answer, actionLogQuery: query };
}
