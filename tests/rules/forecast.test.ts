import { Attendance, AttendanceStatus, DEFAULT_QUORUM_RULE, Member } from "../../bot/domain/types";
import { forecastQuorum } from "../../bot/rules/forecast";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

const RULE = { ...DEFAULT_QUORUM_RULE, required: 4 };
function roster(): Member[] {
  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("fixture");
  return parsed.rows.map((r) => ({ ...r, id: r.email, status: "active" as const, updatedAt: "" }));
}
const apology = (email: string, status: AttendanceStatus = "apologies"): Attendance => ({ meetingId: "m", memberId: email, status, recordedBy: "x", recordedAt: "" });

test("with no apologies every statutory organisation could come", () => {
  expect(forecastQuorum(roster(), [], RULE)).toEqual({ canBeQuorate: true, best: 6, required: 4, lost: [] });
});

test("an organisation is lost only when all its statutory members send apologies without a deputy", () => {
  const f = forecastQuorum(roster(), [apology("mark.eaglestone@example.org")], RULE);
  expect(f.lost).toEqual([]);
  const both = forecastQuorum(roster(), [apology("mark.eaglestone@example.org"), apology("russ.freeman@example.org")], RULE);
  expect(both.lost).toEqual(["Essex County Fire and Rescue Service"]);
  expect(both.canBeQuorate).toBe(true);
});

test("the third of six organisations lost under a 4-of-6 rule means it can no longer be quorate", () => {
  const sent = [apology("margaret.allen@example.org"), apology("g.collins@example.org"), apology("mark.eaglestone@example.org"), apology("russ.freeman@example.org")];
  expect(forecastQuorum(roster(), sent, RULE)).toMatchObject({ canBeQuorate: false, best: 3, lost: ["Essex County Fire and Rescue Service", "Mid and South Essex ICB", "Police Fire and Crime Panel"] });
});

test("a named deputy keeps the organisation in play; when deputies do not count it does not", () => {
  const sent = [apology("margaret.allen@example.org", "apologies-substitute"), apology("g.collins@example.org"), apology("mark.eaglestone@example.org"), apology("russ.freeman@example.org")];
  expect(forecastQuorum(roster(), sent, RULE).canBeQuorate).toBe(true);
  expect(forecastQuorum(roster(), sent, { ...RULE, deputiesCount: false }).canBeQuorate).toBe(false);
});
