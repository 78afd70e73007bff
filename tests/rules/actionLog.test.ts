import { actionLog, dueText, isOverdue, ownerText, type LogOptions } from "../../bot/rules/actionLog";
import type { Action, ActionOwner, ActionUpdate } from "../../bot/rules/actionTypes";

const LONDON = "Europe/London";
// Monday 18 March 2024, 9am GMT; the next board is Thursday 21 March.
const NOW = new Date("2024-03-18T09:00:00.000Z");
const NEXT_MEETING = "2024-03-21";
const CHERYL: ActionOwner = { kind: "member", memberId: "m-cheryl", name: "Cheryl Wells" };
const MICHELLE: ActionOwner = { kind: "member", memberId: "m-michelle", name: "Michelle Cunningham" };
const KATE: ActionOwner = { kind: "outside", name: "Kate Taylor", organisation: "Police" };

function action(seq: number, fields: Partial<Action> = {}, year = 2024): Action {
  return {
    partnershipId: "thurrock-csp",
    ref: `A-${year}-${String(seq).padStart(3, "0")}`,
    seq,
    year,
    text: `Action ${seq}`,
    owners: [MICHELLE],
    status: "open",
    raisedAt: "2023-12-12T15:00:00.000Z",
    raisedBy: "m-michelle",
    history: [],
    updatedAt: "2023-12-12T15:00:00.000Z",
    ...fields,
  };
}

function closed(seq: number, status: "done" | "dropped", at: string, fields: Partial<Action> = {}): Action {
  const update: ActionUpdate = { at, by: "m-michelle", byName: "Michelle Cunningham", from: "open", to: status, note: "Closed at the board" };
  return action(seq, { status, history: [update], updatedAt: at, ...fields });
}

const date = (d: string) => ({ kind: "date" as const, date: d });

// The log after the 12 December board, as it stands three days before the March board.
const LOG: Action[] = [
  action(1, { text: "Produce a breakdown of the Joint Funding Pot", due: { kind: "next-meeting" } }),
  closed(2, "done", "2024-03-10T12:00:00.000Z"),
  action(3, { text: "Circulate the full definition of wounding with the minutes", owners: [{ kind: "outside", name: "Lyn Snell" }], due: date("2024-03-01") }),
  closed(4, "dropped", "2023-10-01T12:00:00.000Z"),
  action(5, { status: "in-progress", owners: [CHERYL, KATE], due: date("2024-03-15") }),
  closed(6, "done", "2024-03-15T12:00:00.000Z", { owners: [CHERYL] }),
  action(7, { due: date("2024-03-20") }),
  action(8, { text: "Draft a letter to encourage representation" }),
];

const opts = (more: Partial<LogOptions> = {}): LogOptions => ({ now: NOW, timeZone: LONDON, nextMeetingDate: NEXT_MEETING, page: 1, ...more });
const refs = (items: { action: Action }[]) => items.map((i) => i.action.ref);

describe("actionLog: order", () => {
  it("shows outstanding first (overdue, then by due date, no date last), then recently completed, newest first", () => {
    const log = actionLog(LOG, opts());
    expect(refs(log.items)).toEqual(["A-2024-003", "A-2024-005", "A-2024-007", "A-2024-001", "A-2024-008", "A-2024-006", "A-2024-002"]);
    expect(log.items.map((i) => i.overdue)).toEqual([true, true, false, false, false, false, false]);
    expect(log).toMatchObject({ page: 1, pages: 1, total: 7, outstanding: 5, overdue: 2 });
  });

  it("hides completed actions older than recentDays unless asked for", () => {
    expect(refs(actionLog(LOG, opts()).items)).not.toContain("A-2024-004");
    expect(refs(actionLog(LOG, opts({ recentDays: 5 })).items)).toEqual(["A-2024-003", "A-2024-005", "A-2024-007", "A-2024-001", "A-2024-008", "A-2024-006"]);
    expect(refs(actionLog(LOG, opts({ status: "completed" })).items)).toEqual(["A-2024-006", "A-2024-002", "A-2024-004"]);
  });

  it("places next-meeting actions after dated ones when the next meeting isn't set", () => {
    const log = actionLog(LOG, opts({ nextMeetingDate: undefined, status: "outstanding" }));
    expect(refs(log.items)).toEqual(["A-2024-003", "A-2024-005", "A-2024-007", "A-2024-001", "A-2024-008"]);
    expect(log.items[3]?.dueText).toBe("Next meeting");
  });

  it("orders equal due dates by ref number, across years", () => {
    const log = actionLog([action(100, { due: date("2024-04-01") }), action(17, { due: date("2024-04-01") }), action(2, { due: date("2024-04-01") }, 2025)], opts());
    expect(refs(log.items)).toEqual(["A-2024-017", "A-2024-100", "A-2025-002"]);
  });
});

describe("actionLog: overdue", () => {
  it("is overdue only once the due day has passed in the partnership's zone", () => {
    const dueToday = action(9, { due: date("2024-03-18") });
    expect(actionLog([dueToday], opts()).items[0]?.overdue).toBe(false);
    // 11:30pm UTC on 31 March is already 1 April in London: a 31 March action is now overdue.
    const late = { now: new Date("2024-03-31T23:30:00.000Z"), timeZone: LONDON };
    expect(isOverdue(action(9, { due: date("2024-03-31") }), late)).toBe(true);
    expect(isOverdue(action(9, { due: date("2024-03-31") }), { ...late, timeZone: "America/New_York" })).toBe(false);
  });

  it("never marks a completed or undated action overdue", () => {
    expect(isOverdue(closed(2, "done", "2024-03-10T12:00:00.000Z", { due: date("2024-01-01") }), { now: NOW, timeZone: LONDON })).toBe(false);
    expect(isOverdue(action(8), { now: NOW, timeZone: LONDON })).toBe(false);
  });
});

describe("actionLog: filters", () => {
  it("filters by owner: member id, part of a name, or organisation", () => {
    expect(refs(actionLog(LOG, opts({ owner: "m-cheryl" })).items)).toEqual(["A-2024-005", "A-2024-006"]);
    expect(refs(actionLog(LOG, opts({ owner: "kate" })).items)).toEqual(["A-2024-005"]);
    expect(refs(actionLog(LOG, opts({ owner: "Police" })).items)).toEqual(["A-2024-005"]);
    expect(refs(actionLog(LOG, opts({ owner: "Snell" })).items)).toEqual(["A-2024-003"]);
    expect(actionLog(LOG, opts({ owner: "  " })).total).toBe(7);
  });

  it("filters by status, counting only what matches", () => {
    expect(refs(actionLog(LOG, opts({ status: "in-progress" })).items)).toEqual(["A-2024-005"]);
    expect(refs(actionLog(LOG, opts({ status: "dropped" })).items)).toEqual(["A-2024-004"]);
    expect(actionLog(LOG, opts({ status: "outstanding" }))).toMatchObject({ total: 5, outstanding: 5, overdue: 2 });
    expect(actionLog(LOG, opts({ status: "done" }))).toMatchObject({ total: 2, outstanding: 0, overdue: 0 });
  });
});

describe("actionLog: pages", () => {
  const many = Array.from({ length: 25 }, (_, i) => action(i + 1, { due: date("2024-04-01") }));

  it("pages 10 at a time, and brings an out-of-range page into range", () => {
    expect(actionLog(many, opts())).toMatchObject({ page: 1, pages: 3, total: 25 });
    expect(refs(actionLog(many, opts({ page: 3 })).items)).toEqual(["A-2024-021", "A-2024-022", "A-2024-023", "A-2024-024", "A-2024-025"]);
    expect(actionLog(many, opts({ page: 99 })).page).toBe(3);
    expect(actionLog(many, opts({ page: 0 })).page).toBe(1);
    expect(actionLog([], opts())).toMatchObject({ items: [], page: 1, pages: 1, total: 0 });
  });
});

describe("actionLog: what each line shows", () => {
  it("writes due dates, owners and the latest update", () => {
    const log = actionLog(LOG, opts());
    const byRef = (ref: string) => log.items.find((i) => i.action.ref === ref);
    expect(byRef("A-2024-003")?.dueText).toBe("1 March 2024");
    expect(byRef("A-2024-001")?.dueText).toBe("Next meeting (21 March 2024)");
    expect(byRef("A-2024-008")?.dueText).toBe("No date");
    expect(byRef("A-2024-005")?.ownerText).toBe("Cheryl Wells, Kate Taylor (Police)");
    expect(byRef("A-2024-006")).toMatchObject({ latest: { to: "done", note: "Closed at the board" }, earlierUpdates: 0 });
    expect(byRef("A-2024-008")?.latest).toBeUndefined();
  });

  it("formats owners and due dates the same way outside the log", () => {
    expect(ownerText([CHERYL, KATE, { kind: "outside", name: "Lyn Snell" }])).toBe("Cheryl Wells, Kate Taylor (Police), Lyn Snell");
    expect(dueText(date("2024-06-20"))).toBe("20 June 2024");
  });
});

describe("actionLog: a partnership with years of actions", () => {
  it("orders and counts 5,000 actions", () => {
    const statuses = ["open", "in-progress", "done", "dropped"] as const;
    const actions = Array.from({ length: 5000 }, (_, i) => {
      const status = statuses[i % 4] ?? "open";
      const day = new Date(Date.UTC(2023, 0, 1 + (i % 600))).toISOString().slice(0, 10);
      const due = i % 7 === 0 ? undefined : i % 11 === 0 ? { kind: "next-meeting" as const } : date(day);
      const fields: Partial<Action> = { status, ...(due ? { due } : {}) };
      return status === "done" || status === "dropped" ? closed(i + 1, status, `${day}T12:00:00.000Z`, fields) : action(i + 1, fields);
    });
    const outstanding = actions.filter((a) => a.status === "open" || a.status === "in-progress");
    const overdue = outstanding.filter((a) => a.due?.kind === "date" && a.due.date < "2024-03-18");
    const recent = actions.filter((a) => (a.status === "done" || a.status === "dropped") && Date.parse(a.updatedAt) >= NOW.getTime() - 90 * 86_400_000);

    const first = actionLog(actions, opts());
    expect(first).toMatchObject({ total: outstanding.length + recent.length, outstanding: outstanding.length, overdue: overdue.length });
    expect(first.pages).toBe(Math.ceil(first.total / 10));

    // The whole log on one page: outstanding before completed, overdue before not, due dates never going back.
    const all = actionLog(actions, opts({ pageSize: 5000 })).items;
    expect(all).toHaveLength(first.total);
    expect(new Set(refs(all)).size).toBe(first.total);
    const open = all.filter((i) => i.action.status === "open" || i.action.status === "in-progress");
    expect(all.slice(0, open.length)).toEqual(open);
    expect(open.slice(0, overdue.length).every((i) => i.overdue)).toBe(true);
    const dueOf = (a: Action) => (a.due?.kind === "date" ? a.due.date : a.due ? NEXT_MEETING : "9999");
    const dues = open.slice(overdue.length).map((i) => dueOf(i.action));
    expect(dues).toEqual([...dues].sort());
  });
});
