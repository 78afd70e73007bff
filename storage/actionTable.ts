import { odata, TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { Action, ACTION_STATUSES } from "../bot/rules/actionTypes";
import { AuditEntry } from "../bot/domain/types";
import { AuditOutbox, OutboxPlace, OutboxRow, outboxRow } from "./auditOutbox";
import { Coalescer } from "./coalesce";
import { Codec, EntityTable, MAX_STRING, Row, Versioned } from "./entityTable";
import { guard, isConflict, isNotFound, isPreconditionFailed } from "./errors";

// A partnership's actions are one partition, so the whole log is one query. Row keys sort by year and
// number; the per-year counters that hand out numbers live in the same partition, after every action.

/** Where a copy of an action's card was posted: the channel, and each owner's 1:1 chat. */
export interface CardCopy {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

export type ActionRecord = Action & { copies: CardCopy[] };

const COUNTER = "~counter-";
const MAX_HISTORY = 100;

const actionRowKey = (year: number, seq: number) => `${year}-${String(seq).padStart(6, "0")}`;

const ownerSchema = z.union([
  z.object({ kind: z.literal("member"), memberId: z.string().max(64), name: z.string().max(120) }),
  z.object({ kind: z.literal("outside"), name: z.string().max(120), organisation: z.string().max(120).optional() }),
]);
const dueSchema = z.union([z.object({ kind: z.literal("date"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), z.object({ kind: z.literal("next-meeting") })]);
const updateSchema = z.object({
  at: z.string(),
  by: z.string().max(200),
  byName: z.string().max(120),
  from: z.enum(ACTION_STATUSES),
  to: z.enum(ACTION_STATUSES),
  note: z.string().max(1000).optional(),
  delivery: z.string().max(400).optional(),
});
const copySchema = z.object({ conversationId: z.string().max(400), activityId: z.string().max(400), serviceUrl: z.string().max(400) });

const schema = z.object({
  ref: z.string().max(20),
  seq: z.number().int(),
  year: z.number().int(),
  text: z.string().min(1).max(1000),
  owners: z.string().max(MAX_STRING),
  due: z.string().max(200).optional(),
  status: z.enum(ACTION_STATUSES),
  raisedAt: z.string(),
  raisedBy: z.string().max(200),
  meetingId: z.string().max(40).optional(),
  agendaItem: z.string().max(20).optional(),
  history: z.string().max(MAX_STRING),
  copies: z.string().max(MAX_STRING),
  updatedAt: z.string(),
});

const json = <T>(s: z.ZodType<T>, text: string): T => s.parse(JSON.parse(text));

export const actionCodec: Codec<ActionRecord> = {
  keys: (a) => ({ partitionKey: a.partnershipId, rowKey: actionRowKey(a.year, a.seq) }),
  schema,
  toRow: (a) => ({
    ref: a.ref,
    seq: a.seq,
    year: a.year,
    text: a.text,
    owners: JSON.stringify(a.owners),
    due: a.due && JSON.stringify(a.due),
    status: a.status,
    raisedAt: a.raisedAt,
    raisedBy: a.raisedBy,
    meetingId: a.meetingId,
    agendaItem: a.agendaItem,
    // The full history is in the audit table; the record keeps the latest hundred updates.
    history: JSON.stringify(a.history.slice(-MAX_HISTORY)),
    copies: JSON.stringify(a.copies.slice(-50)),
    updatedAt: a.updatedAt,
  }),
  fromRow: (row, keys) => {
    const r = (row as z.infer<typeof schema>);
    return {
      partnershipId: keys.partitionKey,
      ref: r.ref,
      seq: r.seq,
      year: r.year,
      text: r.text,
      owners: json(z.array(ownerSchema), r.owners),
      due: r.due === undefined ? undefined : json(dueSchema, r.due),
      status: r.status,
      raisedAt: r.raisedAt,
      raisedBy: r.raisedBy,
      meetingId: r.meetingId,
      agendaItem: r.agendaItem,
      history: json(z.array(updateSchema), r.history),
      copies: json(z.array(copySchema), r.copies),
      updatedAt: r.updatedAt,
    };
  },
};

/** Outbox rows sort after every action and counter ("~counter-…"), so the log's queries never see them. */
export const ACTION_OUTBOX = "~~audit~";

/** One action's replace (under the ETag it was read with) and its audit entry's outbox row. */
interface AuditedWrite {
  entity: TableEntity<Row>;
  etag: string;
  box: { row: OutboxRow; action: TransactionAction };
}

export class ActionTable extends EntityTable<ActionRecord> {
  readonly outboxPlace: OutboxPlace;
  // Thirty owners updating at once read and write one partition (coalesce.ts): their reads go as one
  // query and their replaces as one batch, each under its own ETag. 50 a group: two operations each.
  private readonly reads = new Coalescer<string, Versioned<ActionRecord> | undefined>((pk, rows) => this.readGroup(pk, rows), 50);
  private readonly writes = new Coalescer<AuditedWrite, boolean>((_pk, items) => this.writeGroup(items), 50);

  constructor(
    client: TableClient,
    private readonly outbox?: AuditOutbox,
  ) {
    super(client, actionCodec);
    this.outboxPlace = { client, prefix: ACTION_OUTBOX };
  }

  /**
   * mutate(), with the change's audit entry written in the same atomic batch (auditOutbox.ts), so that
   * it survives the process dying right after it answered; the same round trips as mutate().
   */
  async mutateAudited(
    partnershipId: string,
    rowKey: string,
    change: (current: ActionRecord | undefined) => ActionRecord | undefined,
    known: Versioned<ActionRecord> | undefined,
    entry: (before: ActionRecord, after: ActionRecord) => AuditEntry,
  ): Promise<{ before?: ActionRecord; after?: ActionRecord; changed: boolean }> {
    for (let attempt = 0; attempt < 25; attempt++) {
      const current = attempt === 0 && known ? known : await this.get(partnershipId, rowKey);
      const next = current && change(current.value);
      if (!current || next === undefined) return { before: current?.value, after: current?.value, changed: false };
      const box = outboxRow(this.outboxPlace, partnershipId, entry(current.value, next));
      if (await this.writes.submit(partnershipId, { entity: this.encode(next), etag: current.etag, box })) {
        return { before: current.value, after: next, changed: true };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt + 1, 5)));
    }
    throw new Error(`Gave up on ${this.name}/${partnershipId}/${rowKey} after 25 concurrent changes`);
  }

  /** Every action of a partnership (the counters excluded), paged through whatever its size. */
  all(partnershipId: string): Promise<ActionRecord[]> {
    return this.list(partnershipId, `RowKey lt '${COUNTER}'`);
  }

  /**
   * What the log shows by default: every outstanding action, and those updated since `since` (ISO).
   * Filtered by the service, so a board with years of closed actions does not read them all.
   */
  current(partnershipId: string, since: string): Promise<ActionRecord[]> {
    return this.list(
      partnershipId,
      odata`RowKey lt ${COUNTER} and (status eq ${"open"} or status eq ${"in-progress"} or updatedAt ge ${since})`,
    );
  }

  /** Outstanding actions only (reminders, the meeting's count). */
  outstanding(partnershipId: string): Promise<ActionRecord[]> {
    return this.list(partnershipId, odata`RowKey lt ${COUNTER} and (status eq ${"open"} or status eq ${"in-progress"})`);
  }

  /** One action with its ETag; reads asked for meanwhile in the same partition go as one query. */
  getByNumber(partnershipId: string, year: number, seq: number): Promise<Versioned<ActionRecord> | undefined> {
    return this.reads.submit(partnershipId, actionRowKey(year, seq));
  }

  private async readGroup(partitionKey: string, rowKeys: string[]): Promise<(Versioned<ActionRecord> | undefined)[]> {
    if (rowKeys.length === 1) return [await this.get(partitionKey, rowKeys[0]!)];
    const wanted = [...new Set(rowKeys)].map((rk) => odata`RowKey eq ${rk}`).join(" or ");
    const found = await this.queryVersioned(`${odata`PartitionKey eq ${partitionKey}`} and (${wanted})`);
    const byRow = new Map(found.map((v) => [actionRowKey(v.value.year, v.value.seq), v]));
    return rowKeys.map((rk) => byRow.get(rk));
  }

  /** Replaces that arrived together, as one batch; if any of them lost its race, each on its own. */
  private async writeGroup(items: AuditedWrite[]): Promise<boolean[]> {
    const distinct = new Set(items.map((i) => i.entity.rowKey)).size === items.length;
    if (items.length > 1 && distinct && (await this.writeAudited(items))) return items.map(() => true);
    const results: boolean[] = [];
    for (const item of items) results.push(await this.writeAudited([item]));
    return results;
  }

  private async writeAudited(items: AuditedWrite[]): Promise<boolean> {
    const actions: TransactionAction[] = items.flatMap((i): TransactionAction[] => [["update", i.entity, "Replace", { etag: i.etag }], i.box.action]);
    const written = await guard(async () => {
      try {
        await this.client.submitTransaction(actions);
        return true;
      } catch (error) {
        if (isPreconditionFailed(error) || isNotFound(error) || isConflict(error)) return false;
        throw error;
      }
    });
    if (written) this.outbox?.relayLater(this.outboxPlace, items.map((i) => i.box.row));
    return written;
  }

  /**
   * The next number for the year. The counter is read and replaced under its ETag, so two actions
   * raised at the same moment can never get the same number.
   */
  async nextNumber(partnershipId: string, year: number): Promise<number> {
    const rowKey = `${COUNTER}${year}`;
    for (let attempt = 0; attempt < 30; attempt++) {
      const next = await guard(async () => {
        let current: { value: number; etag?: string } = { value: 0 };
        try {
          const entity = await this.client.getEntity<{ value: number }>(partnershipId, rowKey);
          current = { value: Number(entity.value), etag: entity.etag };
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        }
        const value = current.value + 1;
        try {
          if (current.etag) await this.client.updateEntity({ partitionKey: partnershipId, rowKey, value }, "Replace", { etag: current.etag });
          else await this.client.createEntity({ partitionKey: partnershipId, rowKey, value });
          return value;
        } catch (error) {
          if (isConflict(error) || isPreconditionFailed(error)) return undefined;
          throw error;
        }
      });
      if (next !== undefined) return next;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * Math.min(attempt + 1, 5)));
    }
    throw new Error("Could not number the action: too many raised at once");
  }
}
