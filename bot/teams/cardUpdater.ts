import { AdaptiveCard } from "../../cards/render";
import { Logger } from "../log";
import { ConversationTarget, Proactive } from "./proactive";

// Keeps a shared card in step with the records when many people press at once. Per message: at most
// one update in flight; requests that arrive meanwhile collapse into one more update, rendered from
// storage just before it is sent, so the newest state always goes last and none is sent twice.

const MAX_ATTEMPTS = 6;
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

interface Slot {
  dirty: boolean;
  /** The newest state asked for; an older one arriving late is ignored. */
  version: number;
  running?: Promise<void>;
  target: ConversationTarget;
  activityId: string;
  render: () => Promise<AdaptiveCard | undefined>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Status and Retry-After from whatever the connector client threw. */
export function throttleOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(n: string): string | undefined } & Record<string, unknown> } };
  const status = e?.statusCode ?? e?.response?.status;
  const headers = e?.response?.headers;
  const raw = headers?.get?.("retry-after") ?? (headers?.["retry-after"] as string | undefined);
  const seconds = raw !== undefined ? Number(raw) : NaN;
  return { status, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined };
}

export class CardUpdater {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly proactive: Proactive,
    private readonly log: Logger,
  ) {}

  /**
   * Asks for the shared card to show a state; returns at once. `version` orders states: a higher one was
   * read after a lower one, so the lower one is never sent after it.
   */
  request(target: ConversationTarget, activityId: string, version: number, render: () => Promise<AdaptiveCard | undefined>): void {
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
      slot.dirty = false;
      try {
        const card = await slot.render();
        if (card) await this.proactive.update(slot.target, slot.activityId, card);
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
}
