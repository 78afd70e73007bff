import { TableClient, TableEntity } from "@azure/data-tables";
import { Row } from "./entityTable";
import { guard, isConflict, isNotFound, isPreconditionFailed } from "./errors";
import { escapeKey } from "./keys";

// What every instance must agree on before it sends to Teams, one partition per conversation:
// - "_pace": the conversation's recent sends (Teams limits the bot as a whole, not each process), as
//   times within the shortest windows plus a count per minute for the hour;
// - "card~<activity>": a short lease on one posted message, so that its updates go one at a time across
//   instances and the last one sent was rendered from a read after every change (see cardUpdater.ts).
// Every write is ETag-conditional; a process remembers the last version it wrote, so an uncontended
// send costs one round trip here, a contended one a read more.

export interface PaceWindow {
  limit: number;
  ms: number;
}

const PACE = "_pace";
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Instances' clocks and the hop to Teams differ a little: each stored send counts this much longer. */
export const CLOCK_SLACK_MS = 150;
/** Conversations whose last stored version a process remembers. */
const REMEMBERED = 5_000;

interface PaceState {
  /** Send times (ms) inside the longest window below an hour. */
  stamps: number[];
  /** Sends per minute (minute number → count) over the last hour. */
  minutes: Record<string, number>;
  etag?: string;
}

export interface Lease {
  /** The version this holder wrote: release and renew are conditional on it. */
  etag: string;
  /** Whoever sent this message's previous update was this process: its newest local state is current. */
  lastWasMine: boolean;
}

export type LeaseAttempt = { held: Lease } | { heldElsewhere: true; until: number };

export class SendTable {
  private readonly paces = new Map<string, PaceState>();
  /** Leases this process gave back last, with the version it wrote: the next take tries that first. */
  private readonly released = new Map<string, Row & { etag: string }>();
  /** Messages this process posted and nobody has leased yet: their first lease is an insert, with no read first. */
  private readonly posted = new Set<string>();

  constructor(
    readonly client: TableClient,
    /** Who this process is, in leases. */
    readonly instance: string,
  ) {}

  /**
   * Records one send to `conversation` if it fits every window across all instances: 0. Otherwise how
   * long until it might (ms), and nothing is recorded.
   */
  async takeSend(conversation: string, windows: PaceWindow[], now: () => number): Promise<number> {
    const pk = escapeKey(conversation);
    for (let attempt = 0; attempt < 20; attempt++) {
      const state = this.paces.get(pk) ?? (await this.readPace(pk));
      const at = now();
      const wait = waitFor(state, windows, at);
      // The state may be stale (another instance sent since): the write below is conditional on its
      // version, so a stale state costs a failed write and a read, never a send over the limit. Kept
      // across a wait: reading afresh after every wait cost a round trip per paced send.
      if (wait > 0) return wait;
      const short = Math.max(0, ...windows.filter((w) => w.ms < HOUR).map((w) => w.ms)) + CLOCK_SLACK_MS;
      const minute = Math.floor(at / MINUTE);
      const minutes: Record<string, number> = {};
      for (const [m, n] of Object.entries(state.minutes)) if (Number(m) > minute - 62) minutes[m] = n;
      minutes[minute] = (minutes[minute] ?? 0) + 1;
      const next: PaceState = { stamps: [...state.stamps.filter((t) => at - t < short), at], minutes };
      const etag = await this.writePace(pk, next, state.etag);
      if (etag) {
        this.remember(pk, { ...next, etag });
        return 0;
      }
      this.paces.delete(pk);
    }
    throw new Error("The conversation's send allowance kept changing");
  }

  /** A message this process just posted: it has no lease row yet (if another instance made one since, the insert says so). */
  justPosted(conversation: string, activityId: string): void {
    this.posted.add(`${escapeKey(conversation)}|card~${escapeKey(activityId)}`);
    while (this.posted.size > REMEMBERED) this.posted.delete(this.posted.values().next().value as string);
  }

  /** Takes the lease on a message for `ms`, or, if another instance holds it, marks that it is wanted again. */
  async takeLease(conversation: string, activityId: string, ms: number, now: number): Promise<LeaseAttempt> {
    const pk = escapeKey(conversation);
    const rk = `card~${escapeKey(activityId)}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const cached = attempt === 0 ? this.released.get(`${pk}|${rk}`) : undefined;
      this.released.delete(`${pk}|${rk}`);
      const absent = this.posted.delete(`${pk}|${rk}`) && attempt === 0 && !cached;
      const current = cached ?? (absent ? undefined : await this.readRow(pk, rk));
      const holder = String(current?.holder ?? "");
      const until = Number(current?.until ?? 0);
      const free = !holder || holder === this.instance || until <= now;
      const row: Row = free
        ? { holder: this.instance, until: now + ms, dirty: false, last: String(current?.last ?? "") }
        : { holder, until, dirty: true, last: String(current?.last ?? "") };
      const etag = await this.writeRow(pk, rk, row, current?.etag);
      if (!etag) continue;
      if (!free) return { heldElsewhere: true, until };
      // Marked while it was free means another instance's change came after the last send.
      const lastWasMine = current?.last === this.instance && current?.dirty !== true;
      return { held: { etag, lastWasMine } };
    }
    throw new Error("The message's lease kept changing");
  }

  /**
   * Gives the lease back after a send. False when another instance marked the message meanwhile: the
   * lease is kept (renewed for `ms`, the mark cleared) and the caller must read afresh and send again.
   */
  async releaseLease(conversation: string, activityId: string, lease: Lease, ms: number, now: number): Promise<boolean> {
    const pk = escapeKey(conversation);
    const rk = `card~${escapeKey(activityId)}`;
    const free: Row = { holder: "", until: 0, dirty: false, last: this.instance };
    const freed = await this.writeRow(pk, rk, free, lease.etag);
    if (freed) {
      this.released.set(`${pk}|${rk}`, { ...free, etag: freed });
      while (this.released.size > REMEMBERED) this.released.delete(this.released.keys().next().value as string);
      return true;
    }
    const current = await this.readRow(pk, rk);
    // Gone, or the lease lapsed and another instance has it: that one sends what is newest.
    if (!current || current.holder !== this.instance) return true;
    const etag = await this.writeRow(pk, rk, { holder: this.instance, until: now + ms, dirty: false, last: this.instance }, current.etag);
    if (!etag) return this.releaseLease(conversation, activityId, { ...lease, etag: "" }, ms, now);
    lease.etag = etag;
    lease.lastWasMine = false;
    return false;
  }

  /** Whether a mark this process left is still waiting (true), or was taken up by the holder (false). */
  async stillMarked(conversation: string, activityId: string, now: number): Promise<{ marked: boolean; until: number }> {
    const current = await this.readRow(escapeKey(conversation), `card~${escapeKey(activityId)}`);
    return { marked: current?.dirty === true, until: Number(current?.until ?? 0) > now ? Number(current?.until) : 0 };
  }

  private async readPace(pk: string): Promise<PaceState> {
    const row = await this.readRow(pk, PACE);
    if (!row) return { stamps: [], minutes: {} };
    const parse = <T>(text: unknown, fallback: T): T => {
      try {
        return typeof text === "string" ? (JSON.parse(text) as T) : fallback;
      } catch {
        return fallback;
      }
    };
    const stamps = parse<unknown[]>(row.stamps, []).filter((t): t is number => typeof t === "number");
    return { stamps, minutes: parse<Record<string, number>>(row.minutes, {}), etag: row.etag };
  }

  private writePace(pk: string, state: PaceState, etag?: string): Promise<string | undefined> {
    return this.writeRow(pk, PACE, { stamps: JSON.stringify(state.stamps), minutes: JSON.stringify(state.minutes) }, etag);
  }

  private remember(pk: string, state: PaceState): void {
    this.paces.delete(pk);
    this.paces.set(pk, state);
    while (this.paces.size > REMEMBERED) this.paces.delete(this.paces.keys().next().value as string);
  }

  private async readRow(pk: string, rk: string): Promise<(Row & { etag: string }) | undefined> {
    return guard(async () => {
      try {
        const entity = await this.client.getEntity<Row>(pk, rk);
        return { ...entity, etag: entity.etag };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Writes if the row is still at `etag` (or, with none, does not exist yet); the new ETag, or undefined. */
  private async writeRow(pk: string, rk: string, row: Row, etag?: string): Promise<string | undefined> {
    const entity: TableEntity<Row> = { partitionKey: pk, rowKey: rk, ...row };
    return guard(async () => {
      try {
        const written = etag ? await this.client.updateEntity(entity, "Replace", { etag }) : await this.client.createEntity(entity);
        return written.etag ?? "*";
      } catch (error) {
        if (isPreconditionFailed(error) || isConflict(error) || isNotFound(error)) return undefined;
        throw error;
      }
    });
  }
}

/** How long until one more send fits every window (0: now). */
function waitFor(state: PaceState, windows: PaceWindow[], now: number): number {
  let wait = 0;
  const times = [...state.stamps].sort((a, b) => b - a);
  for (const w of windows) {
    if (w.limit <= 0) continue;
    if (w.ms >= HOUR) {
      const minute = Math.floor(now / MINUTE);
      // Every minute that overlaps the last hour counts whole: never over the limit in any sliding hour.
      const inHour = Object.entries(state.minutes).reduce((n, [m, c]) => (Number(m) > minute - 61 ? n + c : n), 0);
      if (inHour >= w.limit) wait = Math.max(wait, MINUTE - (now % MINUTE));
      continue;
    }
    const span = w.ms + CLOCK_SLACK_MS;
    const inWindow = times.filter((t) => now - t < span);
    if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[w.limit - 1]! + span - now);
  }
  return wait;
}
