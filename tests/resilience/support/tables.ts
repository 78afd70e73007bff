import { odata, TableClient, TableServiceClient } from "@azure/data-tables";
import type { Logger } from "../../../bot/log";

// Whole-account views for "nothing was written" checks: every table with the bot's prefix, whatever
// tables the code has grown since this was written.

const options = { allowInsecureConnection: true, retryOptions: { maxRetries: 1 } };

async function tableNames(connectionString: string, prefix: string): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(connectionString, options);
  const names: string[] = [];
  // Table names are letters and digits: every one with this prefix sorts between the prefix and prefix + "{".
  const filter = odata`TableName ge ${prefix} and TableName lt ${prefix + "{"}`;
  for await (const t of service.listTables({ queryOptions: { filter } })) if (t.name?.startsWith(prefix)) names.push(t.name);
  // Sends holds how fast the bot has been sending to Teams (pacing and card leases), not the board's
  // records: any message, a refusal included, moves it.
  return names.filter((n) => n !== `${prefix}Sends`).sort();
}

/** Every entity as "table|partitionKey|rowKey" → ETag: an overwrite changes the ETag, so this sees every write. */
export async function snapshotTables(connectionString: string, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    (await tableNames(connectionString, prefix)).map(async (name) => {
      const client = TableClient.fromConnectionString(connectionString, name, options);
      for await (const e of client.listEntities({ queryOptions: { select: ["PartitionKey", "RowKey"] } })) {
        out.set(`${name.slice(prefix.length)}|${e.partitionKey}|${e.rowKey}`, e.etag);
      }
    }),
  );
  return out;
}

/** Entities per table (without the prefix). */
export async function countTables(connectionString: string, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const key of (await snapshotTables(connectionString, prefix)).keys()) {
    const table = key.split("|")[0]!;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
}

/** What changed between two snapshots, as readable lines ("+ Table|pk|rk", "- ...", "~ ..."). */
export function diffTables(before: Map<string, string>, after: Map<string, string>, ignore: (key: string) => boolean = () => false): string[] {
  const lines: string[] = [];
  for (const [key, etag] of after) {
    if (ignore(key)) continue;
    if (!before.has(key)) lines.push(`+ ${key}`);
    else if (before.get(key) !== etag) lines.push(`~ ${key}`);
  }
  for (const key of before.keys()) if (!ignore(key) && !after.has(key)) lines.push(`- ${key}`);
  return lines.sort();
}

export interface LogEvent {
  level: "error" | "warn" | "info" | "debug";
  event: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every event, for asserting what the bot logged. */
export function captureLog(): { log: Logger; events: LogEvent[] } {
  const events: LogEvent[] = [];
  const at = (level: LogEvent["level"]) => (event: string, fields: Record<string, unknown> = {}) => void events.push({ level, event, fields });
  return { log: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") }, events };
}

/** Events that mean something escaped a handler or a background task. */
export const ESCAPED = ["turn.unhandled", "turn.failed", "http.process_failed", "http.failed", "background.failed", "turn.error_reply_failed"];
