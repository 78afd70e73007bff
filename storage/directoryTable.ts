import { z } from "zod";
import { Codec } from "./entityTable";

/**
 * Finds a person's partnerships from outside a channel (a 1:1 chat): by Teams identity once linked,
 * by email before that. Partition = "aad~<aadObjectId>" or "email~<memberId>", row = partnership id.
 */
export interface DirectoryEntry {
  kind: "aad" | "email";
  subject: string;
  partnershipId: string;
  memberId: string;
}

const schema = z.object({ memberId: z.string().max(64) });

export const directoryCodec: Codec<DirectoryEntry> = {
  keys: (d) => ({ partitionKey: `${d.kind}~${d.subject}`, rowKey: d.partnershipId }),
  schema,
  toRow: (d) => ({ memberId: d.memberId }),
  fromRow: (row, keys) => {
    const [kind, subject = ""] = keys.partitionKey.split("~");
    return { kind: kind === "aad" ? "aad" : "email", subject, partnershipId: keys.rowKey, ...(row as z.infer<typeof schema>) };
  },
};
