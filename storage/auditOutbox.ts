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

/** The entry with its audit key fixed, and its outbox row for the change's batch. */
export function outboxRow(place: OutboxPlace, partitionKey: string, entry: AuditEntry): { row: OutboxRow; action: TransactionAction } {
  const keyed = { ...entry, key: newestFirstKey(new Date(entry.at)) };
  const rowKey = `${place.prefix}${keyed.partnershipId}~${keyed.key}`;
  const entity: TableEntity<Row> = { partitionKey, rowKey, entry: JSON.stringify(auditCodec.toRow(keyed)), partnershipId: keyed.partnershipId, key: keyed.key };
  return { row: { partitionKey, rowKey, entry: keyed }, action: ["create", entity] };
}

export class AuditOutbox {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly audit: EntityTable<AuditRecord>,
    private readonly places: OutboxPlace[],
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** After the change's batch: copies its entries to the audit table and clears its outbox rows, off the answer path. */
  relayLater(place: OutboxPlace, rows: OutboxRow[]): void {
    if (rows.length === 0) return;
    const task = this.relay(place, rows)
      .catch(this.onError)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Until every relay started so far has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async relay(place: OutboxPlace, rows: OutboxRow[]): Promise<void> {
    // Batched per partnership by the audit table's own grouping; an entry already copied is a no-op.
    await Promise.all(rows.map((r) => this.audit.append(r.entry)));
    await Promise.all(rows.map((r) => this.clear(place, r)));
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

  private async clear(place: OutboxPlace, row: OutboxRow): Promise<void> {
    await guard(async () => {
      try {
        await place.client.deleteEntity(row.partitionKey, row.rowKey);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }
}
