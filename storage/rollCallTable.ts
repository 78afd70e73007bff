import { TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { Attendance, RollCall } from "../bot/domain/types";
import { attendanceCodec, attendancePartition } from "./attendanceTable";
import { definedOnly, propertiesOf, Row } from "./entityTable";
import { Coalescer, freezeSnapshot, SharedRead } from "./coalesce";
import { CorruptEntityError, guard, isConflict, isNotFound, isPreconditionFailed, statusOf } from "./errors";
import { AuditEntry } from "../bot/domain/types";
import { AuditOutbox, OutboxPlace, outsideOutbox, OutboxRow, outboxRow } from "./auditOutbox";

// A meeting's roll call lives in its attendance partition: one row for the roll itself ("_roll"), one
// for the last announced quorum status ("_quorum"), and one row per person. The card is rebuilt from a
// single partition read, and a check-in is one atomic batch. Check-ins and reads arriving together are
// grouped (coalesce.ts): a burst of thirty costs a few batches and a few reads, not thirty of each.

const ROLL = "_roll";
const QUORUM = "_quorum";

const rollSchema = z.object({
  state: z.enum(["open", "closed"]),
  conversationId: z.string().max(400),
  serviceUrl: z.string().max(400),
  activityId: z.string().max(400).optional(),
  threaded: z.boolean(),
  meetingTitle: z.string().max(120),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  location: z.string().max(200).optional(),
  openedAt: z.string(),
  openedBy: z.string().max(200),
  closedAt: z.string().optional(),
  closingQuorum: z.string().max(30_000).optional(),
  touchedAt: z.string().optional(),
});

const quorumSchema = z.object({ quorate: z.boolean(), changedAt: z.string() });

export interface RollCallSnapshot {
  roll?: RollCall;
  quorumMark?: { quorate: boolean; changedAt: string; etag: string };
  attendance: (Attendance & { etag: string })[];
}

export type CheckInResult = "written" | "exists" | "no-roll";
/** With `audit`, its entry is written in the check-in's own batch (auditOutbox.ts): it survives a crash. */
type CheckIn = Attendance & { partnershipId: string; audit?: AuditEntry };

/** Outbox rows sort before every person's row and are skipped by reads, like the other "_" markers. */
export const ATTENDANCE_OUTBOX = "_audit~";

export class RollCallTable {
  private readonly reads = new SharedRead<RollCallSnapshot>();
  // A batch holds 100 operations: the roll's touch, and each check-in's row and outbox row.
  private readonly checkIns = new Coalescer<CheckIn, CheckInResult>((partitionKey, records) => this.checkInGroup(partitionKey, records), 49);
  readonly outboxPlace: OutboxPlace;

  constructor(
    readonly client: TableClient,
    private readonly outbox?: AuditOutbox,
  ) {
    this.outboxPlace = { client, prefix: ATTENDANCE_OUTBOX };
  }

  /** Opens the roll; false when it exists already (one roll per meeting). */
  async open(roll: RollCall): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.createEntity(this.rollEntity(roll));
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    });
  }

  async saveRoll(roll: RollCall): Promise<void> {
    await guard(() => this.client.upsertEntity(this.rollEntity(roll), "Replace"));
  }

  async deleteRoll(partnershipId: string, meetingId: string): Promise<void> {
    await guard(async () => {
      try {
        await this.client.deleteEntity(attendancePartition(partnershipId, meetingId), ROLL);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  /**
   * Everything the roll-call card shows, in one partition query that started after this call (so it
   * sees the caller's own writes), shared with whoever else asked meanwhile. Read-only: it is frozen.
   */
  read(partnershipId: string, meetingId: string): Promise<RollCallSnapshot> {
    const partition = attendancePartition(partnershipId, meetingId);
    return this.reads.read(partition, () => this.readNow(partnershipId, meetingId, partition));
  }

  private readNow(partnershipId: string, meetingId: string, partition: string): Promise<RollCallSnapshot> {
    return guard(async () => {
      const snapshot: RollCallSnapshot = { attendance: [] };
      const pages = this.client
        .listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${partition.replace(/'/g, "''")}' and ${outsideOutbox(this.outboxPlace)}` } })
        .byPage({ maxPageSize: 1000 });
      for await (const page of pages) {
        for (const entity of page) {
          const row = propertiesOf(entity);
          if (entity.rowKey === ROLL) {
            const parsed = rollSchema.safeParse(row);
            if (!parsed.success) throw new CorruptEntityError(this.client.tableName, `${partition}/${ROLL}`, parsed.error.message);
            const { touchedAt: _touched, ...roll } = parsed.data;
            snapshot.roll = { partnershipId, meetingId, ...roll };
          } else if (entity.rowKey === QUORUM) {
            const parsed = quorumSchema.safeParse(row);
            if (parsed.success) snapshot.quorumMark = { ...parsed.data, etag: entity.etag };
          } else if (String(entity.rowKey).startsWith("_")) {
            continue; // markers (reminders sent, forecasts given) are not attendance
          } else {
            const parsed = attendanceCodec.schema.safeParse(row);
            if (!parsed.success) throw new CorruptEntityError(this.client.tableName, `${partition}/${entity.rowKey}`, parsed.error.message);
            const record = attendanceCodec.fromRow(parsed.data, { partitionKey: partition, rowKey: String(entity.rowKey) });
            snapshot.attendance.push({ ...record, etag: entity.etag ?? "*" });
          }
        }
      }
      return freezeSnapshot(snapshot);
    });
  }

  /**
   * A first check-in in one round trip: the batch touches the roll row (so it fails if there is no such
   * roll) and creates the person's row (so it fails if they already have one). All or nothing.
   */
  checkIn(record: CheckIn): Promise<CheckInResult> {
    return this.checkIns.submit(attendancePartition(record.partnershipId, record.meetingId), record);
  }

  /**
   * Check-ins that arrived together, as one batch: the roll touched once and everyone's row created.
   * If someone already has a row the batch fails as a whole, and each is then tried on its own.
   */
  private async checkInGroup(partitionKey: string, records: CheckIn[]): Promise<CheckInResult[]> {
    const distinct = new Set(records.map((r) => r.memberId)).size === records.length;
    if (records.length === 1 || !distinct) return this.oneByOne(partitionKey, records, distinct);
    const touchedAt = records.reduce((latest, r) => (r.recordedAt > latest ? r.recordedAt : latest), "");
    const boxes = this.boxesFor(partitionKey, records);
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: ROLL, touchedAt }, "Merge", { etag: "*" }],
      ...records.map((r): TransactionAction => ["create", this.attendanceEntity(r)]),
      ...boxes.map((b) => b.action),
    ];
    return guard(async () => {
      try {
        await this.client.submitTransaction(actions);
        this.relay(boxes);
        return records.map(() => "written" as const);
      } catch (error) {
        if (isNotFound(error)) return records.map(() => "no-roll" as const);
        if (isConflict(error)) return this.oneByOne(partitionKey, records, true);
        throw error;
      }
    });
  }

  /** The same member twice in a group (a retried delivery) goes in arrival order; others side by side. */
  private async oneByOne(partitionKey: string, records: CheckIn[], parallel: boolean): Promise<CheckInResult[]> {
    if (parallel) return Promise.all(records.map((r) => this.checkInAlone(partitionKey, r)));
    const results: CheckInResult[] = [];
    for (const r of records) results.push(await this.checkInAlone(partitionKey, r));
    return results;
  }

  private checkInAlone(partitionKey: string, record: CheckIn): Promise<CheckInResult> {
    const boxes = this.boxesFor(partitionKey, [record]);
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: ROLL, touchedAt: record.recordedAt }, "Merge", { etag: "*" }],
      ["create", this.attendanceEntity(record)],
      ...boxes.map((b) => b.action),
    ];
    return guard(async () => {
      try {
        await this.client.submitTransaction(actions);
        this.relay(boxes);
        return "written";
      } catch (error) {
        if (isNotFound(error)) return "no-roll";
        if (isConflict(error)) return "exists";
        throw error;
      }
    });
  }

  /** Changes one person's row; with an ETag it only succeeds if nobody changed it since it was read. */
  async writeAttendance(record: Attendance & { partnershipId: string }, etag?: string): Promise<boolean> {
    const entity = this.attendanceEntity(record);
    return guard(async () => {
      try {
        if (etag) await this.client.updateEntity(entity, "Replace", { etag });
        else await this.client.createEntity(entity);
        return true;
      } catch (error) {
        if (isPreconditionFailed(error) || isConflict(error) || isNotFound(error)) return false;
        throw error;
      }
    });
  }

  /** Records a quorum change once: only the writer holding the current ETag wins the announcement. */
  async markQuorum(partnershipId: string, meetingId: string, quorate: boolean, at: string, etag?: string): Promise<boolean> {
    const entity: TableEntity<Row> = { partitionKey: attendancePartition(partnershipId, meetingId), rowKey: QUORUM, quorate, changedAt: at };
    return guard(async () => {
      try {
        if (etag) await this.client.updateEntity(entity, "Replace", { etag });
        else await this.client.createEntity(entity);
        return true;
      } catch (error) {
        if (isPreconditionFailed(error) || isConflict(error) || statusOf(error) === 404) return false;
        throw error;
      }
    });
  }

  /**
   * Claims a one-off job for this meeting (a reminder, a forecast): true for exactly one caller across
   * every instance, because only one create of the same key can succeed.
   */
  async claimMarker(partnershipId: string, meetingId: string, name: string, at: string): Promise<boolean> {
    const entity: TableEntity<Row> = { partitionKey: attendancePartition(partnershipId, meetingId), rowKey: `_${name}`, claimedAt: at };
    return guard(async () => {
      try {
        await this.client.createEntity(entity);
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    });
  }

  /** Gives a claim back when the job failed, so the next attempt (on any instance) can do it. */
  async releaseMarker(partnershipId: string, meetingId: string, name: string): Promise<void> {
    await guard(async () => {
      try {
        await this.client.deleteEntity(attendancePartition(partnershipId, meetingId), `_${name}`);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  /** Removes one person's row (an apology undone); false if it changed since it was read. */
  async deleteAttendance(partnershipId: string, meetingId: string, memberId: string, etag: string): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.deleteEntity(attendancePartition(partnershipId, meetingId), memberId, { etag });
        return true;
      } catch (error) {
        if (isPreconditionFailed(error) || isNotFound(error)) return false;
        throw error;
      }
    });
  }

  private rollEntity(roll: RollCall): TableEntity<Row> {
    const { partnershipId, meetingId, ...rest } = roll;
    return { partitionKey: attendancePartition(partnershipId, meetingId), rowKey: ROLL, ...definedOnly(rollSchema.parse(rest)) };
  }

  private boxesFor(partitionKey: string, records: CheckIn[]): { row: OutboxRow; action: TransactionAction }[] {
    return records.flatMap((r) => (r.audit ? [outboxRow(this.outboxPlace, partitionKey, r.audit)] : []));
  }

  /** After the answer: the entries go to the audit table (with no outbox, this store writes none). */
  private relay(boxes: { row: OutboxRow }[]): void {
    this.outbox?.relayLater(this.outboxPlace, boxes.map((b) => b.row));
  }

  private attendanceEntity(record: Attendance & { partnershipId: string }): TableEntity<Row> {
    return { ...attendanceCodec.keys(record), ...definedOnly(attendanceCodec.schema.parse(attendanceCodec.toRow(record))) };
  }
}
