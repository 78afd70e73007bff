import { randomBytes } from "node:crypto";
import path from "node:path";
import { meetingIdFor, partnershipIdFor } from "../../storage/keys";
import { createStore, Store } from "../../storage/store";
import { ConnectorStub, Person, startConnector } from "../support/connector";
import { TENANT } from "../support/teams";
import { channelAction, channelText, personalMessage } from "./activities";
import type { BotSettings } from "./botProcess";
import { forkServer, ServerProcess } from "./child";
import { Answer, HttpClient } from "./httpClient";
import type { ProfileSummary } from "./profile";

// The real bot as `npm start` runs it (local mode, no playground, a process of its own: botProcess.ts)
// and boards seeded over HTTP the way the bot tests do it: setup, roster import, everyone linked, a
// meeting today, the chair's roll call.

export const ORGS = ["Essex Police", "Thurrock Council", "The Probation Service", "Police Fire and Crime Panel", "Essex County Fire and Rescue Service", "Mid and South Essex ICB"];

/** The bot's process, over IPC: what the harness asks of it besides HTTP. */
export interface BotProcess {
  url: string;
  pid: number;
  /** The bot's app.idle(): card updates and announcements started by earlier requests are done. */
  idle(): Promise<void>;
  /** The bot's own store's round trips so far (its app.store.roundTrips()). */
  roundTrips(): Promise<number>;
  /** The bot process's own process.cpuUsage() and memoryUsage(). */
  cpu(): Promise<NodeJS.CpuUsage>;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** A CPU profile of the bot process (BENCH_PROFILE=1): start, then stop writing it to `file`. */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<ProfileSummary>;
}

export interface BenchBot {
  app: BotProcess;
  /**
   * The harness's own store on the bot's tables (same connection string and prefix; storage is what
   * instances share): what it writes straight to storage and what it reads back to verify. Its round
   * trips are not the bot's (those are app.roundTrips()).
   */
  store: Store;
  connector: ConnectorStub;
  client: HttpClient;
  prefix: string;
  /** The wire form of an activity, serialised before any clock starts. */
  body(activity: Record<string, unknown>): string;
  send(activity: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

export interface Board {
  index: number;
  channel: string;
  partnershipId: string;
}

export function benchPeople(count = 40): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:bench-${i}`,
    name: `Member ${String(i).padStart(2, "0")}`,
    email: `bench.member${i}@example.org`,
    aadObjectId: `00000000-0000-4000-8000-${String(500 + i).padStart(12, "0")}`,
  }));
}

/** A manager, a chair, three quarters statutory, spread over six organisations. */
export function rosterCsv(people: Person[]): string {
  const role = (i: number) => (i === 0 ? "manager" : i === 1 ? "chair" : "member");
  return [
    "name,title,organisation,category,role,email",
    ...people.map((m, i) => `${m.name},Officer,${ORGS[i % ORGS.length]},${i % 4 ? "statutory" : "non-statutory"},${role(i)},${m.email}`),
  ].join("\n");
}

export async function startBenchBot(connectionString: string): Promise<BenchBot> {
  const connector = await startConnector();
  const prefix = "bench" + randomBytes(4).toString("hex");
  const logLevel = process.env.BENCH_LOG_LEVEL ?? "silent"; // for investigating a run, not for figures
  const settings: BotSettings = { connectionString, prefix, logLevel };
  let child: ServerProcess;
  try {
    child = await forkServer("bot", path.join(__dirname, "botProcess.js"), settings);
  } catch (error) {
    await connector.close();
    throw error;
  }
  const app: BotProcess = {
    url: child.url,
    pid: child.pid,
    idle: () => child.call("idle"),
    roundTrips: () => child.call<number>("roundTrips"),
    cpu: child.cpu,
    memory: child.memory,
    profileStart: () => child.call("profileStart"),
    profileStop: (file) => child.call<ProfileSummary>("profileStop", file),
  };
  const store = createStore({ connectionString, prefix });
  const client = new HttpClient(app.url);
  const body = (activity: Record<string, unknown>) => JSON.stringify({ serviceUrl: connector.url, ...activity });
  return {
    app,
    store,
    connector,
    client,
    prefix,
    body,
    send: (activity) => client.post("/api/messages", body(activity)),
    async close() {
      client.close();
      await child.close();
      await connector.close();
    },
  };
}

function ok(answer: Answer, what: string): Answer {
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  return answer;
}

/** One board in its own channel; `linkIn1to1` has everyone say `roster` to the bot first, as the tests do. */
export async function seedBoard(bot: BenchBot, index: number, people: Person[], linkIn1to1: boolean): Promise<Board> {
  const channel = `19:bench-board-${index}@thread.tacv2`;
  const board = { index, channel, partnershipId: partnershipIdFor(TENANT, channel) };
  const [manager, chair] = [people[0]!, people[1]!];
  for (const p of people) bot.connector.people.set(p.id, p);
  ok(await bot.send(channelAction(manager, "setup.save", { name: `Bench CSP ${index + 1}`, quorumRequired: "4" }, channel)), "setup");
  ok(await bot.send(channelText(manager, `import roster\n${rosterCsv(people)}`, channel)), "import roster");
  if (linkIn1to1) for (const p of people) ok(await bot.send(personalMessage(p, "roster")), "1:1 roster");
  ok(await bot.send(channelText(manager, "meeting today 9am, Board meeting", channel)), "meeting");
  ok(await bot.send(channelText(chair, "roll call", channel)), "roll call");
  const members = await bot.store.members.list(board.partnershipId);
  if (members.length !== people.length) throw new Error(`Board ${index}: ${members.length} members stored, ${people.length} imported`);
  return board;
}

/** What one round presses on: a meeting's roll call, a sign-off... */
export interface Round {
  board: Board;
  /** The meeting's or the sign-off's id. */
  id: string;
  /** The shared card's message id. */
  cardActivityId?: string;
}

/** The roll call that `roll call` opened for today's meeting on this board. */
export async function todaysRound(bot: BenchBot, board: Board): Promise<Round> {
  for (const meeting of await bot.store.meetings.list(board.partnershipId)) {
    const roll = (await bot.store.rollCalls.read(board.partnershipId, meeting.id)).roll;
    if (roll?.state === "open") return { board, id: meeting.id, cardActivityId: roll.activityId };
  }
  throw new Error(`Board ${board.index}: no open roll call`);
}

/**
 * A fresh meeting (written straight to the store: scheduling is not what is measured, and its card
 * would spend the channel's rate limit) and its roll opened by the chair over HTTP, as from the card.
 */
export async function openRound(bot: BenchBot, board: Board, chair: Person): Promise<Round> {
  const now = new Date();
  const startsAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  const meetingId = meetingIdFor(startsAt);
  const created = await bot.store.meetings.create({
    id: meetingId,
    partnershipId: board.partnershipId,
    title: "Bench meeting",
    startsAt,
    agenda: [],
    state: "scheduled",
    createdBy: chair.aadObjectId,
    createdAt: now.toISOString(),
  });
  if (!created) throw new Error("meeting id collision");
  const answer = ok(await bot.send(channelAction(chair, "roll.open", { partnershipId: board.partnershipId, meetingId }, board.channel)), "roll.open");
  const roll = (await bot.store.rollCalls.read(board.partnershipId, meetingId)).roll;
  if (!roll?.activityId) throw new Error(`roll.open did not open a roll: ${answer.text.slice(0, 200)}`);
  return { board, id: meetingId, cardActivityId: roll.activityId };
}

let signOffs = 0;

/** A fresh sign-off, started by the chair in the channel; every member votes, so 30 votes never decide it early. */
export async function openSignOffRound(bot: BenchBot, board: Board, chair: Person): Promise<Round> {
  const title = `Bench paper ${++signOffs}`;
  ok(await bot.send(channelText(chair, `sign-off "${title}", votes: all members`, board.channel)), "sign-off");
  const signOff = (await bot.store.signOffs.list(board.partnershipId)).find((s) => s.title === title);
  if (!signOff?.card) throw new Error(`sign-off "${title}" was not opened with a card`);
  return { board, id: signOff.id, cardActivityId: signOff.card.activityId };
}

/** An action raised for the action-update rounds: its reference and its card's message id in the board's channel. */
export interface SeededAction {
  ref: string;
  channelActivityId: string;
}

/**
 * One action owned by each of `people`, raised by the chair from the action log's "Raise an action"
 * form, as at a meeting. One at a time: each raise waits for its card to be posted in the channel and
 * in the owner's 1:1 chat, and the bot paces those sends inside Teams' limits. `offset` staggers the
 * order so that boards seeded side by side do not all write to the same person's chat at once.
 */
export async function raiseActions(bot: BenchBot, board: Board, chair: Person, people: Person[], offset = 0): Promise<Map<string, SeededAction>> {
  const members = await bot.store.members.list(board.partnershipId);
  const memberOf = (p: Person) => {
    const m = members.find((x) => x.email === p.email);
    if (!m?.teamsUserId) throw new Error(`Board ${board.index}: ${p.name} is not on the roster or not linked to Teams`);
    return m;
  };
  for (let i = 0; i < people.length; i++) {
    const p = people[(i + offset) % people.length]!;
    const data = { partnershipId: board.partnershipId, text: `Bench action for ${p.name}: review the information-sharing agreement`, ownerIds: memberOf(p).id };
    ok(await bot.send(channelAction(chair, "action.raise", data, board.channel)), "action.raise");
  }
  await bot.app.idle();
  const actions = await bot.store.actions.all(board.partnershipId);
  const seeded = new Map<string, SeededAction>();
  for (const p of people) {
    const memberId = memberOf(p).id;
    const action = actions.find((a) => a.owners.length === 1 && a.owners[0]!.kind === "member" && a.owners[0]!.memberId === memberId);
    const channelCopy = action?.copies.find((c) => c.conversationId === board.channel);
    // The channel's copy and the owner's 1:1 copy: an update has to refresh both.
    if (!action || !channelCopy || action.copies.length !== 2) throw new Error(`Board ${board.index}: ${p.name}'s action was not raised with its two cards: ${JSON.stringify(action?.copies)}`);
    seeded.set(p.id, { ref: action.ref, channelActivityId: channelCopy.activityId });
  }
  return seeded;
}
