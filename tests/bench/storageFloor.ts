import { TableClient, TransactionAction } from "@azure/data-tables";
import type { SendRequest } from "@azure/core-rest-pipeline";
import { Activity } from "botbuilder";
import { createStore } from "../../storage/store";
import { FloorServer, startFloorBot } from "./floorBot";

// The floor plus storage: the floor bot (bare botbuilder, fixed card) that first makes the round trips
// the real operation's answer waits for, with the bare @azure/data-tables SDK against the same Azurite.
// - check-in: one batch (merge the roll row with ETag "*", create the person's attendance row) and one
//   query of that meeting's partition;
// - vote: one batch (merge the sign-off's "_open" row with ETag "*", upsert the voter's row) and one
//   query of the sign-off's partition;
// - action update: one read of the action's row and its replace with that ETag.
// No validation, no roster, no card building. Bot / storage floor is what the bot's own code costs;
// storage floor / floor is what those two round trips cost. It runs in a process of its own
// (floorProcess.ts); the bench reaches it through forkStorageFloor (floorBot.ts).

export interface StorageFloorServer extends FloorServer {
  /**
   * Before a round: the round's roll row, copied from the bot's table into the floor's own (under
   * meeting id `as` when given: a warm-up round of its own that the bot never sees).
   */
  prepare(round: PrepareRound): Promise<void>;
  /** Storage requests made so far (counted like the bot's store: every HTTP request, retries included). */
  roundTrips(): number;
}

export interface PrepareRound {
  operation: "check-in" | "vote" | "action update";
  partnershipId: string;
  /** The meeting's, or the sign-off's, id (unused for action updates). */
  meetingId: string;
  as?: string;
}

/** The real partition keys (attendanceTable.ts, signOffTable.ts): one roll call, or one sign-off, is one partition. */
const partitionOf = (partnershipId: string, id: string) => `${partnershipId}~${id}`;
const ROLL = "_roll";
const SIGNOFF_ROWS = ["_signoff", "_open"];
const voteRowKey = (voterKey: string) => "v" + Buffer.from(voterKey, "utf8").toString("hex");
/** A-2024-017 → 2024-000017, as actionTable.ts keys it. */
const actionRowOf = (ref: string) => {
  const m = /^A-(\d{4})-(\d+)$/.exec(ref);
  return m ? `${m[1]}-${m[2]!.padStart(6, "0")}` : ref;
};
const own = (entity: Record<string, unknown>) => Object.fromEntries(Object.entries(entity).filter(([k]) => k !== "etag" && k !== "timestamp" && !k.startsWith("odata.")));

export async function startStorageFloor(connectionString: string, prefix: string): Promise<StorageFloorServer> {
  let roundTrips = 0;
  const counter = { name: "storageFloorRoundTrips", sendRequest: (request: Parameters<SendRequest>[0], next: SendRequest) => (roundTrips++, next(request)) };
  // A table of its own: the bot's rows for the same people and meetings would make every create a conflict.
  const table = TableClient.fromConnectionString(connectionString, `${prefix}StorageFloor`, {
    allowInsecureConnection: true,
    additionalPolicies: [{ policy: counter, position: "perRetry" }],
  });
  await table.createTable();
  // The bot's tables, read only before a round (not counted: prepare is not measured).
  const bot = createStore({ connectionString, prefix });
  const copiedActions = new Set<string>();

  const checkIn = async (activity: Activity, data: { partnershipId: string; meetingId: string }) => {
    const partitionKey = partitionOf(data.partnershipId, data.meetingId);
    const now = new Date().toISOString();
    const memberId = activity.from.aadObjectId ?? activity.from.id;
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: ROLL, touchedAt: now }, "Merge", { etag: "*" }],
      ["create", { partitionKey, rowKey: memberId, status: "present", arrivedAt: now, recordedBy: memberId, recordedAt: now }],
    ];
    await table.submitTransaction(actions);
    await readPartition(partitionKey);
  };
  const vote = async (activity: Activity, data: { partnershipId: string; signOffId: string; option: string }) => {
    const partitionKey = partitionOf(data.partnershipId, data.signOffId);
    const now = new Date().toISOString();
    const memberId = activity.from.aadObjectId ?? activity.from.id;
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: "_open", lastVoteAt: now }, "Merge", { etag: "*" }],
      ["upsert", { partitionKey, rowKey: voteRowKey(memberId), option: data.option, memberId, memberName: "", at: now }, "Replace"],
    ];
    await table.submitTransaction(actions);
    await readPartition(partitionKey);
  };
  const actionUpdate = async (_activity: Activity, data: { partnershipId: string; ref: string; status: string; note: string }) => {
    const entity = await table.getEntity<Record<string, unknown>>(data.partnershipId, actionRowOf(data.ref));
    const next = { ...own(entity), partitionKey: data.partnershipId, rowKey: actionRowOf(data.ref), status: data.status, updatedAt: new Date().toISOString() };
    await table.updateEntity(next, "Replace", { etag: entity.etag });
  };
  const readPartition = async (partitionKey: string) => {
    const pages = table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'` } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) void page;
  };
  const answer = async (activity: Activity) => {
    const action = (activity.value as { action: { verb: string; data: Record<string, string> } }).action;
    if (action.verb === "roll.checkin") return checkIn(activity, action.data as never);
    if (action.verb === "signoff.vote") return vote(activity, action.data as never);
    if (action.verb === "action.update") return actionUpdate(activity, action.data as never);
    throw new Error(`the storage floor does not do ${action.verb}`);
  };

  const floor = await startFloorBot(answer);
  return {
    ...floor,
    async prepare(round) {
      if (round.operation === "action update") {
        // The board's actions, once: every round updates the same rows again, as the bot's do.
        if (copiedActions.has(round.partnershipId)) return;
        for (const a of await bot.actions.all(round.partnershipId)) {
          const row = actionRowOf(a.ref);
          const entity = await bot.actions.client.getEntity<Record<string, unknown>>(round.partnershipId, row);
          await table.upsertEntity({ ...own(entity), partitionKey: round.partnershipId, rowKey: row }, "Replace");
        }
        copiedActions.add(round.partnershipId);
        return;
      }
      const source = round.operation === "vote" ? bot.signOffs.client : bot.rollCalls.client;
      for (const rowKey of round.operation === "vote" ? SIGNOFF_ROWS : [ROLL]) {
        const entity = await source.getEntity<Record<string, unknown>>(partitionOf(round.partnershipId, round.meetingId), rowKey);
        await table.upsertEntity({ ...own(entity), partitionKey: partitionOf(round.partnershipId, round.as ?? round.meetingId), rowKey }, "Replace");
      }
    },
    roundTrips: () => roundTrips,
  };
}
