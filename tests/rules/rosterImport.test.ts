import { Member } from "../../bot/domain/types";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";
import { planRosterImport, planWrites } from "../../bot/rules/rosterImport";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

const idFor = (email: string) => `id:${email}`;
const NOW = "2024-03-21T14:00:00.000Z";

function rows(csv = EXAMPLE_ROSTER_CSV) {
  const parsed = parseRosterCsv(csv);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rows;
}

function imported(): Member[] {
  return planRosterImport([], rows(), { idFor, now: NOW }).added;
}

test("a first import adds everyone as active members keyed by email", () => {
  const plan = planRosterImport([], rows(), { idFor, now: NOW });
  expect(plan.added).toHaveLength(23);
  expect(plan.added.every((m) => m.status === "active" && m.id === idFor(m.email))).toBe(true);
  expect(planWrites(plan)).toHaveLength(23);
});

test("the same list again changes nothing and writes nothing", () => {
  const plan = planRosterImport(imported(), rows(), { idFor, now: NOW });
  expect(plan.unchanged).toHaveLength(23);
  expect(planWrites(plan)).toHaveLength(0);
});

test("changed details update the record and keep its Teams link", () => {
  const current = imported().map((m) => (m.name === "Margaret Allen" ? { ...m, aadObjectId: "aad-1" } : m));
  const csv = EXAMPLE_ROSTER_CSV.replace("Margaret Allen,,", "Margaret Allen,Director of Nursing,");
  const plan = planRosterImport(current, rows(csv), { idFor, now: NOW });
  expect(plan.updated).toHaveLength(1);
  expect(plan.updated[0]?.after).toMatchObject({ title: "Director of Nursing", aadObjectId: "aad-1" });
});

test("people missing from the list become former members; coming back reactivates them", () => {
  const csv = EXAMPLE_ROSTER_CSV.split("\n").filter((l) => !l.startsWith("Russ Freeman")).join("\n");
  const plan = planRosterImport(imported(), rows(csv), { idFor, now: NOW });
  expect(plan.retired.map((c) => c.after)).toEqual([expect.objectContaining({ name: "Russ Freeman", status: "former", formerSince: NOW })]);
  const afterwards = imported().map((m) => (m.name === "Russ Freeman" ? { ...m, status: "former" as const, formerSince: NOW } : m));
  const back = planRosterImport(afterwards, rows(), { idFor, now: NOW });
  expect(back.reactivated.map((c) => c.after)).toEqual([expect.objectContaining({ name: "Russ Freeman", status: "active", formerSince: undefined })]);
});

test("the manager who imports a list without themselves stays, so nobody locks themselves out", () => {
  const current = imported();
  const importer = current.find((m) => m.role === "manager")!;
  const csv = EXAMPLE_ROSTER_CSV.split("\n").filter((l) => !l.startsWith("Michelle Cunningham")).join("\n");
  const plan = planRosterImport(current, rows(csv), { idFor, now: NOW, importerId: importer.id });
  expect(plan.keptImporter?.id).toBe(importer.id);
  expect(plan.retired).toHaveLength(0);
});
