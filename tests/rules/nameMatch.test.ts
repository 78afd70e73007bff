import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { matchMember, sameOrganisation, type NameMatch } from "../../bot/rules/nameMatch";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";

interface Person {
  name: string;
  organisation: string;
  email: string;
  status: "active" | "former";
}

// The Thurrock board of 21 March 2024.
function thurrock(): Person[] {
  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("the example roster should parse");
  return parsed.rows.map((r) => ({ name: r.name, organisation: r.organisation, email: r.email, status: "active" }));
}
const ROSTER = thurrock();

/** The one member's name, "several: a, b", or "none". */
function who(typed: string, organisation?: string, roster: readonly Person[] = ROSTER): string {
  const m: NameMatch<Person> = matchMember(typed, roster, organisation === undefined ? {} : { organisation });
  if (m.kind === "one") return m.member.name;
  if (m.kind === "several") return `several: ${m.members.map((p) => p.name).join(", ")}`;
  return "none";
}

describe("matchMember: the Thurrock roster", () => {
  it("has all 23 members to match against", () => {
    expect(ROSTER).toHaveLength(23);
  });

  it("matches full names, whatever the case and spacing", () => {
    expect(who("Cheryl Wells")).toBe("Cheryl Wells");
    expect(who("  cheryl   WELLS ")).toBe("Cheryl Wells");
    expect(who("Eaglestone, Mark")).toBe("Mark Eaglestone");
  });

  it("matches short forms of first names", () => {
    expect(who("Tony Atkin")).toBe("Anthony Atkin");
    expect(who("Mike Dineen")).toBe("Michael Dineen");
    expect(who("Maggie Allen")).toBe("Margaret Allen");
    expect(who("Peggy Allen")).toBe("Margaret Allen");
    expect(who("Jen Barnett")).toBe("Jenny Barnett");
    expect(who("Jennifer Barnett")).toBe("Jenny Barnett");
    // The other way round: the roster has the short form.
    expect(who("Russell Freeman")).toBe("Russ Freeman");
    expect(who("Gregory Myddelton")).toBe("Greg Myddelton");
    expect(who("Joanne Broadbent")).toBe("Jo Broadbent");
    // One word alone.
    expect(who("Tony")).toBe("Anthony Atkin");
    expect(who("Mike")).toBe("Michael Dineen");
  });

  it("matches councillors with or without title and initial", () => {
    for (const typed of ["Cllr Collins", "Councillor Collins", "G Collins", "cllr g. collins", "Collins", "Gerry Collins"]) {
      expect(who(typed)).toBe("Cllr G Collins");
    }
    for (const typed of ["Jefferies", "Cllr Jefferies", "Councillor Jefferies", "Tom Jefferies"]) expect(who(typed)).toBe("Cllr Jefferies");
  });

  it("ignores titles and ranks", () => {
    expect(who("Dr Helen Forster")).toBe("Helen Forster");
    expect(who("Supt Jenny Barnett")).toBe("Jenny Barnett");
    expect(who("Chief Superintendent Barnett")).toBe("Jenny Barnett");
    expect(who("Ch Supt Barnett")).toBe("Jenny Barnett");
    expect(who("Group Commander Mark Eaglestone")).toBe("Mark Eaglestone");
    expect(who("Dr")).toBe("none");
  });

  it("matches an email exactly", () => {
    expect(who("Anthony.Atkin@Example.org")).toBe("Anthony Atkin");
    expect(who("mailto:cheryl.wells@example.org")).toBe("Cheryl Wells");
    expect(who("tony.atkin@elsewhere.org")).toBe("none");
  });

  it("matches a first name alone only when it is unique", () => {
    expect(who("Cheryl")).toBe("Cheryl Wells");
    expect(who("Mark")).toBe("several: Mark Eaglestone, Mark Tebbs");
    expect(who("Michelle")).toBe("several: Michelle Fraser, Michelle Cunningham");
    expect(who("Mark E")).toBe("Mark Eaglestone");
  });

  it("breaks ties with the organisation, by name, part of it or its acronym", () => {
    expect(who("Mark", "ECFRS")).toBe("Mark Eaglestone");
    expect(who("Mark", "Essex County Fire and Rescue Service")).toBe("Mark Eaglestone");
    expect(who("Mark", "Essex Fire")).toBe("Mark Eaglestone");
    expect(who("Mark", "Thurrock CVS")).toBe("Mark Tebbs");
    expect(who("Michelle", "Probation")).toBe("Michelle Fraser");
    expect(who("Michelle", "the Probation Service")).toBe("Michelle Fraser");
    expect(who("Michelle", "Thurrock Council")).toBe("Michelle Cunningham");
    expect(who("Mark (ECFRS)")).toBe("Mark Eaglestone");
    // A second Margaret makes "Maggie" a tie that the ICB breaks.
    const twoMargarets = [...ROSTER, { name: "Margaret Hill", organisation: "Thurrock Council", email: "margaret.hill@example.org", status: "active" as const }];
    expect(who("Maggie", undefined, twoMargarets)).toBe("several: Margaret Allen, Margaret Hill");
    expect(who("Maggie", "the ICB", twoMargarets)).toBe("Margaret Allen");
  });

  it("uses the organisation only to break ties", () => {
    expect(who("Cheryl", "ECFRS")).toBe("Cheryl Wells");
    expect(who("Mark", "Savills")).toBe("several: Mark Eaglestone, Mark Tebbs");
  });

  it("forgives one slip in a longer name", () => {
    expect(who("Greg Myddleton")).toBe("Greg Myddelton");
    expect(who("Sheila Coates")).toBe("Shelia Coates");
    expect(who("Malcolm Taylor")).toBe("Malcom Taylor");
    expect(who("Eaglestone")).toBe("Mark Eaglestone");
    expect(who("Eaglstone")).toBe("Mark Eaglestone");
  });

  it("prefers a closer kind of match", () => {
    const withTony = [...ROSTER, { name: "Tony Adams", organisation: "Savills", email: "tony.adams@example.org", status: "active" as const }];
    expect(who("Tony", undefined, withTony)).toBe("Tony Adams");
    expect(who("Tony Atkin", undefined, withTony)).toBe("Anthony Atkin");
  });

  it("never matches a former member", () => {
    const roster = ROSTER.map((p) => (p.name === "Martin Lucas" ? { ...p, status: "former" as const } : p));
    expect(who("Martin Lucas", undefined, roster)).toBe("none");
    expect(who("Martin", undefined, roster)).toBe("none");
    expect(who("martin.lucas@example.org", undefined, roster)).toBe("none");
    expect(who("Martin Lucas")).toBe("Martin Lucas");
  });

  it("finds nobody for a name that isn't there", () => {
    expect(who("Boris Johnson")).toBe("none");
    expect(who("Mark Smith")).toBe("none");
    expect(who("")).toBe("none");
    expect(who("M")).toBe("none");
  });

  it("returns the roster's own objects", () => {
    const m = matchMember("Cheryl", ROSTER);
    expect(m.kind === "one" && m.member).toBe(ROSTER.find((p) => p.name === "Cheryl Wells"));
  });
});

describe("sameOrganisation", () => {
  it("knows an organisation by acronym, part or whole", () => {
    expect(sameOrganisation("ECFRS", "Essex County Fire and Rescue Service")).toBe(true);
    expect(sameOrganisation("DWP", "Department for Work and Pensions")).toBe(true);
    expect(sameOrganisation("PFCC", "Police, Fire and Crime Commissioner")).toBe(true);
    expect(sameOrganisation("the ICB", "Mid and South Essex ICB")).toBe(true);
    expect(sameOrganisation("Probation", "The Probation Service")).toBe(true);
  });

  it("does not match on fragments of words or other organisations", () => {
    expect(sameOrganisation("Probation", "Thurrock Council")).toBe(false);
    expect(sameOrganisation("ice", "The Probation Service")).toBe(false);
    expect(sameOrganisation("", "Thurrock Council")).toBe(false);
  });
});
