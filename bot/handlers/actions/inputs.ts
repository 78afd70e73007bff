// What the action cards and forms carry, parsed with zod at the edge.
import { z } from "zod";
import { ANY_OWNER, DEFAULT_VIEW } from "../../../cards/actionCard";
import { ACTION_REF } from "../../rules/actionRef";
import { ACTION_STATUSES, MAX_ACTION_TEXT, MAX_NOTE } from "../../rules/actionTypes";

export const ref = z.string().trim().toUpperCase().regex(ACTION_REF, "That card does not name an action.");
export const updateInput = z.object({
  partnershipId: z.string().max(40),
  ref,
  status: z.enum(ACTION_STATUSES, "Choose a status: open, in progress, done or dropped."),
  note: z.string().trim().max(MAX_NOTE, `A note can be at most ${MAX_NOTE} characters.`).optional(),
});
export const openInput = z.object({ partnershipId: z.string().max(40), ref });
export const editInput = z.object({
  partnershipId: z.string().max(40),
  ref,
  text: z.string().trim().min(1, "The action needs some words.").max(MAX_ACTION_TEXT, `An action can be at most ${MAX_ACTION_TEXT} characters.`),
  ownerIds: z.string().max(2000).default(""),
  outsideOwners: z.string().max(300, "Outside owners can be at most 300 characters.").default(""),
  dueDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
  dueNextMeeting: z.enum(["true", "false"]).default("false"),
});
export const raiseInput = z.object({
  partnershipId: z.string().max(40),
  text: z.string().trim().min(1, "Say what is to be done.").max(MAX_ACTION_TEXT, `An action can be at most ${MAX_ACTION_TEXT} characters.`),
  ownerIds: z.string().max(2000).default(""),
  outsideOwners: z.string().max(300, "Outside owners can be at most 300 characters.").default(""),
  dueDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
  dueNextMeeting: z.enum(["true", "false"]).default("false"),
  agendaItem: z.union([z.string().trim().regex(/^\d+(\.\d+)*$/, "An agenda item is a number such as 6.2."), z.literal("")]).default(""),
});
export const pageInput = z.object({
  partnershipId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  owner: z.string().max(64).default("").transform((o) => (o === ANY_OWNER ? "" : o)),
  status: z.union([z.enum([...ACTION_STATUSES, "outstanding", "completed"]), z.literal(""), z.literal(DEFAULT_VIEW).transform(() => "" as const)]).default(""),
  mine: z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]).default(false),
});
