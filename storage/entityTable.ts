import { odata, TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { Coalescer, ItemFailure } from "./coalesce";
import { CorruptEntityError, guard, isConflict, isNotFound, isPreconditionFailed, statusOf } from "./errors";

/** Plain properties as stored: what a codec writes and reads. */
export type Row = Record<string, string | number | boolean | undefined>;

export interface Codec<T> {
  keys(value: T): { partitionKey: string; rowKey: string };
  /** The stored properties, schema-checked before they are written. */
  schema: z.ZodType<Row>;
  toRow(value: T): Row;
  /** Gets a row that has already passed `schema`: no need to check it again. */
  fromRow(row: Row, keys: { partitionKey: string; rowKey: string }): T;
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** An entity's own properties, without the service's keys, ETag, timestamp and OData annotations. */
export function propertiesOf(entity: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k === "partitionKey" || k === "rowKey" || k === "etag" || k === "timestamp" || k.startsWith("odata.")) continue;
    row[k] = v;
  }
  return row;
}

/** Properties ready to store: Azure Tables has no "undefined", so those are left out. */
export function definedOnly(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v as Row[string];
  return out;
}

const PAGE_SIZE = 1000;
const MAX_ETAG_RETRIES = 25;
/** Azure's limit is 64 KiB per string (32K UTF-16 chars); we cap lower and say so at the edge. */
export const MAX_STRING = 30_000;

/** One table of one kind of record: keys, schema checks both ways, ETags and paging live here. */
export class EntityTable<T> {
  private readonly appends = new Coalescer<T, boolean>((_partition, values) => this.createGroup(values));

  constructor(
    readonly client: TableClient,
    private readonly codec: Codec<T>,
  ) {}

  get name(): string {
    return this.client.tableName;
  }

  protected encode(value: T): TableEntity<Row> {
    const row = this.codec.toRow(value);
    const parsed = this.codec.schema.safeParse(row);
    if (!parsed.success) throw new Error(`Refusing to write an invalid ${this.name} entity: ${parsed.error.message}`);
    return { ...this.codec.keys(value), ...definedOnly(parsed.data) };
  }

  private decode(entity: Record<string, unknown>): T {
    const parsed = this.codec.schema.safeParse(propertiesOf(entity));
    if (!parsed.success) {
      throw new CorruptEntityError(this.name, `${entity.partitionKey}/${entity.rowKey}`, parsed.error.message);
    }
    return this.codec.fromRow(parsed.data, {
      partitionKey: String(entity.partitionKey),
      rowKey: String(entity.rowKey),
    });
  }

  async get(partitionKey: string, rowKey: string): Promise<Versioned<T> | undefined> {
    return guard(async () => {
      try {
        const entity = await this.client.getEntity<Row>(partitionKey, rowKey);
        return { value: this.decode(entity), etag: entity.etag };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Every entity in a partition (optionally filtered), across as many pages as it takes. */
  async list(partitionKey: string, extraFilter?: string): Promise<T[]> {
    let filter = odata`PartitionKey eq ${partitionKey}`;
    if (extraFilter) filter += ` and ${extraFilter}`;
    return this.query(filter);
  }

  async query(filter: string, limit = Infinity): Promise<T[]> {
    return (await this.queryVersioned(filter, limit)).map((v) => v.value);
  }

  /** A partition with each entity's ETag, for writes that must not overwrite a concurrent change. */
  async listVersioned(partitionKey: string): Promise<Versioned<T>[]> {
    return this.queryVersioned(odata`PartitionKey eq ${partitionKey}`);
  }

  async queryVersioned(filter: string, limit = Infinity): Promise<Versioned<T>[]> {
    return guard(async () => {
      const out: Versioned<T>[] = [];
      const pages = this.client.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: PAGE_SIZE });
      // Pages may come back empty with a continuation token: keep going until the iterator ends.
      for await (const page of pages) {
        for (const entity of page) {
          out.push({ value: this.decode(entity), etag: entity.etag ?? "*" });
          if (out.length >= limit) return out;
        }
      }
      return out;
    });
  }

  /** Insert; false when the key exists already (the idempotent-retry case). */
  async create(value: T): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.createEntity(this.encode(value));
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    });
  }

  /**
   * Insert, grouped with the inserts to the same partition that arrive meanwhile into one batch (the
   * audit log of a burst of check-ins). False when the key exists already.
   */
  append(value: T): Promise<boolean> {
    return this.appends.submit(this.codec.keys(value).partitionKey, value);
  }

  /** Inserts known together (an outbox's entries): one batch per partition and 100, not one each. */
  async appendMany(values: T[]): Promise<void> {
    const byPartition = new Map<string, T[]>();
    for (const v of values) {
      const pk = this.codec.keys(v).partitionKey;
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), v]);
    }
    const groups = [...byPartition.values()].flatMap((group) => Array.from({ length: Math.ceil(group.length / 100) }, (_, i) => group.slice(i * 100, i * 100 + 100)));
    const results = (await Promise.all(groups.map((g) => this.createGroup(g)))).flat();
    const failed = results.find((r): r is ItemFailure => r instanceof ItemFailure);
    if (failed) throw failed.error;
  }

  private async createGroup(values: T[]): Promise<(boolean | ItemFailure)[]> {
    const alone = () => Promise.all(values.map((v) => this.create(v).catch((error: unknown) => new ItemFailure(error))));
    if (values.length === 1) return alone();
    let entities: TableEntity<Row>[];
    try {
      entities = values.map((v) => this.encode(v));
    } catch {
      return alone(); // the invalid one fails on its own; the rest are written
    }
    if (new Set(entities.map((e) => e.rowKey)).size !== entities.length) return alone();
    // A batch carries at most 4 MiB: big entries (a whole roster's before and after) go on their own.
    if (entities.reduce((chars, e) => chars + JSON.stringify(e).length, 0) > 1_000_000) return alone();
    try {
      await guard(() => this.client.submitTransaction(entities.map((e): TransactionAction => ["create", e])));
      return values.map(() => true);
    } catch (error) {
      // One exists already, or one the service will not take: each on its own, so the others still go in.
      const status = statusOf(error);
      if (status !== undefined && status >= 400 && status < 500) return alone();
      throw error;
    }
  }

  async upsert(value: T): Promise<void> {
    await guard(() => this.client.upsertEntity(this.encode(value), "Replace"));
  }

  /** Replace only if nobody changed it since `etag` was read; false on a lost race. */
  async replaceIf(value: T, etag: string): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.updateEntity(this.encode(value), "Replace", { etag });
        return true;
      } catch (error) {
        if (isPreconditionFailed(error) || isNotFound(error)) return false;
        throw error;
      }
    });
  }

  /**
   * Read-modify-write under optimistic concurrency: re-reads and re-applies `change` when another
   * writer got there first. `change` returns undefined to leave the entity as it is.
   */
  async mutate(
    partitionKey: string,
    rowKey: string,
    change: (current: T | undefined) => T | undefined,
    /** A version the caller has just read: the first attempt starts from it instead of reading again. */
    known?: Versioned<T>,
  ): Promise<{ before?: T; after?: T; changed: boolean }> {
    for (let attempt = 0; attempt < MAX_ETAG_RETRIES; attempt++) {
      const current = attempt === 0 && known ? known : await this.get(partitionKey, rowKey);
      const next = change(current?.value);
      if (next === undefined) return { before: current?.value, after: current?.value, changed: false };
      const written = current ? await this.replaceIf(next, current.etag) : await this.create(next);
      if (written) return { before: current?.value, after: next, changed: true };
      // Lost the race: step aside briefly (with jitter) so contenders do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt + 1, 5)));
    }
    throw new Error(`Gave up on ${this.name}/${partitionKey}/${rowKey} after ${MAX_ETAG_RETRIES} concurrent changes`);
  }

  async delete(partitionKey: string, rowKey: string): Promise<void> {
    await guard(async () => {
      try {
        await this.client.deleteEntity(partitionKey, rowKey);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  /** Deletes only the version read (`etag`); false if it changed or is gone: someone else got there first. */
  async deleteIf(partitionKey: string, rowKey: string, etag: string): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.deleteEntity(partitionKey, rowKey, { etag });
        return true;
      } catch (error) {
        if (isNotFound(error) || isPreconditionFailed(error)) return false;
        throw error;
      }
    });
  }

  /** Like queryVersioned, a page at a time: for sweeps over a whole table, which must not hold it all. */
  async *pagesVersioned(filter: string): AsyncGenerator<Versioned<T>[]> {
    const pages = this.client.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: PAGE_SIZE });
    for (;;) {
      const next = await guard(() => pages.next());
      if (next.done) return;
      yield next.value.map((entity) => ({ value: this.decode(entity), etag: entity.etag ?? "*" }));
    }
  }

  /**
   * Writes records of ONE partition atomically, 100 at a time (the service's batch limit): new ones are
   * created, known ones replaced only if their ETag still matches. False when someone else won the race;
   * the caller re-reads and tries again.
   */
  async writeBatch(items: { value: T; etag?: string }[]): Promise<boolean> {
    for (let i = 0; i < items.length; i += 100) {
      const actions: TransactionAction[] = items.slice(i, i + 100).map(({ value, etag }) => {
        const entity = this.encode(value);
        return etag ? ["update", entity, "Replace", { etag }] : ["create", entity];
      });
      try {
        await guard(() => this.client.submitTransaction(actions));
      } catch (error) {
        if (isConflict(error) || isPreconditionFailed(error) || isNotFound(error)) return false;
        throw error;
      }
    }
    return true;
  }

  /** Upserts many records of one partition in atomic batches of 100 (the service's limit). */
  async upsertMany(values: T[]): Promise<void> {
    const byPartition = new Map<string, TableEntity<Row>[]>();
    for (const value of values) {
      const entity = this.encode(value);
      const list = byPartition.get(entity.partitionKey) ?? [];
      list.push(entity);
      byPartition.set(entity.partitionKey, list);
    }
    for (const entities of byPartition.values()) {
      for (let i = 0; i < entities.length; i += 100) {
        const actions: TransactionAction[] = entities.slice(i, i + 100).map((e) => ["upsert", e, "Replace"]);
        await guard(() => this.client.submitTransaction(actions));
      }
    }
  }
}
