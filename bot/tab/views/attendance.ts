import { DEFAULT_REGISTER_MEETINGS } from "../../papers/files";
import { loadHistory } from "../../papers/load";
import { attendanceByOrganisation } from "../../rules/papers/byOrganisation";
import { attendanceRegister } from "../../rules/papers/register";
import { can } from "../../rules/permissions";
import { Request } from "../../request";
import { BoardAccess, Refusal } from "../access";
import { boardHeader } from "./common";

/**
 * Attendance: by organisation (the chair's chasing list) and the register, both over the last 12
 * meetings held, as the register file has them (a board that meets rarely still shows its record).
 */
export async function attendanceView(req: Request, access: BoardAccess) {
  if (!can(access.member, "viewPapers")) return { status: 403, message: "Only members of this board can see its attendance." } satisfies Refusal;
  const history = await loadHistory(req.deps.store, access.board.partnership.id, { last: DEFAULT_REGISTER_MEETINGS }, req.now);
  const empty = { board: boardHeader(access), held: 0, organisations: [], inquorate: [], register: { meetings: [], members: [] } };
  if (!history || history.meetings.length === 0) return empty;
  const report = attendanceByOrganisation(history);
  const register = attendanceRegister(history);
  return {
    board: boardHeader(access),
    held: report.held,
    organisations: report.organisations.map((o) => ({ organisation: o.organisation, represented: o.represented, held: o.held, percent: o.percent, words: o.words })),
    inquorate: report.inquorate,
    register: {
      meetings: register.meetings,
      members: register.members.map((m) => ({ name: m.name, organisation: m.organisation, former: m.former, cells: m.cells, percent: m.percent })),
    },
  };
}
