import { z } from "zod";
import { Codec } from "./entityTable";
import { escapeKey } from "./keys";

/** Claims on inbound activity ids: Teams redelivers, and a command must not run twice. */
export interface Delivery {
  conversationKey: string;
  activityId: string;
  claimedAt: string;
  /** False while the work runs: a claim left unfinished (the process died, storage went) can be taken over. */
  done?: boolean;
}

const schema = z.object({ claimedAt: z.string(), done: z.boolean().optional() });

export const deliveryCodec: Codec<Delivery> = {
  keys: (d) => ({ partitionKey: escapeKey(d.conversationKey), rowKey: escapeKey(d.activityId) }),
  schema,
  toRow: (d) => ({ claimedAt: d.claimedAt, done: d.done }),
  fromRow: (row, keys) => ({ ...(row as z.infer<typeof schema>), conversationKey: keys.partitionKey, activityId: keys.rowKey }),
};
