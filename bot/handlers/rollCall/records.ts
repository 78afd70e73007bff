// How a roll call is referred to elsewhere: its attendance in the audit, and the conversation its card is in.
import { Attendance, RollCall } from "../../domain/types";
import { Request } from "../../request";
import { ConversationTarget } from "../../teams/proactive";

export const strip = (a: Attendance) => ({ status: a.status, arrivedAt: a.arrivedAt, leftAt: a.leftAt, substituteName: a.substituteName, guestName: a.guestName });

export function targetOf(req: Request, roll: RollCall): ConversationTarget {
  return { serviceUrl: roll.serviceUrl, conversationId: roll.conversationId, tenantId: req.binding.tenantId };
}
