import { DEFAULT_QUORUM_RULE, Member, QuorumRule } from "../../bot/domain/types";
import { can, whoCan } from "../../bot/rules/permissions";
import { countingUnits, describeRule, quorumRequirement } from "../../bot/rules/quorumRule";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

function roster(): Member[] {
  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("fixture does not parse");
  return parsed.rows.map((r) => ({ ...r, id: r.email, status: "active", updatedAt: "" }));
}

const fourOfSix: QuorumRule = { ...DEFAULT_QUORUM_RULE, required: 4 };

test("the fixture board needs 4 of its 6 statutory organisations", () => {
  const req = quorumRequirement(roster(), fourOfSix);
  expect(req).toMatchObject({ units: 6, required: 4, ratio: "4 of 6" });
  expect(req.text).toBe("4 of 6 statutory organisations represented");
  expect(req.warning).toBeUndefined();
  expect(countingUnits(roster(), fourOfSix)).toEqual([
    "Essex County Fire and Rescue Service",
    "Essex Police",
    "Mid and South Essex ICB",
    "Police Fire and Crime Panel",
    "The Probation Service",
    "Thurrock Council",
  ]);
});

test("a majority of 6 is 4, of 7 is 4, of 8 is 5", () => {
  const members = roster();
  expect(quorumRequirement(members, DEFAULT_QUORUM_RULE).required).toBe(4);
  const extra = (org: string): Member => ({ ...members[0]!, id: org, organisation: org });
  expect(quorumRequirement([...members, extra("NHS England")], DEFAULT_QUORUM_RULE).required).toBe(4);
  expect(quorumRequirement([...members, extra("NHS England"), extra("Probation North")], DEFAULT_QUORUM_RULE).required).toBe(5);
});

test("counting persons counts statutory members, former members never", () => {
  const members = roster();
  members[0] = { ...members[0]!, status: "former" };
  expect(quorumRequirement(members, { ...fourOfSix, count: "persons" }).units).toBe(10);
});

test("a rule that needs more organisations than exist warns that no meeting could be quorate", () => {
  const req = quorumRequirement(roster(), { ...fourOfSix, required: 7 });
  expect(req.warning).toMatch(/needs 7.*only 6/);
});

test("the rule reads as words", () => {
  expect(describeRule(fourOfSix)).toBe("4 of the statutory organisations represented; named deputies count");
  expect(describeRule({ ...DEFAULT_QUORUM_RULE, count: "persons", categories: ["statutory", "non-statutory"] })).toBe(
    "a majority of the statutory and non-statutory persons present",
  );
});

test("only the manager manages the roster; former members can do nothing", () => {
  const [chair] = roster().filter((m) => m.role === "chair");
  const manager = roster().find((m) => m.role === "manager")!;
  expect(can(manager, "manageRoster")).toBe(true);
  expect(can(chair, "manageRoster")).toBe(false);
  expect(can(chair, "scheduleMeetings")).toBe(true);
  expect(can({ ...manager, status: "former" }, "manageRoster")).toBe(false);
  expect(can(undefined, "viewRoster")).toBe(false);
  expect(whoCan("scheduleMeetings")).toBe("the partnership manager, the chair or the vice-chair");
});
