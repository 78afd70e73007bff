import { TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import { AuditEntry } from "../bot/domain/types";
import { auditCodec } from "./auditTable";
import { EntityTable, Row } from "./entityTable";
import { guard, isNotFound } from "./errors";
import { newestFirstKey } from "./keys";

// The audit entry of a hot change (a check-in, a vote, an action update) must survive the process being
// killed the moment after it answered, without a third round trip on the answer path. So the entry is
// written in the same atomic batch as the change, as a row of the change's own partition (an outbox
// row), and copied to the audit table after the answer; the copy is idempotent (the entry's key is
// fixed when it is made), and the outbox row is deleted once it is copied. A row whose copy never ran
// (the process died) is found by `recover`, at start and with each hourly sweep, on any instance.

export type AuditRecord = AuditEntry & { key?: string };

/** Where a table keeps its outbox rows: a row-key range its own reads skip. */
export interface OutboxPlace {
  client: TableClient;
  /** Row keys start with this; `prefix + "~"` ends the range. */
  prefix: string;
}

export interface OutboxRow {
  partitionKey: string;
  rowKey: string;
  entry: AuditRecord & { key: string };
}

/** A query's filter for a partition without its outbox rows (entries waiting to be copied are not the table's data). */
export function outsideOutbox(place: OutboxPlace): string {
  return `(RowKey lt '${place.prefix}' or RowKey ge '${place.prefix}~')`;
}

/** The entry with its audit key fixed, and its outbox row for the change's batch. */
export function outboxRow(place: OutboxPlace, partitionKey: string, entry: AuditEntry): { row: OutboxRow; action: TransactionAction } {
  const keyed = { ...entry, key: newestFirstKey(new Date(entry.at)) };
  const rowKey = `${place.prefix}${keyed.partnershipId}~${keyed.key}`;
  const entity: TableEntity<Row> = { partitionKey, rowKey, entry: JSON.stringify(auditCodec.toRow(keyed)), partnershipId: keyed.partnershipId, key: keyed.key };
  return { row: { partitionKey, rowKey, entry: keyed }, action: ["create", entity] };
}

/**
 * How long a relay waits for more entries of the same partition, so a roll call's presses are copied
 * and cleared in one batch each rather than two round trips apiece (the entries are safe meanwhile).
 */
export const RELAY_DELAY_MS = 500;
/** Most rows one relay takes: a batch holds 100 operations. */
const RELAY_MAX = 100;

export class AuditOutbox {
  private readonly running = new Set<Promise<unknown>>();
  /** Entries waiting to be copied, by table and partition. */
  private readonly pending = new Map<string, { place: OutboxPlace; rows: OutboxRow[] }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly audit: EntityTable<AuditRecord>,
    private readonly places: OutboxPlace[],
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly delayMs = RELAY_DELAY_MS,
  ) {}

  /** After the change's batch: copies its entries to the audit table and clears its outbox rows, off the answer path. */
  relayLater(place: OutboxPlace, rows: OutboxRow[]): void {
    for (const row of rows) {
      const key = `${place.client.tableName}|${row.partitionKey}`;
      const waiting = this.pending.get(key) ?? { place, rows: [] };
      waiting.rows.push(row);
      this.pending.set(key, waiting);
      if (waiting.rows.length >= RELAY_MAX) this.start(key);
    }
    if (this.pending.size > 0) this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Starts every waiting relay now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const key of [...this.pending.keys()]) this.start(key);
  }

  /** Until every relay asked for so far has finished (shutdown, tests): waiting ones start at once. */
  async idle(): Promise<void> {
    this.flush();
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private start(key: string): void {
    const waiting = this.pending.get(key);
    this.pending.delete(key);
    if (!waiting) return;
    const task = this.relay(waiting.place, waiting.rows)
      .catch(this.onError)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async relay(place: OutboxPlace, rows: OutboxRow[]): Promise<void> {
    // One batch per partnership; an entry already copied is a no-op (its key was fixed when it was made).
    await this.audit.appendMany(rows.map((r) => r.entry));
    const byPartition = new Map<string, OutboxRow[]>();
    for (const r of rows) byPartition.set(r.partitionKey, [...(byPartition.get(r.partitionKey) ?? []), r]);
    await Promise.all([...byPartition.values()].map((group) => this.clear(place, group)));
  }

  /** Entries whose copy never ran (a killed process): copied now. Returns how many. */
  async recover(): Promise<number> {
    let copied = 0;
    for (const place of this.places) {
      const filter = `RowKey ge '${place.prefix}' and RowKey lt '${place.prefix}~'`;
      const pages = place.client.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 });
      for (;;) {
        const page = await guard(() => pages.next());
        if (page.done) break;
        const rows = page.value.flatMap((e): OutboxRow[] => {
          try {
            const fields = JSON.parse(String(e.entry)) as Row;
            const parsed = auditCodec.schema.safeParse(fields);
            if (!parsed.success) return [];
            const entry = auditCodec.fromRow(parsed.data, { partitionKey: String(e.partnershipId), rowKey: String(e.key) });
            return [{ partitionKey: String(e.partitionKey), rowKey: String(e.rowKey), entry: { ...entry, key: String(e.key) } }];
          } catch {
            return [];
          }
        });
        await this.relay(place, rows);
        copied += rows.length;
      }
    }
    return copied;
  }

  /** One batch of deletes for a partition's rows; one by one if some are gone already (another instance's recover). */
  private async clear(place: OutboxPlace, rows: OutboxRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += RELAY_MAX) {
      const chunk = rows.slice(i, i + RELAY_MAX);
      if (chunk.length > 1) {
        const deleted = await guard(async () => {
          try {
            await place.client.submitTransaction(chunk.map((r): TransactionAction => ["delete", { partitionKey: r.partitionKey, rowKey: r.rowKey }]));
            return true;
          } catch (error) {
            if (isNotFound(error)) return false;
            throw error;
          }
        });
        if (deleted) continue;
      }
      await Promise.all(chunk.map((r) => this.clearOne(place, r)));
    }
  }

  private async clearOne(place: OutboxPlace, row: OutboxRow): Promise<void> {
    await guard(async () => {
      try {
        await place.client.deleteEntity(row.partitionKey, row.rowKey);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }
}
