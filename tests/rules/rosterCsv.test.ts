import { readFileSync } from "fs";
import { join } from "path";
import { parseRosterCsv, type RosterParseResult } from "../../bot/rules/roster/rosterCsv";
import { plainTextFromTeams } from "../../bot/rules/roster/teamsText";
import { type RosterRow } from "../../bot/rules/roster/rosterRow";

const fixture = readFileSync(join(__dirname, "../fixtures/board-2024-03-21.csv"), "utf8");
const HEADER = "name,title,organisation,category,role,email";

function rowsOf(result: RosterParseResult): RosterRow[] {
  if (!result.ok) throw new Error(`expected ok, got: ${result.errors.map((e) => e.message).join(" | ")}`);
  return result.rows;
}

function errorsOf(result: RosterParseResult) {
  if (result.ok) throw new Error("expected errors, got ok");
  return result.errors;
}

const byName = (rows: RosterRow[], name: string) => {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe("parseRosterCsv: the 21 March 2024 board", () => {
  const result = parseRosterCsv(fixture);
  const rows = rowsOf(result);

  it("reads all 23 members, 11 of them statutory", () => {
    expect(rows).toHaveLength(23);
    expect(rows.filter((r) => r.category === "statutory")).toHaveLength(11);
  });

  it("finds the 6 statutory organisations", () => {
    const orgs = new Set(rows.filter((r) => r.category === "statutory").map((r) => r.organisation));
    expect([...orgs].sort()).toEqual(
      [
        "Essex Police",
        "Thurrock Council",
        "The Probation Service",
        "Police Fire and Crime Panel",
        "Essex County Fire and Rescue Service",
        "Mid and South Essex ICB",
      ].sort(),
    );
  });

  it("keeps quoted titles with commas intact", () => {
    expect(byName(rows, "Michael Dineen").title).toBe("Acting Director, Counter Fraud, Community Safety and Resilience");
    expect(byName(rows, "Greg Myddelton").organisation).toBe("Police, Fire and Crime Commissioner");
  });

  it("takes category and role from the membership, not the organisation", () => {
    expect(byName(rows, "Ewelina Sorbjan")).toMatchObject({ category: "non-statutory", organisation: "Thurrock Council" });
    expect(byName(rows, "Michelle Cunningham")).toMatchObject({ category: "ex-officio", role: "manager" });
    expect(byName(rows, "Jenny Barnett")).toMatchObject({
      line: 2,
      title: "Chief Superintendent",
      organisation: "Essex Police",
      category: "statutory",
      role: "chair",
      email: "jenny.barnett@example.org",
    });
    expect(byName(rows, "Martin Lucas").title).toBe("");
  });

  it("ignores the attendance column, and says so", () => {
    expect(result.ok && result.warnings).toEqual(["Ignored column: attendance."]);
    expect(Object.keys(rows[0] ?? {})).not.toContain("attendance");
  });
});

describe("parseRosterCsv: errors name the line", () => {
  const lines = fixture.split("\n");

  it("reports a bad category on line 5 as line 5", () => {
    const text = lines.map((l, i) => (i === 4 ? l.replace(",statutory,", ",statuatory,") : l)).join("\n");
    expect(errorsOf(parseRosterCsv(text))).toEqual([
      { line: 5, message: 'Line 5: category "statuatory" is not one of statutory, non-statutory, ex-officio, co-opted.' },
    ]);
  });

  it("collects every error on every line", () => {
    const text = [
      HEADER,
      "Ann,,Essex Police,statutory,,ann@example.org",
      ",,Essex Police,statutory,,nobody@example.org", // line 3: no name
      "Bob,,,statuatory,deputy chair,bob@example", // line 4: four problems
      "Cat,,Thurrock Council,statutory,member,", // line 5: no email
    ].join("\n");
    const errors = errorsOf(parseRosterCsv(text));
    expect(errors.map((e) => e.line)).toEqual([3, 4, 4, 4, 4, 5]);
    expect(errors.map((e) => e.message)).toEqual([
      "Line 3: name is missing.",
      "Line 4: organisation is missing.",
      'Line 4: category "statuatory" is not one of statutory, non-statutory, ex-officio, co-opted.',
      'Line 4: role "deputy chair" is not one of chair, vice-chair, manager, member.',
      'Line 4: email "bob@example" does not look like an email address.',
      "Line 5: email is missing.",
    ]);
  });

  it("counts the physical lines of a quoted value that spans lines", () => {
    const text = [
      HEADER,
      'Ann,"Head of Community Safety',
      'and Resilience",Thurrock Council,statutory,,ann@example.org',
      "",
      "Bob,,Essex Police,statuatory,,bob@example.org",
    ].join("\n");
    expect(errorsOf(parseRosterCsv(text))).toEqual([
      { line: 5, message: 'Line 5: category "statuatory" is not one of statutory, non-statutory, ex-officio, co-opted.' },
    ]);
    const ok = rowsOf(parseRosterCsv(text.replace("statuatory", "statutory")));
    expect(ok.map((r) => [r.line, r.title])).toEqual([
      [2, "Head of Community Safety and Resilience"],
      [5, ""],
    ]);
  });

  it("reports the header's missing columns, and what it found", () => {
    const errors = errorsOf(parseRosterCsv("Name,Job title,Organisation\nAnn,Boss,Essex Police"));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(1);
    expect(errors[0]?.message).toMatch(/^Line 1: the header is missing the columns category, email \(found: Name, Job title, Organisation\)/);
  });

  it("treats a roster without a header as a missing header", () => {
    const errors = errorsOf(parseRosterCsv(lines.slice(1).join("\n")));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/missing the columns name, organisation, category, email/);
  });

  it("refuses the same email twice, naming the first line", () => {
    const text = [HEADER, "Ann,,Essex Police,statutory,,ann@example.org", "Annie,,Essex Police,statutory,, ANN@Example.org "].join("\n");
    expect(errorsOf(parseRosterCsv(text))).toEqual([{ line: 3, message: 'Line 3: email "ann@example.org" is already used on line 2.' }]);
  });

  it("reports a short row instead of guessing which value is missing", () => {
    const text = [HEADER, "Ann,,Essex Police,statutory,,ann@example.org", "Bob,Essex Police,statutory,bob@example.org"].join("\n");
    const errors = errorsOf(parseRosterCsv(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Line 3: has 4 values but the header has 6\./);
  });

  it("reports a row with an unquoted comma (too many values)", () => {
    const text = [HEADER, "Ann,Director, Housing,Thurrock Council,statutory,,ann@example.org"].join("\n");
    expect(errorsOf(parseRosterCsv(text))[0]?.message).toMatch(/^Line 2: has 7 values but the header has 6\./);
  });

  it("allows short rows that only lack ignored trailing columns, and empty extra cells", () => {
    const text = [`${HEADER},attendance`, "Ann,,Essex Police,statutory,,ann@example.org", "Bob,,Essex Police,statutory,,bob@example.org,,,"].join("\n");
    expect(rowsOf(parseRosterCsv(text))).toHaveLength(2);
  });

  it("reports a quote that is never closed on the line where it opens", () => {
    const text = [HEADER, "Ann,,Essex Police,statutory,,ann@example.org", "", 'Bob,"Director,Essex Police,statutory,,bob@example.org', "Cat,,Essex Police,statutory,,cat@example.org"].join("\n");
    expect(errorsOf(parseRosterCsv(text))).toEqual([
      { line: 4, message: 'Line 4: a double quote (") opens a value that is never closed.' },
    ]);
  });

  it("says there are no members for empty input or a header alone", () => {
    for (const text of ["", "  \n\n", HEADER, `${HEADER}\n\n,,,,,\n`]) {
      const errors = errorsOf(parseRosterCsv(text));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/^Line 1: no members/);
    }
  });

  it("caps an import at 1000 members", () => {
    const body = Array.from({ length: 1001 }, (_, i) => `P${i},,Org,statutory,,p${i}@example.org`);
    expect(rowsOf(parseRosterCsv([HEADER, ...body.slice(0, 1000)].join("\n")))).toHaveLength(1000);
    expect(errorsOf(parseRosterCsv([HEADER, ...body].join("\n")))).toEqual([
      { line: 1002, message: "Line 1002: too many members: at most 1000 can be imported at once." },
    ]);
  });

  it("checks lengths and control characters", () => {
    const text = [HEADER, `${"N".repeat(121)},${"T".repeat(201)},${"O".repeat(121)},statutory,,a@example.org`, "Bell\u0007,,Org,statutory,,b@example.org"].join("\n");
    expect(errorsOf(parseRosterCsv(text)).map((e) => e.message)).toEqual([
      "Line 2: name is 121 characters long; the limit is 120.",
      "Line 2: title is 201 characters long; the limit is 200.",
      "Line 2: organisation is 121 characters long; the limit is 120.",
      "Line 3: name contains a control character (U+0007); please retype it.",
    ]);
  });

  it("rejects implausible emails", () => {
    for (const email of ["a@@example.org", "a b@example.org", "a@example", "@example.org", "a@.org", "a@example.", "a@b@example.org"]) {
      const errors = errorsOf(parseRosterCsv(`${HEADER}\nAnn,,Org,statutory,,"${email}"`));
      expect(errors[0]?.message).toMatch(/does not look like an email address/);
    }
  });
});

describe("parseRosterCsv: what people actually paste", () => {
  it("accepts header names in any case, with spaces, underscores and US spelling", () => {
    const text = "Full Name,JOB_TITLE,Organization,Category,Role,E-mail Address\nAnn,Boss,Essex Police,Statutory,Vice Chair,Ann@Example.org";
    expect(rowsOf(parseRosterCsv(text))[0]).toEqual({
      line: 2,
      name: "Ann",
      title: "Boss",
      organisation: "Essex Police",
      category: "statutory",
      role: "vice-chair",
      email: "ann@example.org",
    });
  });

  it("accepts only the columns that are required, with role defaulting to member", () => {
    const rows = rowsOf(parseRosterCsv("email,category,organisation,name\nann@example.org,co-opted,SERICC,Ann"));
    expect(rows[0]).toMatchObject({ title: "", role: "member", category: "co-opted" });
  });

  it.each([
    ["Non Statutory", "non-statutory"],
    ["non-statutory", "non-statutory"],
    ["NonStatutory", "non-statutory"],
    ["ex officio", "ex-officio"],
    ["Ex-Officio", "ex-officio"],
    ["coopted", "co-opted"],
    ["Co-opted", "co-opted"],
    [" STATUTORY ", "statutory"],
  ])("reads category %j as %s", (written, category) => {
    expect(rowsOf(parseRosterCsv(`${HEADER}\nAnn,,Org,${written},,ann@example.org`))[0]?.category).toBe(category);
  });

  it.each([
    ["Chair", "chair"],
    ["vice-chair", "vice-chair"],
    ["Vice Chair", "vice-chair"],
    ["vicechair", "vice-chair"],
    ["MANAGER", "manager"],
    ["", "member"],
  ])("reads role %j as %s", (written, role) => {
    expect(rowsOf(parseRosterCsv(`${HEADER}\nAnn,,Org,statutory,${written},ann@example.org`))[0]?.role).toBe(role);
  });

  it("reads tab-separated text pasted from Excel or Word", () => {
    // Built from the parsed fixture, so the commas inside titles stay inside their cells.
    const rows = rowsOf(parseRosterCsv(fixture));
    const text = [
      "Name\tTitle\tOrganisation\tCategory\tRole\tEmail",
      ...rows.map((r) => [r.name, r.title, r.organisation, r.category, r.role, r.email].join("\t")),
    ].join("\n");
    const again = rowsOf(parseRosterCsv(text));
    expect(again).toEqual(rows);
    expect(byName(again, "Michael Dineen").title).toBe("Acting Director, Counter Fraud, Community Safety and Resilience");
  });

  it("tolerates CRLF line ends and a BOM", () => {
    const rows = rowsOf(parseRosterCsv(`\uFEFF${fixture.replace(/\n/g, "\r\n")}`));
    expect(rows).toHaveLength(23);
    expect(rows[0]?.name).toBe("Jenny Barnett");
    expect(rows[22]).toMatchObject({ line: 24, email: "michelle.cunningham@example.org" });
  });

  it("skips blank lines but keeps counting them", () => {
    const rows = rowsOf(parseRosterCsv(`\n\n${HEADER}\n\nAnn,,Org,statutory,,ann@example.org\n   \nBob,,Org,statutory,,bob@example.org\n\n`));
    expect(rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it("accepts a space before a quoted value and quotes inside an unquoted one", () => {
    const rows = rowsOf(parseRosterCsv(`${HEADER}\nAnn "Annie" Smith, "Director, Housing", Thurrock Council, statutory, , ann@example.org`));
    expect(rows[0]).toMatchObject({ name: 'Ann "Annie" Smith', title: "Director, Housing", organisation: "Thurrock Council" });
  });

  it("reads escaped quotes inside quoted values", () => {
    const rows = rowsOf(parseRosterCsv(`${HEADER}\nAnn,"Lead for ""Safer Streets"", Grays",Org,statutory,,ann@example.org`));
    expect(rows[0]?.title).toBe('Lead for "Safer Streets", Grays');
  });

  it("warns about a second chair and about an organisation spelled two ways", () => {
    const text = [
      HEADER,
      "Ann,,Essex Police,statutory,chair,ann@example.org",
      "Bob,,Essex police,statutory,member,bob@example.org",
      "Cat,,Thurrock Council,statutory,chair,cat@example.org",
      "Dan,,Essex police,statutory,member,dan@example.org",
    ].join("\n");
    const result = parseRosterCsv(text);
    expect(result.ok && result.warnings).toEqual([
      "More than one chair (lines 2 and 4). Is that intended?",
      '"Essex police" (line 3) looks like "Essex Police" (line 2) spelled differently; quorum would count them as two organisations.',
    ]);
  });

  it("reads an HTML-wrapped Teams paste once it has been through plainTextFromTeams", () => {
    const html =
      `<p>${HEADER}</p>` +
      "<p>Jenny Barnett,Chief Superintendent,Essex Police,statutory,chair,jenny.barnett@example.org</p>" +
      "<p>Michael Dineen,&quot;Acting Director, Counter Fraud&quot;,Thurrock Council,statutory,vice-chair,michael.dineen@example.org<br>" +
      "Russ Freeman,,Essex County Fire &amp; Rescue Service,statutory,,<a href=\"mailto:russ.freeman@example.org\">russ.freeman@example.org</a></p>" +
      "<p>Jo O&#39;Neil,&nbsp;Director,Thurrock CVS,non statutory,,jo@example.org</p>";
    const rows = rowsOf(parseRosterCsv(plainTextFromTeams(html)));
    expect(rows.map((r) => [r.line, r.name, r.title, r.organisation, r.email])).toEqual([
      [2, "Jenny Barnett", "Chief Superintendent", "Essex Police", "jenny.barnett@example.org"],
      [3, "Michael Dineen", "Acting Director, Counter Fraud", "Thurrock Council", "michael.dineen@example.org"],
      [4, "Russ Freeman", "", "Essex County Fire & Rescue Service", "russ.freeman@example.org"],
      [5, "Jo O'Neil", "Director", "Thurrock CVS", "jo@example.org"],
    ]);
  });

  it("does not decode HTML itself: that is the caller's job", () => {
    const result = parseRosterCsv(`<p>${HEADER}</p>\n<p>Ann,,Org,statutory,,ann@example.org</p>`);
    expect(result.ok).toBe(false);
  });
});

describe("plainTextFromTeams", () => {
  it("turns paragraphs and line breaks into lines and decodes entities once", () => {
    expect(plainTextFromTeams("<div><p>a &amp; b</p><p>c<br/>d&nbsp;e &amp;lt; &#x41;&#66;</p></div>")).toBe("a & b\nc\nd e &lt; AB\n\n");
  });

  it("turns a pasted table into tab-separated lines", () => {
    const html = "<table><tbody><tr><td>name</td><td>email</td></tr><tr><td><p>Ann</p></td><td>ann@example.org</td></tr></tbody></table>";
    expect(plainTextFromTeams(html)).toBe("name\temail\nAnn\tann@example.org\n");
  });

  it("leaves plain text that merely contains angle brackets alone", () => {
    expect(plainTextFromTeams("Ann <ann@example.org>\r\nif a < b")).toBe("Ann <ann@example.org>\nif a < b");
  });
});
