import { can } from "../../rules/permissions";
import { BoardAccess } from "../access";

/** What every view says about the board and the person looking at it. */
export function boardHeader({ board, member }: BoardAccess) {
  return {
    id: board.partnership.id,
    name: board.partnership.name,
    timeZone: board.partnership.timeZone,
    you: { name: member.name, role: member.role, organisation: member.organisation },
    // The chair and the manager see what they may act on for others (reasons for absence, any action).
    manages: can(member, "raiseActions"),
  };
}

export const CATEGORY_WORDS = { statutory: "Statutory", "non-statutory": "Non-statutory", "ex-officio": "Ex-officio", "co-opted": "Co-opted" } as const;
