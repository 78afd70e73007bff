import { TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { SignOffRule, SignOffState, VOTE_OPTIONS, VoteOption } from "../bot/rules/signOff";
import { definedOnly, propertiesOf, Row } from "./entityTable";
import { AuditEntry } from "../bot/domain/types";
import { AuditOutbox, OutboxPlace, outsideOutbox, outboxRow } from "./auditOutbox";
import { Coalescer, freezeSnapshot, SharedRead } from "./coalesce";
import { CorruptEntityError, guard, isConflict, isNotFound, isPreconditionFailed } from "./errors";

// One sign-off is one partition: its header ("_signoff"), a marker that exists only while it is open
// ("_open"), and one row per voter. A vote is one atomic batch that also touches "_open", so a vote can
// never land on a decided sign-off; the tally is one partition read. Votes and reads arriving together
// are grouped into one batch and one read (coalesce.ts).

const HEADER = "_signoff";
const OPEN = "_open";

export interface CardCopyRef {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

export interface SignOff {
  partnershipId: string;
  id: string;
  title: string;
  link?: string;
  deadline: string;
  rule: SignOffRule;
  /** Voter key → the organisation (or person) shown on the tally, frozen when the vote opened. */
  eligible: Record<string, string>;
  state: SignOffState;
  createdBy: string;
  createdAt: string;
  meetingId?: string;
  card?: CardCopyRef;
  threaded: boolean;
  decidedAt?: string;
  /** The quorum status and who was present, when decided while a meeting was running (JSON). */
  quorumSnapshot?: string;
}

export interface Vote {
  voterKey: string;
  option: VoteOption;
  comment?: string;
  memberId: string;
  memberName: string;
  at: string;
}

export interface SignOffSnapshot {
  signOff?: SignOff;
  openEtag?: string;
  votes: Vote[];
}

const ruleSchema: z.ZodType<SignOffRule> = z.object({
  voters: z.enum(["statutory-organisations", "all-members"]),
  pass: z.union([z.object({ kind: z.literal("majority") }), z.object({ kind: z.literal("unanimous") }), z.object({ kind: z.literal("at-least"), count: z.number().int().min(1).max(500) })]),
});
const copySchema = z.object({ conversationId: z.string(), activityId: z.string(), serviceUrl: z.string() });
const headerSchema = z.object({
  title: z.string().min(1).max(200),
  link: z.string().url().max(2000).optional(),
  deadline: z.string(),
  rule: z.string().max(500),
  eligible: z.string().max(30_000),
  state: z.enum(["open", "approved", "rejected", "expired"]),
  createdBy: z.string().max(200),
  createdAt: z.string(),
  meetingId: z.string().max(40).optional(),
  card: z.string().max(2000).optional(),
  threaded: z.boolean(),
  decidedAt: z.string().optional(),
  quorumSnapshot: z.string().max(30_000).optional(),
});
const voteSchema = z.object({
  option: z.enum(VOTE_OPTIONS),
  comment: z.string().max(1000).optional(),
  memberId: z.string().max(64),
  memberName: z.string().max(120),
  at: z.string(),
});

export const signOffPartition = (partnershipId: string, id: string) => `${partnershipId}~${id}`;
/** Voter keys are organisation names: hex-encode them so no character can be a problem in a key. */
const voteRowKey = (voterKey: string) => "v" + Buffer.from(voterKey, "utf8").toString("hex");
const voterKeyOf = (rowKey: string) => Buffer.from(rowKey.slice(1), "hex").toString("utf8");


type VoteResult = "written" | "closed";
/** With `audit`, its entry is written in the vote's own batch (auditOutbox.ts): it survives a crash. */
type AuditedVote = Vote & { audit?: AuditEntry };
/** Outbox rows: neither the header, "_open" nor a voter's "v…" row, so reads pass over them. */
export const SIGNOFF_OUTBOX = "_audit~";

export class SignOffTable {
  private readonly reads = new SharedRead<SignOffSnapshot>();
  // A batch holds 100 operations: "_open" touched, and each vote's row and outbox row.
  private readonly votes = new Coalescer<AuditedVote, VoteResult>((partitionKey, votes) => this.voteGroup(partitionKey, votes), 49);
  readonly outboxPlace: OutboxPlace;

  constructor(
    readonly client: TableClient,
    private readonly outbox?: AuditOutbox,
  ) {
    this.outboxPlace = { client, prefix: SIGNOFF_OUTBOX };
  }

  /** Creates the sign-off open; false if that id exists (a redelivered request). */
  async create(signOff: SignOff): Promise<boolean> {
    const partitionKey = signOffPartition(signOff.partnershipId, signOff.id);
    const actions: TransactionAction[] = [
      ["create", this.headerEntity(signOff)],
      ["create", { partitionKey, rowKey: OPEN, at: signOff.createdAt }],
    ];
    return guard(async () => {
      try {
        await this.client.submitTransaction(actions);
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    });
  }

  /** Undoes a sign-off nobody could vote on (its card was never posted): its header and open marker. */
  async remove(partnershipId: string, id: string): Promise<void> {
    const partitionKey = signOffPartition(partnershipId, id);
    await guard(async () => {
      for (const rowKey of [OPEN, HEADER]) {
        try {
          await this.client.deleteEntity(partitionKey, rowKey);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    });
  }

  async saveHeader(signOff: SignOff): Promise<void> {
    await guard(() => this.client.upsertEntity(this.headerEntity(signOff), "Replace"));
  }

  /** The header, the open marker and every vote: one read started after this call, shared, frozen. */
  read(partnershipId: string, id: string): Promise<SignOffSnapshot> {
    const partition = signOffPartition(partnershipId, id);
    return this.reads.read(partition, () => this.readNow(partnershipId, id, partition));
  }

  private readNow(partnershipId: string, id: string, partition: string): Promise<SignOffSnapshot> {
    return guard(async () => {
      const snapshot: SignOffSnapshot = { votes: [] };
      const pages = this.client.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${partition.replace(/'/g, "''")}' and ${outsideOutbox(this.outboxPlace)}` } }).byPage({ maxPageSize: 1000 });
      for await (const page of pages) {
        for (const entity of page) {
          const key = String(entity.rowKey);
          if (key === HEADER) snapshot.signOff = this.decodeHeader(partnershipId, id, entity);
          else if (key === OPEN) snapshot.openEtag = entity.etag;
          else if (key.startsWith("v")) {
            const parsed = voteSchema.safeParse(propertiesOf(entity));
            if (!parsed.success) throw new CorruptEntityError(this.client.tableName, `${partition}/${key}`, parsed.error.message);
            snapshot.votes.push({ voterKey: voterKeyOf(key), ...parsed.data });
          }
        }
      }
      return freezeSnapshot(snapshot);
    });
  }

  /** Every sign-off of a partnership (headers only), across its partitions. */
  async list(partnershipId: string): Promise<SignOff[]> {
    const from = `${partnershipId}~`;
    const to = `${partnershipId}~~`;
    return guard(async () => {
      const out: SignOff[] = [];
      const filter = `PartitionKey ge '${from}' and PartitionKey lt '${to}' and RowKey eq '${HEADER}'`;
      for await (const page of this.client.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) {
        for (const entity of page) out.push(this.decodeHeader(partnershipId, String(entity.partitionKey).slice(from.length), entity));
      }
      return out;
    });
  }

  /** A vote in one round trip; "closed" when the sign-off is no longer open, and nothing is written. */
  vote(partnershipId: string, id: string, vote: Vote, audit?: AuditEntry): Promise<VoteResult> {
    return this.votes.submit(signOffPartition(partnershipId, id), { ...vote, audit });
  }

  /** Votes that arrived together, as one batch; two from one organisation go one after the other. */
  private async voteGroup(partitionKey: string, votes: AuditedVote[]): Promise<VoteResult[]> {
    if (votes.length > 1 && new Set(votes.map((v) => v.voterKey)).size === votes.length) return this.voteBatch(partitionKey, votes);
    const results: VoteResult[] = [];
    for (const v of votes) results.push(...(await this.voteBatch(partitionKey, [v])));
    return results;
  }

  /** Touches "_open" (so nothing lands once decided) and writes each voter's row; all or nothing. */
  private voteBatch(partitionKey: string, votes: AuditedVote[]): Promise<VoteResult[]> {
    const lastVoteAt = votes.reduce((latest, v) => (v.at > latest ? v.at : latest), "");
    const boxes = votes.flatMap((v) => (v.audit ? [outboxRow(this.outboxPlace, partitionKey, v.audit)] : []));
    const actions: TransactionAction[] = [
      ["update", { partitionKey, rowKey: OPEN, lastVoteAt }, "Merge", { etag: "*" }],
      ...votes.map(({ voterKey, audit: _audit, ...fields }): TransactionAction => ["upsert", { partitionKey, rowKey: voteRowKey(voterKey), ...definedOnly(voteSchema.parse(fields)) }, "Replace"]),
      ...boxes.map((b) => b.action),
    ];
    return guard(async () => {
      try {
        await this.client.submitTransaction(actions);
        this.outbox?.relayLater(this.outboxPlace, boxes.map((b) => b.row));
        return votes.map(() => "written" as const);
      } catch (error) {
        if (isNotFound(error)) return votes.map(() => "closed" as const);
        throw error;
      }
    });
  }

  /** Closes voting: exactly one caller wins (true), whoever else tries at the same moment. */
  async close(partnershipId: string, id: string): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.deleteEntity(signOffPartition(partnershipId, id), OPEN);
        return true;
      } catch (error) {
        if (isNotFound(error) || isPreconditionFailed(error)) return false;
        throw error;
      }
    });
  }

  async claimMarker(partnershipId: string, id: string, name: string, at: string): Promise<boolean> {
    return guard(async () => {
      try {
        await this.client.createEntity({ partitionKey: signOffPartition(partnershipId, id), rowKey: `_${name}`, at });
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    });
  }

  private headerEntity(s: SignOff): TableEntity<Row> {
    const row = headerSchema.parse({
      title: s.title,
      link: s.link,
      deadline: s.deadline,
      rule: JSON.stringify(s.rule),
      eligible: JSON.stringify(s.eligible),
      state: s.state,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      meetingId: s.meetingId,
      card: s.card && JSON.stringify(s.card),
      threaded: s.threaded,
      decidedAt: s.decidedAt,
      quorumSnapshot: s.quorumSnapshot,
    });
    return { partitionKey: signOffPartition(s.partnershipId, s.id), rowKey: HEADER, ...definedOnly(row) };
  }

  private decodeHeader(partnershipId: string, id: string, entity: Record<string, unknown>): SignOff {
    const parsed = headerSchema.safeParse(propertiesOf(entity));
    if (!parsed.success) throw new CorruptEntityError(this.client.tableName, `${partnershipId}~${id}/${HEADER}`, parsed.error.message);
    const r = parsed.data;
    return {
      ...r,
      partnershipId,
      id,
      rule: ruleSchema.parse(JSON.parse(r.rule)),
      eligible: z.record(z.string(), z.string()).parse(JSON.parse(r.eligible)),
      card: r.card ? copySchema.parse(JSON.parse(r.card)) : undefined,
    };
  }
}
