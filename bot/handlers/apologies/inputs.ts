// What the apology cards carry, parsed with zod at the edge.
import { z } from "zod";
import { MEETING_ID } from "../../../storage/keys";

const memberIdList = z
  .string()
  .max(2000)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^m[0-9a-f]{20}$/, "That card names someone who isn't a member.")).max(50));

export const recordInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "Choose a meeting."),
  memberIds: memberIdList.optional(),
  reason: z.string().trim().max(300, "A reason can be at most 300 characters.").optional(),
  deputy: z.string().trim().max(120, "A deputy's name can be at most 120 characters.").optional(),
});
export const undoInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
  memberIds: memberIdList,
});
export const moveInput = undoInput.extend({ toMeetingId: z.string().regex(MEETING_ID, "Choose a meeting.") });
