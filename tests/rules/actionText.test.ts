import { parseActionText, NO_OWNER, type ActionParse } from "../../bot/rules/actionText";

const LONDON = "Europe/London";
// Monday 18 March 2024, 9am GMT: three days before the 21 March 2024 board.
const MONDAY = new Date("2024-03-18T09:00:00.000Z");
const CHERYL = { name: "Cheryl Wells", id: "29:cheryl" };
const GRAHAM = { name: "Graham Carey", id: "29:graham" };
const MARY = { name: "Mary Delaney", id: "29:mary" };
const MICHELLE = { name: "Michelle Cunningham", id: "29:michelle" };

type Ok = Extract<ActionParse, { ok: true }>;

function read(text: string, mentions = [CHERYL, GRAHAM, MARY, MICHELLE], now = MONDAY, timeZone = LONDON): Ok {
  const result = parseActionText(text, { timeZone, now, mentions });
  if (!result.ok) throw new Error(`expected an action from "${text}", got: ${result.message}`);
  return result;
}

function refusal(text: string, mentions = [CHERYL, GRAHAM], now = MONDAY): string {
  const result = parseActionText(text, { timeZone: LONDON, now, mentions });
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result)}`);
  return result.message;
}

describe("parseActionText: owners as the chair types them", () => {
  it("reads a mention, the action and a due date", () => {
    expect(read("for @Cheryl Wells: circulate the Prevent strategy to statutory partners by 20 June")).toEqual({
      ok: true,
      owners: [{ kind: "mention", name: "Cheryl Wells", id: "29:cheryl" }],
      text: "Circulate the Prevent strategy to statutory partners",
      due: { kind: "date", date: "2024-06-20" },
    });
  });

  it("matches a mention shortened to a first name to the full person", () => {
    // Teams lets you trim "@Graham Carey" to "@Graham"; the mention list still has the full name.
    expect(read("for @Graham and @Mary: meet to discuss the closure of the custody suite").owners).toEqual([
      { kind: "mention", name: "Graham Carey", id: "29:graham" },
      { kind: "mention", name: "Mary Delaney", id: "29:mary" },
    ]);
  });

  it("tells apart two mentions that share a first name by the order Teams lists them", () => {
    const other = { name: "Graham Smith", id: "29:graham-smith" };
    expect(read("for @Graham and @Graham: agree the funding split", [GRAHAM, other]).owners.map((o) => o.kind === "mention" && o.id)).toEqual([
      "29:graham",
      "29:graham-smith",
    ]);
    // The longer written name wins over a shared first word.
    expect(read("for @Graham Smith: agree the funding split", [GRAHAM, other]).owners).toEqual([{ kind: "mention", name: "Graham Smith", id: "29:graham-smith" }]);
  });

  it("reads a display name written surname first, whole or by one word", () => {
    const wells = { name: "Wells, Cheryl", id: "29:cheryl" };
    expect(read("for @Wells, Cheryl and @Graham: agree the sign-off route", [wells, GRAHAM]).owners.map((o) => o.name)).toEqual(["Wells, Cheryl", "Graham Carey"]);
    expect(read("for @Cheryl: agree the sign-off route", [wells]).owners).toEqual([{ kind: "mention", name: "Wells, Cheryl", id: "29:cheryl" }]);
  });

  it("reads a due date put before the colon", () => {
    expect(read("for @Cheryl Wells by 20 June: circulate the Prevent strategy", [CHERYL])).toMatchObject({
      text: "Circulate the Prevent strategy",
      due: { kind: "date", date: "2024-06-20" },
    });
  });

  it("reads a list with commas, 'and' and a dash", () => {
    const result = read("for @Cheryl Wells, @Graham and @Mary - draft the Serious Violence Duty delivery plan");
    expect(result.owners.map((o) => o.name)).toEqual(["Cheryl Wells", "Graham Carey", "Mary Delaney"]);
    expect(result.text).toBe("Draft the Serious Violence Duty delivery plan");
  });

  it("keeps someone outside the roster by name and organisation", () => {
    expect(read("for Kate Taylor (Police): review the CCTV protocol by next meeting")).toEqual({
      ok: true,
      owners: [{ kind: "name", name: "Kate Taylor", organisation: "Police" }],
      text: "Review the CCTV protocol",
      due: { kind: "next-meeting" },
    });
  });

  it("keeps initials as a name, to match against the roster later", () => {
    expect(read("for MC to share the self-assessment with partners by the next meeting")).toEqual({
      ok: true,
      owners: [{ kind: "name", name: "MC" }],
      text: "Share the self-assessment with partners",
      due: { kind: "next-meeting" },
    });
  });

  it("needs no colon after a mention", () => {
    expect(read("for @Cheryl Wells circulate the Prevent strategy by 20/06/2024")).toMatchObject({
      owners: [{ kind: "mention", id: "29:cheryl" }],
      text: "Circulate the Prevent strategy",
      due: { kind: "date", date: "2024-06-20" },
    });
  });

  it('reads minutes style "<who> to <do>" without "for"', () => {
    expect(read("JB to contact statutory partners to improve attendance")).toEqual({
      ok: true,
      owners: [{ kind: "name", name: "JB" }],
      text: "Contact statutory partners to improve attendance",
    });
    expect(read("Graham Carey and Mary Delaney to meet to discuss the temporary closure of the custody suite").owners).toEqual([
      { kind: "name", name: "Graham Carey" },
      { kind: "name", name: "Mary Delaney" },
    ]);
    expect(read("(GC) to facilitate visits to best practice areas").owners).toEqual([{ kind: "name", name: "GC" }]);
  });

  it("leaves the due date out when none is given", () => {
    const result = read("for Jenny: draft a letter to encourage representation at an appropriate level");
    expect(result.owners).toEqual([{ kind: "name", name: "Jenny" }]);
    expect(result.text).toBe("Draft a letter to encourage representation at an appropriate level");
    expect(result.due).toBeUndefined();
  });

  it("accepts any words as a name between 'for' and a colon", () => {
    expect(read("for the chair: write to statutory partners about attendance").owners).toEqual([{ kind: "name", name: "the chair" }]);
  });

  it("refuses an action with no owner, and says how to give one", () => {
    expect(refusal("circulate the Prevent strategy by 20 June")).toBe(NO_OWNER);
    expect(refusal("for : circulate the strategy")).toBe(NO_OWNER);
    // Minutes style without "for": a leading verb is not a person.
    expect(refusal("Circulate to statutory partners for sign-off")).toBe(NO_OWNER);
    expect(refusal("")).toBe("Say who owns it: action for @Name: what to do by when");
  });

  it("asks for a colon when it can't tell where a typed name ends", () => {
    expect(refusal("for Kate Taylor review the CCTV protocol")).toMatch(/Put a colon after it/);
  });

  it("refuses an owner with nothing to do", () => {
    expect(refusal("for @Cheryl Wells:")).toBe("Say what is to be done: action for @Name: what to do by when");
    expect(refusal("for @Cheryl Wells by 20 June")).toMatch(/^Say what is to be done/);
  });
});

describe("parseActionText: due dates", () => {
  const due = (text: string, now = MONDAY) => read(`for @Cheryl Wells: circulate the minutes ${text}`, [CHERYL], now).due;

  it("reads the forms minutes use", () => {
    expect(due("by end of May")).toEqual({ kind: "date", date: "2024-05-31" });
    expect(due("by the end of the month")).toEqual({ kind: "date", date: "2024-03-31" });
    expect(due("by Friday")).toEqual({ kind: "date", date: "2024-03-22" });
    expect(due("by 20/06/2024")).toEqual({ kind: "date", date: "2024-06-20" });
    expect(due("by June 20")).toEqual({ kind: "date", date: "2024-06-20" });
    expect(due("no later than 1st April")).toEqual({ kind: "date", date: "2024-04-01" });
    expect(due("by the end of the financial year")).toEqual({ kind: "date", date: "2024-03-31" });
    expect(due("by end of the week")).toEqual({ kind: "date", date: "2024-03-22" });
  });

  it("reads every way of saying the next meeting", () => {
    for (const words of ["before the next meeting", "at the next meeting", "by next meeting", "for the next meeting", "by the time of the next meeting"]) {
      expect(due(words)).toEqual({ kind: "next-meeting" });
    }
  });

  it("takes the next occurrence on or after today in the partnership's zone", () => {
    // 10 January has gone by March, so it means next year's.
    expect(due("by 10 January")).toEqual({ kind: "date", date: "2025-01-10" });
    // On the Friday itself, "by Friday" is today, even late in the evening.
    expect(due("by Friday", new Date("2024-03-22T22:30:00.000Z"))).toEqual({ kind: "date", date: "2024-03-22" });
    // 11:30pm UTC on Sunday 31 March is already Monday 1 April in London (BST).
    expect(due("by Monday", new Date("2024-03-31T23:30:00.000Z"))).toEqual({ kind: "date", date: "2024-04-01" });
  });

  it("cuts the due phrase out of the action wherever it sits", () => {
    const result = read("for @Cheryl Wells: circulate the strategy by 20 June to statutory partners for sign-off", [CHERYL]);
    expect(result.text).toBe("Circulate the strategy to statutory partners for sign-off");
    expect(result.due).toEqual({ kind: "date", date: "2024-06-20" });
  });

  it("takes the last 'by' that names a day, and leaves other uses of 'by' alone", () => {
    const result = read("for @Cheryl Wells: check the figures produced by the police by 12 April", [CHERYL]);
    expect(result.text).toBe("Check the figures produced by the police");
    expect(result.due).toEqual({ kind: "date", date: "2024-04-12" });
    // A month alone is no due date, and here it is a name.
    expect(read("for @Cheryl Wells: agree the plan drafted by June Smith", [CHERYL]).due).toBeUndefined();
  });

  it("does not mistake a financial year for a date", () => {
    const result = read("for MC: recirculate the Annual report 23/24 to statutory partners by 28 March");
    expect(result.text).toBe("Recirculate the Annual report 23/24 to statutory partners");
    expect(result.due).toEqual({ kind: "date", date: "2024-03-28" });
  });

  it("refuses a date that does not exist, naming it", () => {
    expect(refusal("for @Cheryl Wells: circulate the strategy by 31 June")).toBe("There is no 31 June: please check the due date.");
    expect(refusal("for @Cheryl Wells: circulate the strategy by 30/02/2024")).toBe("There is no 30/02/2024: please check the due date.");
  });

  it("refuses a due date that has passed, but allows today", () => {
    expect(refusal("for @Cheryl Wells: circulate the strategy by 20 June 2023")).toBe("The due date, 20 June 2023, has already passed: please check it.");
    expect(refusal("for @Cheryl Wells: circulate the strategy by yesterday")).toMatch(/17 March 2024, has already passed/);
    expect(due("by 18 March 2024")).toEqual({ kind: "date", date: "2024-03-18" });
  });
});

describe("parseActionText: limits", () => {
  it("refuses an action over 1000 characters, giving its length", () => {
    expect(refusal(`for @Cheryl Wells: ${"x".repeat(1001)}`)).toBe("An action can be at most 1000 characters; this one is 1001.");
    expect(read(`for @Cheryl Wells: ${"x".repeat(1000)}`, [CHERYL]).text).toHaveLength(1000);
  });

  it("refuses a huge paste before reading it", () => {
    expect(refusal(`for @Cheryl Wells: ${"circulate ".repeat(50_000)}`)).toMatch(/^An action can be at most 1000 characters; this one is \d{6}\.$/);
  });

  it("does not repeat an owner named twice", () => {
    expect(read("for @Cheryl Wells and @Cheryl Wells: circulate the strategy").owners).toHaveLength(1);
  });
});
