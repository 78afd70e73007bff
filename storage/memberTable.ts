import { z } from "zod";
import { CATEGORIES, Member, ROLES } from "../bot/domain/types";
import { Codec } from "./entityTable";

const schema = z.object({
  name: z.string().min(1).max(120),
  title: z.string().max(200),
  organisation: z.string().min(1).max(120),
  category: z.enum(CATEGORIES),
  role: z.enum(ROLES),
  email: z.string().min(3).max(254),
  status: z.enum(["active", "former"]),
  formerSince: z.string().optional(),
  aadObjectId: z.string().max(64).optional(),
  teamsUserId: z.string().max(200).optional(),
  updatedAt: z.string(),
});

/** Members of a partnership: one partition, so the whole roster is one query. */
export const memberCodec: Codec<Member & { partnershipId: string }> = {
  keys: (m) => ({ partitionKey: m.partnershipId, rowKey: m.id }),
  schema,
  toRow: (m) => ({
    name: m.name,
    title: m.title,
    organisation: m.organisation,
    category: m.category,
    role: m.role,
    email: m.email,
    status: m.status,
    formerSince: m.formerSince,
    aadObjectId: m.aadObjectId,
    teamsUserId: m.teamsUserId,
    updatedAt: m.updatedAt,
  }),
  fromRow: (row, keys) => ({ ...(row as z.infer<typeof schema>), id: keys.rowKey, partnershipId: keys.partitionKey }),
};
