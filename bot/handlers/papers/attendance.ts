import { papersCard } from "../../../cards/papersCard";
import { isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { DEFAULT_REGISTER_MEETINGS } from "../../papers/files";
import { loadHistory, twelveMonthsBefore } from "../../papers/load";
import { Request } from "../../request";
import { attendanceByOrganisation, numberWords } from "../../rules/papers/byOrganisation";
import { attendanceRegister } from "../../rules/papers/register";
import { can } from "../../rules/permissions";
import { deliverPapers } from "./deliver";

// `attendance register [last N]` (the register as CSV and Excel, with a short summary) and `attendance`
// (attendance by organisation over the last 12 months, and the meetings that were not quorate), for members.

const MAX_MEETINGS = 120;

export async function showRegister(req: Request, text: string): Promise<Outcome> {
  const n = /^(?:last\s+)?(\d{1,4})(?:\s+meetings?)?$/i.exec(text.trim());
  if (text.trim() && !n) return say("Say it as: attendance register, or attendance register last 6.");
  const last = n ? Number(n[1]) : DEFAULT_REGISTER_MEETINGS;
  if (last < 1 || last > MAX_MEETINGS) return say(`The register covers from 1 to ${MAX_MEETINGS} meetings.`);
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "viewPapers")) return say("Only members of this board can have its attendance register.");
  const history = await loadHistory(req.deps.store, board.partnership.id, { last }, req.now);
  if (!history || history.meetings.length === 0) return say("No meetings have been held yet, so there is no register.");
  const register = attendanceRegister(history);
  const former = register.members.filter((m) => m.former).length;
  const first = register.meetings[0]!;
  const latest = register.meetings[register.meetings.length - 1]!;
  return deliverPapers(
    req,
    board,
    {
      title: `Attendance register: the last ${numberWords(register.meetings.length)} meeting${register.meetings.length === 1 ? "" : "s"}`,
      lines: [
        `${first.date} to ${latest.date}, cancelled meetings left out. ${register.members.length} members${former ? `, ${former} of them former members, shown for the meetings they belonged to` : ""}.`,
      ],
      sections: [{ heading: "Organisations", facts: register.organisations.map((o) => ({ title: o.organisation, value: `${o.represented} of ${o.of} (${o.percent})` })), notes: [] }],
    },
    [
      { request: { kind: "register-csv", last }, label: "Attendance register (CSV)" },
      { request: { kind: "register-xlsx", last }, label: "Attendance register (Excel)" },
    ],
  );
}

export async function showAttendance(req: Request): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "viewPapers")) return say("Only members of this board can see its attendance.");
  const history = await loadHistory(req.deps.store, board.partnership.id, { since: twelveMonthsBefore(req.now) }, req.now);
  if (!history || history.meetings.length === 0) return say("No meetings have been held in the last 12 months.");
  const report = attendanceByOrganisation(history);
  const count = numberWords(report.held);
  const held = `${count.charAt(0).toUpperCase()}${count.slice(1)} meeting${report.held === 1 ? "" : "s"}`;
  return {
    card: papersCard({
      title: "Attendance by organisation, last 12 months",
      lines: [
        `${held} held. ${report.inquorate.length === 0 ? "Every one with a roll call was quorate." : `Not quorate at ${numberWords(report.inquorate.length)} of them.`}`,
        ...(report.noRollCall.length ? [`No roll call was taken at ${numberWords(report.noRollCall.length)}: ${report.noRollCall.map((m) => m.date).join(", ")}.`] : []),
      ],
      sections: [
        { heading: "Represented at", facts: report.organisations.map((o) => ({ title: o.organisation, value: `${o.bar} ${o.words} (${o.percent})` })), notes: [] },
        ...(report.inquorate.length
          ? [{ heading: "Not quorate", facts: report.inquorate.map((m) => ({ title: m.date, value: `${m.headline} Missing: ${m.missing.join(", ") || "none named"}.` })), notes: [] }]
          : []),
      ],
      links: [],
      footnote: "Each bar has one block per meeting: filled where the organisation was represented.",
    }),
  };
}
