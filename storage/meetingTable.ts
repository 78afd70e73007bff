import { z } from "zod";
import { AgendaItem, Meeting, MEETING_STATES, TeamsMeetingLink } from "../bot/domain/types";
import { Codec } from "./entityTable";

const agendaSchema: z.ZodType<AgendaItem[]> = z
  .array(
    z.object({
      ref: z.string().max(20),
      title: z.string().max(300),
      presenter: z.string().max(120).optional(),
      forSignOff: z.boolean(),
    }),
  )
  .max(100);

const teamsSchema: z.ZodType<TeamsMeetingLink> = z.object({
  url: z.string().max(2000).optional(),
  key: z.string().max(400).optional(),
  threadId: z.string().max(400).optional(),
  meetingId: z.string().max(400).optional(),
  linkedBy: z.string().max(200),
  linkedAt: z.string(),
});

const schema = z.object({
  title: z.string().min(1).max(120),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().optional(),
  location: z.string().max(200).optional(),
  agenda: z.string().max(30_000),
  state: z.enum(MEETING_STATES),
  createdBy: z.string().max(200),
  createdAt: z.string(),
  teams: z.string().max(4000).optional(),
});

/** Meetings of a partnership: one partition, row keys sorted by start time. */
export const meetingCodec: Codec<Meeting> = {
  keys: (m) => ({ partitionKey: m.partnershipId, rowKey: m.id }),
  schema,
  toRow: (m) => ({
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    location: m.location,
    agenda: JSON.stringify(m.agenda),
    state: m.state,
    createdBy: m.createdBy,
    createdAt: m.createdAt,
    teams: m.teams ? JSON.stringify(m.teams) : undefined,
  }),
  fromRow: (row, keys) => {
    const r = (row as z.infer<typeof schema>);
    const { teams, ...rest } = r;
    return {
      ...rest,
      id: keys.rowKey,
      partnershipId: keys.partitionKey,
      agenda: agendaSchema.parse(JSON.parse(r.agenda)),
      ...(teams ? { teams: teamsSchema.parse(JSON.parse(teams)) } : {}),
    };
  },
};
