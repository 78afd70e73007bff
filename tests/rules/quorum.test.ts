import { Attendance, AttendanceStatus, DEFAULT_QUORUM_RULE, Member, QuorumRule } from "../../bot/domain/types";
import { evaluateQuorum } from "../../bot/rules/quorum";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

const RULE: QuorumRule = { ...DEFAULT_QUORUM_RULE, required: 4 };

function fixture(): { roster: Member[]; attended: string[] } {
  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("fixture does not parse");
  const roster = parsed.rows.map((r) => ({ ...r, id: r.email, status: "active" as const, updatedAt: "" }));
  // The attendance column the minutes record.
  const attended = EXAMPLE_ROSTER_CSV.trim().split("\n").slice(1).filter((l) => l.endsWith(",attended")).map((l) => /[\w.]+@example\.org/.exec(l)![0]);
  return { roster, attended };
}

const record = (memberId: string, status: AttendanceStatus = "present", extra: Partial<Attendance> = {}): Attendance => ({
  meetingId: "m",
  memberId,
  status,
  recordedBy: "test",
  recordedAt: "2024-03-21T14:00:00Z",
  arrivedAt: "2024-03-21T14:00:00Z",
  ...extra,
});

test("the 21 March 2024 board was not quorate: 3 of 6, 4 needed, and says who was missing", () => {
  const { roster, attended } = fixture();
  const status = evaluateQuorum(roster, attended.map((id) => record(id)), RULE);
  expect(status).toMatchObject({ quorate: false, count: 3, required: 4, possible: 6 });
  expect(status.represented).toEqual(["Essex Police", "The Probation Service", "Thurrock Council"]);
  expect(status.missing).toEqual(["Essex County Fire and Rescue Service", "Mid and South Essex ICB", "Police Fire and Crime Panel"]);
  expect(status.headline).toBe("Not quorate: 3 of 6 statutory partners present, 4 needed.");
  expect(status.missingText).toBe("Not represented: Essex County Fire and Rescue Service, Mid and South Essex ICB, Police Fire and Crime Panel.");
});

test("two members of one organisation count once", () => {
  const { roster } = fixture();
  const status = evaluateQuorum(roster, [record("jenny.barnett@example.org"), record("anthony.atkin@example.org")], RULE);
  expect(status.count).toBe(1);
});

test("a non-statutory member of a statutory organisation does not count", () => {
  const { roster } = fixture();
  // Ewelina Sorbjan sits for Thurrock Council as non-statutory.
  const status = evaluateQuorum(roster, [record("ewelina.sorbjan@example.org")], RULE);
  expect(status.count).toBe(0);
  expect(status.missing).toContain("Thurrock Council");
});

test("a deputy represents the member's organisation, unless the rule says deputies do not count", () => {
  const { roster, attended } = fixture();
  const present = attended.map((id) => record(id));
  const withDeputy = [...present, record("margaret.allen@example.org", "present-substitute", { substituteName: "Dr A Deputy" })];
  expect(evaluateQuorum(roster, withDeputy, RULE)).toMatchObject({ quorate: true, count: 4 });
  expect(evaluateQuorum(roster, withDeputy, { ...RULE, deputiesCount: false })).toMatchObject({ quorate: false, count: 3 });
});

test("a departure can make a quorate meeting inquorate; apologies and guests never count", () => {
  const { roster, attended } = fixture();
  const present = [...attended.map((id) => record(id)), record("margaret.allen@example.org")];
  expect(evaluateQuorum(roster, present, RULE).headline).toBe("Quorate: 4 of 6 statutory partners present, 4 needed.");
  const left = present.map((a) => (a.memberId === "margaret.allen@example.org" ? { ...a, leftAt: "2024-03-21T15:30:00Z" } : a));
  expect(evaluateQuorum(roster, left, RULE).quorate).toBe(false);
  const others = [record("g.collins@example.org", "apologies"), record("russ.freeman@example.org", "apologies-substitute"), record("mark.eaglestone@example.org", "in-attendance"), record("cllr.jefferies@example.org", "absent")];
  expect(evaluateQuorum(roster, others, RULE).count).toBe(0);
});

test("an empty roster is never quorate", () => {
  const status = evaluateQuorum([], [], DEFAULT_QUORUM_RULE);
  expect(status).toMatchObject({ quorate: false, count: 0, possible: 0, required: 1 });
});

test("a rule that needs more organisations than exist can never be met", () => {
  const { roster } = fixture();
  const everyone = roster.map((m) => record(m.id));
  const status = evaluateQuorum(roster, everyone, { ...RULE, required: 7 });
  expect(status).toMatchObject({ quorate: false, count: 6, required: 7 });
});

test("counting persons counts each statutory member present", () => {
  const { roster, attended } = fixture();
  const status = evaluateQuorum(roster, attended.map((id) => record(id)), { ...RULE, count: "persons", required: 6 });
  expect(status).toMatchObject({ count: 5, possible: 11, quorate: false });
  expect(status.headline).toBe("Not quorate: 5 of 11 statutory members present, 6 needed.");
});
