import { z } from "zod";
import { CATEGORIES, Partnership, QuorumRule } from "../bot/domain/types";
import { Codec } from "./entityTable";

const ROW_KEY = "settings";

export const quorumRuleSchema: z.ZodType<QuorumRule> = z.object({
  count: z.enum(["organisations", "persons"]),
  categories: z.array(z.enum(CATEGORIES)).min(1),
  required: z.union([z.number().int().min(1).max(500), z.literal("majority")]),
  deputiesCount: z.boolean(),
});

const schema = z.object({
  name: z.string().min(1).max(120),
  timeZone: z.string().min(1).max(64),
  quorum: z.string().max(2000),
  tenantId: z.string().min(1).max(100),
  teamId: z.string().max(400).optional(),
  conversationId: z.string().min(1).max(400),
  serviceUrl: z.string().url().max(400),
  createdAt: z.string(),
  createdBy: z.string().max(200),
});

export const partnershipCodec: Codec<Partnership> = {
  keys: (p) => ({ partitionKey: p.id, rowKey: ROW_KEY }),
  schema,
  toRow: (p) => ({
    name: p.name,
    timeZone: p.timeZone,
    quorum: JSON.stringify(p.quorum),
    tenantId: p.channel.tenantId,
    teamId: p.channel.teamId,
    conversationId: p.channel.conversationId,
    serviceUrl: p.channel.serviceUrl,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
  }),
  fromRow: (row, keys) => {
    const r = (row as z.infer<typeof schema>);
    return {
      id: keys.partitionKey,
      name: r.name,
      timeZone: r.timeZone,
      quorum: quorumRuleSchema.parse(JSON.parse(r.quorum)),
      channel: { tenantId: r.tenantId, teamId: r.teamId, conversationId: r.conversationId, serviceUrl: r.serviceUrl },
      createdAt: r.createdAt,
      createdBy: r.createdBy,
    };
  },
};

export const PARTNERSHIP_ROW_KEY = ROW_KEY;
