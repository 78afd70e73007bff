import { Partnership } from "./domain/types";
import { MemberRecord, Store } from "../storage/store";

// The hot paths (a check-in) must not read the roster from storage every time: it changes rarely and
// is kept here for a short time. This instance's own roster and settings writes drop the entry at once;
// another instance's changes show within the TTL plus one reload, which runs behind a stale answer.

export interface CachedBoard {
  partnership: Partnership;
  roster: MemberRecord[];
}

interface Entry {
  at: number;
  value: Promise<CachedBoard | undefined>;
  refreshing?: boolean;
}

export class BoardCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(partnershipId: string): Promise<CachedBoard | undefined> {
    const hit = this.entries.get(partnershipId);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.value;
    // Stale: answer from what we have and reload behind it, so no press waits for the reload.
    if (hit) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        this.load(partnershipId).then(
          (board) => {
            if (this.entries.get(partnershipId) === hit) this.entries.set(partnershipId, { at: this.clock(), value: Promise.resolve(board) });
          },
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value;
    }
    const value = this.load(partnershipId);
    this.entries.set(partnershipId, { at: this.clock(), value });
    // A failed load (an outage) must not be remembered, nor a board that doesn't exist: card data can
    // name any id, and remembering each would let made-up ids fill the cache.
    value.then(
      (board) => {
        if (board === undefined && this.entries.get(partnershipId)?.value === value) this.entries.delete(partnershipId);
      },
      () => this.entries.delete(partnershipId),
    );
    return value;
  }

  put(board: CachedBoard): void {
    this.entries.set(board.partnership.id, { at: this.clock(), value: Promise.resolve(board) });
  }

  invalidate(partnershipId: string): void {
    this.entries.delete(partnershipId);
  }

  private async load(partnershipId: string): Promise<CachedBoard | undefined> {
    const [found, roster] = await Promise.all([
      this.store.partnerships.get(partnershipId, "settings"),
      this.store.members.list(partnershipId),
    ]);
    return found ? { partnership: found.value, roster } : undefined;
  }
}
