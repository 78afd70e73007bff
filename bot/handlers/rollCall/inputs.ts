// What a roll-call press carries (parsed with zod at the edge) and the refusals every control shares.
import { z } from "zod";
import { MEETING_ID } from "../../../storage/keys";

export const rollRef = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
});
export const rollRefInput = rollRef;
export const markInput = rollRef.extend({
  memberId: z.string().max(64),
  status: z.enum(["present", "present-substitute", "left", "absent", "apologies", "apologies-substitute"], "That attendance choice isn't one I know."),
  substituteName: z.string().trim().max(120, "A substitute's name can be at most 120 characters.").optional(),
});
export const guestInput = rollRef.extend({
  guestName: z.string().trim().min(1, "Give the guest's name.").max(120, "A name can be at most 120 characters."),
  guestOrganisation: z.string().trim().max(120, "An organisation can be at most 120 characters.").optional(),
});
export const openInput = z.object({ partnershipId: z.string().max(40).optional(), meetingId: z.string().regex(MEETING_ID).optional() });

export const NOT_OPEN = "That roll call isn't open (it may have been for another meeting), so nothing was recorded.";
export const NOT_ON_ROSTER =
  "You're not on this board's roster, so I can't check you in. The partnership manager can add you; nothing was recorded.";
export const SUBSTITUTE_NEEDED = "Give the substitute's name to record a substitute. Nothing was recorded.";
