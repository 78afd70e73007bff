import { TableClient, TransactionAction } from "@azure/data-tables";
import type { SendRequest } from "@azure/core-rest-pipeline";
import { Activity } from "botbuilder";
import { createStore } from "../../storage/store";
import { FloorServer, startFloorBot } from "./floorBot";

// The floor plus storage, for the check-in: the floor bot (bare botbuilder, fixed card) that first makes
// the round trips the real check-in's answer waits for, with the bare @azure/data-tables SDK against the
// same Azurite: one batch (merge the roll row with ETag "*", create the person's attendance row) and one
// query of that meeting's partition. No validation, no roster, no card building. Bot / storage floor is
// what the bot's own code costs; storage floor / floor is what those two round trips cost. It runs in a
// process of its own (floorProcess.ts); the bench reaches it through forkStorageFloor (floorBot.ts).

export interface StorageFloorServer extends FloorServer {
  /**
   * Before a round: the round's roll row, copied from the bot's table into the floor's own (under
   * meeting id `as` when given: a warm-up round of its own that the bot never sees).
   */
  prepare(round: { partnershipId: string; meetingId: string; as?: string }): Promise<void>;
  /** Storage requests made so far (counted like the bot's store: every HTTP request, retries included). */
  roundTrips(): number;
}

/** The real partition key (storage/attendanceTable.ts): one meeting's roll call is one partition. */
const partitionOf = (partnershipId: string, meetingId: string) => `${partnershipId}~${meetingId}`;
const ROLL = "_roll";

export async function startStorageFloor(connectionString: string, prefix: string): Promise<StorageFloorServer> {
  let roundTrips = 0;
  const counter = { name: "storageFloorRoundTrips", sendRequest: (request: Parameters<SendRequest>[0], next: SendRequest) => (roundTrips++, next(request)) };
  // A table of its own: the bot's rows for the same people and meetings would make every create a conflict.
  const table = TableClient.fromConnectionString(connectionString, `${prefix}StorageFloor`, {
    allowInsecureConnection: true,
    additionalPolicies: [{ policy: counter, position: "perRetry" }],
  });
  await table.createTable();
  // The bot's attendance table, read only before a round (not counted: prepare is not measured).
  const source = createStore({ connectionString, prefix }).rollCalls.client;

  const checkIn = async (activity: Activity) => {
    const { partnershipId, meetingId } = (activity.value as { action: { data: { partnershipId: string; meetingId: string } } }).action.data;
    const partitionKey = partitionOf(partnershipId, meetingId);
    const now = new Date().toISOString();
    const memberId = activity.from.aadObjectId ?? activity.from.id;
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: ROLL, touchedAt: now }, "Merge", { etag: "*" }],
      ["create", { partitionKey, rowKey: memberId, status: "present", arrivedAt: now, recordedBy: memberId, recordedAt: now }],
    ];
    await table.submitTransaction(actions);
    const pages = table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'` } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) void page;
  };

  const floor = await startFloorBot(checkIn);
  return {
    ...floor,
    async prepare(round) {
      const partitionKey = partitionOf(round.partnershipId, round.meetingId);
      const entity = await source.getEntity<Record<string, unknown>>(partitionKey, ROLL);
      const roll = Object.fromEntries(Object.entries(entity).filter(([k]) => k !== "etag" && k !== "timestamp" && !k.startsWith("odata.")));
      await table.upsertEntity({ ...roll, partitionKey: partitionOf(round.partnershipId, round.as ?? round.meetingId), rowKey: ROLL }, "Replace");
    },
    roundTrips: () => roundTrips,
  };
}
