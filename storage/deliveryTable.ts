import { z } from "zod";
import { Codec } from "./entityTable";
import { escapeKey, unescapeKey } from "./keys";

/** Claims on inbound activity ids: Teams redelivers, and a command must not run twice. */
export interface Delivery {
  conversationKey: string;
  activityId: string;
  claimedAt: string;
  /** False while the work runs: a claim left unfinished (the process died, storage went) can be taken over. */
  done?: boolean;
  /** When the activity was first claimed: a late redelivery that takes the work over keeps it. */
  firstClaimedAt?: string;
}

const schema = z.object({ claimedAt: z.string(), done: z.boolean().optional(), firstClaimedAt: z.string().optional() });

export const deliveryCodec: Codec<Delivery> = {
  keys: (d) => ({ partitionKey: escapeKey(d.conversationKey), rowKey: escapeKey(d.activityId) }),
  schema,
  toRow: (d) => ({ claimedAt: d.claimedAt, done: d.done, firstClaimedAt: d.firstClaimedAt }),
  // Unescaped, so that a claim read back and written again lands on the same row.
  fromRow: (row, keys) => ({ ...(row as z.infer<typeof schema>), conversationKey: unescapeKey(keys.partitionKey), activityId: unescapeKey(keys.rowKey) }),
};
