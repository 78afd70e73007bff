// What the sign-off cards and forms carry, parsed with zod at the edge.
import { z } from "zod";
import { MEETING_ID } from "../../../storage/keys";
import { needsComment, VOTE_OPTIONS } from "../../rules/signOff";

const SIGN_OFF_ID = MEETING_ID; // same shape: a sortable time and a short suffix

export const voteInput = z
  .object({
    partnershipId: z.string().max(40),
    signOffId: z.string().regex(SIGN_OFF_ID, "That card does not name a sign-off."),
    option: z.enum(VOTE_OPTIONS, "That isn't one of the options: approve, approve with amendments, reject or abstain."),
    comment: z.string().trim().max(1000, "A comment can be at most 1000 characters.").optional(),
  })
  .refine((v) => !needsComment(v.option) || Boolean(v.comment), {
    message: "Say what needs changing, or why you reject it: a comment is needed for that vote",
  });
export const refInput = z.object({ partnershipId: z.string().max(40), signOffId: z.string().regex(SIGN_OFF_ID, "That card does not name a sign-off.") });
export const circulateInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
  deadlineDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a deadline."),
});

export const createInput = z
  .object({
    partnershipId: z.string().max(40),
    title: z.string().trim().min(1, "Give the sign-off a title.").max(200, "A sign-off's title can be at most 200 characters."),
    link: z.union([z.string().trim().url("Give the link as https://…").startsWith("https://", "Give the link as https://…").max(2000), z.literal("")]).default(""),
    deadlineDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
    voters: z.enum(["statutory-organisations", "all-members"]).default("statutory-organisations"),
    pass: z.enum(["majority", "unanimous", "at-least"]).default("majority"),
    atLeast: z.union([z.coerce.number().int().min(1).max(500), z.literal("")]).default(""),
  })
  .refine((i) => i.pass !== "at-least" || i.atLeast !== "", { message: "Say how many approvals are needed" });
