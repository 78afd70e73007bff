import { AdaptiveCard } from "../../cards/render";
import { Logger } from "../log";
import { ConversationTarget, Proactive } from "./proactive";
import { limitKey } from "./rateLimiter";
import { throttleOf } from "./throttle";

export { throttleOf };

// Keeps a shared card in step with the records when many people press at once. Per message: at most
// one update in flight; requests that arrive meanwhile collapse into one more update, rendered from
// storage just before it is sent, so the newest state always goes last and none is sent twice.
//
// Across instances the same holds through a short lease per message in storage (storage/sendTable.ts):
// only the holder sends; an instance whose change comes while another holds it marks the message, and
// the holder, when it gives the lease back, finds the mark, reads afresh and sends again. A holder that
// did not send the previous update itself reads afresh first, since its own state may predate another
// instance's. So the last update sent was read after the last change, whichever instance made it.

/** The per-message lease, as storage keeps it. */
export interface CardLeases {
  takeLease(conversation: string, activityId: string, ms: number, now: number): Promise<{ held: { etag: string; lastWasMine: boolean } } | { heldElsewhere: true; until: number }>;
  releaseLease(conversation: string, activityId: string, lease: { etag: string; lastWasMine: boolean }, ms: number, now: number): Promise<boolean>;
  stillMarked(conversation: string, activityId: string, now: number): Promise<{ marked: boolean; until: number }>;
}

/** Longer than any one update takes (a slow Teams answer included); a dead holder's lease lapses after it. */
export const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 6;
/** Longest a card update waits for the answers in progress (answering.ts) before it goes anyway. */
export const QUIET_MS = 250;
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

interface Slot {
  dirty: boolean;
  /** The newest state asked for; an older one arriving late is ignored. */
  version: number;
  running?: Promise<void>;
  target: ConversationTarget;
  activityId: string;
  render: () => Promise<AdaptiveCard | undefined>;
  /** Reads storage afresh and renders: for when another instance may have changed it since `render` was read. */
  reload?: () => Promise<AdaptiveCard | undefined>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CardUpdater {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly proactive: Proactive,
    private readonly log: Logger,
    /** Shared with the other instances; without it, this process is taken to be the only one. */
    private readonly leases?: CardLeases,
    /** Answers in progress, which go first (answering.ts). */
    private readonly answering?: { quiet(maxMs: number): Promise<void> },
  ) {}

  /**
   * Asks for the shared card to show a state; returns at once. `version` orders states: a higher one was
   * read after a lower one, so the lower one is never sent after it.
   */
  request(
    target: ConversationTarget,
    activityId: string,
    version: number,
    render: () => Promise<AdaptiveCard | undefined>,
    reload?: () => Promise<AdaptiveCard | undefined>,
  ): void {
    const key = `${target.conversationId.split(";")[0]}|${activityId}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { dirty: false, version, target, activityId, render };
      this.slots.set(key, slot);
    } else if (version < slot.version) {
      return;
    }
    slot.version = version;
    slot.dirty = true;
    slot.render = render;
    slot.reload = reload ?? slot.reload;
    if (!slot.running) {
      const current = slot;
      current.running = this.drain(current).finally(() => {
        current.running = undefined;
        if (!current.dirty) this.slots.delete(key);
      });
    }
  }

  /** Resolves when no update is pending: for shutdown and tests. */
  async idle(): Promise<void> {
    while ([...this.slots.values()].some((s) => s.running)) {
      await Promise.all([...this.slots.values()].map((s) => s.running));
    }
  }

  private async drain(slot: Slot): Promise<void> {
    let attempts = 0;
    while (slot.dirty) {
      try {
        await this.answering?.quiet(QUIET_MS);
        slot.dirty = false;
        if (this.leases) await this.sendLeased(slot, this.leases);
        else await this.send(slot, slot.render);
        attempts = 0;
      } catch (error) {
        const { status, retryAfterMs } = throttleOf(error);
        attempts++;
        if (attempts >= MAX_ATTEMPTS || (status !== undefined && !RETRYABLE.has(status) && status < 500)) {
          this.log.error("card.update_failed", { activity: slot.activityId, status, attempts, error });
          return;
        }
        // Back off with jitter; honour Retry-After when Teams gives one.
        const backoff = retryAfterMs ?? Math.min(8000, 250 * 2 ** attempts);
        this.log.warn("card.update_retry", { activity: slot.activityId, status, waitMs: backoff });
        slot.dirty = true;
        await sleep(backoff + Math.random() * 100);
      }
    }
  }

  private async send(slot: Slot, render: () => Promise<AdaptiveCard | undefined>): Promise<void> {
    const card = await render();
    if (card) await this.proactive.update(slot.target, slot.activityId, card);
  }

  /** One turn at the message's lease: send until nothing newer is wanted, here or elsewhere. */
  private async sendLeased(slot: Slot, leases: CardLeases): Promise<void> {
    const conversation = limitKey(slot.target.conversationId);
    const attempt = await leases.takeLease(conversation, slot.activityId, LEASE_MS, Date.now());
    if ("heldElsewhere" in attempt) return this.awaitHolder(slot, leases, conversation, attempt.until);
    const lease = attempt.held;
    let fresh = !lease.lastWasMine && slot.reload !== undefined;
    try {
      for (;;) {
        await this.send(slot, fresh ? slot.reload! : slot.render);
        if (slot.dirty) {
          slot.dirty = false; // a newer change here: send it under the same lease
          continue;
        }
        if (await leases.releaseLease(conversation, slot.activityId, lease, LEASE_MS, Date.now())) return;
        // Another instance changed it while this one held the lease: read afresh from now on.
        fresh = slot.reload !== undefined;
      }
    } catch (error) {
      await leases.releaseLease(conversation, slot.activityId, lease, LEASE_MS, Date.now()).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Another instance holds the lease and has been told this message is wanted again. It takes that up
   * when it gives the lease back; if it died instead, the lease lapses and this instance sends.
   */
  private async awaitHolder(slot: Slot, leases: CardLeases, conversation: string, until: number): Promise<void> {
    for (;;) {
      await sleep(Math.min(250, Math.max(50, until - Date.now() + 50)));
      const state = await leases.stillMarked(conversation, slot.activityId, Date.now());
      if (!state.marked) return; // taken up by the holder
      if (state.until === 0) {
        slot.dirty = true; // lapsed: this instance sends
        return;
      }
      until = state.until;
    }
  }
}
