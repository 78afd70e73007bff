import { odata } from "@azure/data-tables";
import { Delivery } from "./deliveryTable";
import { EntityTable } from "./entityTable";
import { escapeKey } from "./keys";

// Delivery claims only matter while Teams may still redeliver (seconds to minutes). Left alone they grow
// by one row per writing activity forever; this deletes those older than a day. Any number of instances
// run it: one claims each hour's round (a marker row that is itself a claim, swept a day later), and
// each claim is deleted against the ETag it was read with, so two sweeps that overlap never both count
// one row, and a claim re-taken meanwhile (its ETag changed) is left for the next round.

export const CLAIM_MAX_AGE_MS = 86_400_000;
const ROUND_PARTITION = "_sweep";
/** Deletes in flight at once: a sweep is background work and must not crowd out the answers. */
const PARALLEL = 8;

export interface SweepResult {
  /** False when another instance had already claimed this hour's round. */
  ran: boolean;
  deleted: number;
}

export async function sweepDeliveries(
  deliveries: EntityTable<Delivery>,
  now: Date,
  options: { claimRound?: boolean; maxAgeMs?: number } = {},
): Promise<SweepResult> {
  if (options.claimRound ?? true) {
    const round = now.toISOString().slice(0, 13); // one round per hour, across every instance
    if (!(await deliveries.create({ conversationKey: ROUND_PARTITION, activityId: round, claimedAt: now.toISOString(), done: true }))) {
      return { ran: false, deleted: 0 };
    }
  }
  const cutoff = new Date(now.getTime() - (options.maxAgeMs ?? CLAIM_MAX_AGE_MS)).toISOString();
  let deleted = 0;
  // Paged: a year of claims is never held in memory at once.
  for await (const page of deliveries.pagesVersioned(odata`claimedAt lt ${cutoff}`)) {
    for (let i = 0; i < page.length; i += PARALLEL) {
      const results = await Promise.all(
        page.slice(i, i + PARALLEL).map(({ value, etag }) => deliveries.deleteIf(escapeKey(value.conversationKey), escapeKey(value.activityId), etag)),
      );
      deleted += results.filter(Boolean).length;
    }
  }
  return { ran: true, deleted };
}
