import { z } from "zod";
import { AuditEntry } from "../bot/domain/types";
import { Codec, MAX_STRING } from "./entityTable";
import { newestFirstKey } from "./keys";

const schema = z.object({
  at: z.string(),
  actor: z.string().max(200),
  action: z.string().max(100),
  target: z.string().max(400),
  before: z.string().max(MAX_STRING).optional(),
  after: z.string().max(MAX_STRING).optional(),
});

function snapshot(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  // A huge before/after (a whole roster) is cut rather than failing the write it describes.
  return text.length > MAX_STRING ? text.slice(0, MAX_STRING - 20) + "…[truncated]" : text;
}

/** The audit log of a partnership, newest first. */
export const auditCodec: Codec<AuditEntry & { key?: string }> = {
  keys: (a) => ({ partitionKey: a.partnershipId, rowKey: a.key ?? newestFirstKey(new Date(a.at)) }),
  schema,
  toRow: (a) => ({
    at: a.at,
    actor: a.actor,
    action: a.action,
    target: a.target,
    before: snapshot(a.before),
    after: snapshot(a.after),
  }),
  fromRow: (row, keys) => {
    const r = (row as z.infer<typeof schema>);
    return {
      partnershipId: keys.partitionKey,
      key: keys.rowKey,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      before: r.before === undefined ? undefined : JSON.parse(r.before.endsWith("[truncated]") ? "null" : r.before),
      after: r.after === undefined ? undefined : JSON.parse(r.after.endsWith("[truncated]") ? "null" : r.after),
    };
  },
};
