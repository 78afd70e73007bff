import { AddressInfo } from "node:net";
import path from "node:path";
import restify from "restify";
import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from "botbuilder";
import { forkServer } from "./child";
import type { FloorSettings } from "./floorProcess";
import type { Round } from "./seed";
import type { PrepareRound } from "./storageFloor";

// The floor: what any botbuilder bot pays to answer this invoke. Same adapter (local mode), same
// restify 11 and body parser as the real bot, a fixed card and no storage: the bot's overhead is
// whatever it costs above this, measured in the same run. Like the bot, it runs in a process of its
// own (floorProcess.ts), and so does the floor + storage (storageFloor.ts).

/** The floor server itself, in its process. */
export interface FloorServer {
  url: string;
  setCard(card: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** `before`: work the answer waits for (the storage floor's round trips); a failure answers 500. */
export async function startFloorBot(before?: (activity: Activity) => Promise<void>): Promise<FloorServer> {
  let card: Record<string, unknown> = { type: "AdaptiveCard", version: "1.5", body: [] };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const logic = async (context: TurnContext) => {
    if (context.activity.type !== "invoke" || context.activity.name !== "adaptiveCard/action") return;
    if (before) {
      try {
        await before(context.activity);
      } catch (error) {
        await context.sendActivity({ type: "invokeResponse", value: { status: 500, body: { message: String(error) } } });
        return;
      }
    }
    const body = { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
    await context.sendActivity({ type: "invokeResponse", value: { status: 200, body } });
  };
  const server = restify.createServer({ name: "floor", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));
  server.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, logic);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, setCard: (c) => (card = c), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A floor's process, from the bench: HTTP at `url`, the rest over IPC. */
export interface FloorBot {
  url: string;
  pid: number;
  /** Each operation is compared with the floor answering a copy of that operation's own card. */
  setCard(card: Record<string, unknown>): Promise<void>;
  /** The floor process's own process.cpuUsage(). */
  cpu(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

/** Which round trips the storage floor makes for an operation (operations.ts names). */
export function storageFloorKind(operation: string): PrepareRound["operation"] {
  if (operation.startsWith("check-in")) return "check-in";
  if (operation.startsWith("vote")) return "vote";
  if (operation.startsWith("action update")) return "action update";
  throw new Error(`no storage floor for ${operation}`);
}

/** The floor plus the operation's storage round trips (storageFloor.ts), from the bench. */
export interface StorageFloor extends FloorBot {
  /** Before a round: the round's roll row, copied from the bot's table into the floor's own (under meeting id `as` when given). */
  prepare(operation: string, round: Round, as?: string): Promise<void>;
  /** Storage requests made so far (counted like the bot's store: every HTTP request, retries included). */
  roundTrips(): Promise<number>;
}

async function forkFloor(name: string, settings: FloorSettings) {
  const child = await forkServer(name, path.join(__dirname, "floorProcess.js"), settings);
  return { url: child.url, pid: child.pid, setCard: (card: Record<string, unknown>) => child.call("setCard", card), cpu: child.cpu, close: child.close, call: child.call };
}

export async function forkFloorBot(): Promise<FloorBot> {
  const { call: _call, ...floor } = await forkFloor("floor", { kind: "floor" });
  return floor;
}

/** Writes to a table of its own, `${prefix}StorageFloor`, on the same storage as the bot. */
export async function forkStorageFloor(connectionString: string, prefix: string): Promise<StorageFloor> {
  const { call, ...floor } = await forkFloor("floor + storage", { kind: "storage", connectionString, prefix });
  return {
    ...floor,
    prepare: (operation, round, as) => call("prepare", { operation: storageFloorKind(operation), partnershipId: round.board.partnershipId, meetingId: round.id, as }),
    roundTrips: () => call<number>("roundTrips"),
  };
}
