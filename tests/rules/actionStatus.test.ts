import { applyUpdate, isOutstanding, parseStatusWord, statusWords, type UpdateRequest } from "../../bot/rules/actionStatus";
import type { Action } from "../../bot/rules/actionTypes";

// Raised at the 21 March 2024 board: item 1.1, the chair to write about attendance.
const RAISED: Action = {
  partnershipId: "thurrock-csp",
  ref: "A-2024-017",
  seq: 17,
  year: 2024,
  text: "Draft a letter to encourage representation at an appropriate level",
  owners: [{ kind: "member", memberId: "m-jenny", name: "Jenny Barnett" }],
  due: { kind: "next-meeting" },
  status: "open",
  raisedAt: "2024-03-21T15:10:00.000Z",
  raisedBy: "m-michelle",
  meetingId: "2024-03-21T14:00",
  agendaItem: "1.1",
  history: [],
  updatedAt: "2024-03-21T15:10:00.000Z",
};

const by = { by: "m-michelle", byName: "Michelle Cunningham" };

function updated(action: Action, request: Omit<UpdateRequest, "by" | "byName">): Action {
  const result = applyUpdate(action, { ...by, ...request });
  if (!result.ok) throw new Error(`expected the update to apply, got: ${result.message}`);
  return result.action;
}

function refusal(action: Action, request: Omit<UpdateRequest, "by" | "byName">): string {
  const result = applyUpdate(action, { ...by, ...request });
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.update)}`);
  return result.message;
}

describe("applyUpdate", () => {
  it("moves the status, stamps updatedAt and keeps who, when, from, to and note", () => {
    const result = applyUpdate(RAISED, { ...by, to: "in-progress", note: "Draft with the chair for comment", at: "2024-04-02T10:00:00.000Z" });
    expect(result).toEqual({
      ok: true,
      update: { at: "2024-04-02T10:00:00.000Z", by: "m-michelle", byName: "Michelle Cunningham", from: "open", to: "in-progress", note: "Draft with the chair for comment" },
      action: expect.objectContaining({ status: "in-progress", updatedAt: "2024-04-02T10:00:00.000Z" }),
    });
    // The stored action is not changed behind the caller's back: storage writes the new one.
    expect(RAISED.history).toEqual([]);
    expect(RAISED.status).toBe("open");
  });

  it("keeps every update, oldest first", () => {
    let action = updated(RAISED, { to: "in-progress", at: "2024-04-02T10:00:00.000Z" });
    action = updated(action, { to: "done", note: "Letter sent to all statutory partners on 5 April", at: "2024-04-05T16:00:00.000Z" });
    expect(action.history.map((u) => `${u.from}>${u.to}`)).toEqual(["open>in-progress", "in-progress>done"]);
    expect(action.history[0]?.note).toBeUndefined();
  });

  it("needs a note to close an action, saying what was done", () => {
    expect(refusal(RAISED, { to: "done", at: "2024-04-05T16:00:00.000Z" })).toBe("Say what was done: a note is needed to close an action.");
    expect(refusal(RAISED, { to: "done", note: "   ", at: "2024-04-05T16:00:00.000Z" })).toBe("Say what was done: a note is needed to close an action.");
  });

  it("needs a note to drop an action, saying why", () => {
    expect(refusal(RAISED, { to: "dropped", at: "2024-04-05T16:00:00.000Z" })).toBe("Say why it was dropped: a note is needed to drop an action.");
    expect(updated(RAISED, { to: "dropped", note: "Superseded by the new terms of reference", at: "2024-04-05T16:00:00.000Z" }).status).toBe("dropped");
  });

  it("refuses a note over 1000 characters, giving its length", () => {
    expect(refusal(RAISED, { to: "in-progress", note: "x".repeat(1001), at: "2024-04-05T16:00:00.000Z" })).toBe(
      "A note can be at most 1000 characters; this one is 1001.",
    );
  });

  it("refuses the same status with no note as no change, but keeps a progress note", () => {
    expect(refusal(RAISED, { to: "open", at: "2024-04-05T16:00:00.000Z" })).toBe("A-2024-017 is already open: no change to record.");
    const noted = updated(RAISED, { to: "open", note: "Chair asked for figures first", at: "2024-04-05T16:00:00.000Z" });
    expect(noted.status).toBe("open");
    expect(noted.history).toEqual([expect.objectContaining({ from: "open", to: "open", note: "Chair asked for figures first" })]);
  });

  it("reopens a closed action only with a reason", () => {
    const done = updated(RAISED, { to: "done", note: "Letter sent", at: "2024-04-05T16:00:00.000Z" });
    expect(refusal(done, { to: "open", at: "2024-06-20T14:30:00.000Z" })).toBe("Say why A-2024-017 is being reopened: a note is needed to reopen an action.");
    const reopened = updated(done, { to: "in-progress", note: "Attendance still low at the June board", at: "2024-06-20T14:30:00.000Z" });
    expect(reopened.status).toBe("in-progress");
    expect(reopened.history).toHaveLength(2);
  });

  it("refuses a status it doesn't know, since commands pass words through", () => {
    expect(refusal(RAISED, { to: "finished" as never, at: "2024-04-05T16:00:00.000Z" })).toMatch(/isn't a status/);
  });
});

describe("status words", () => {
  it("names each status for people", () => {
    expect(["open", "in-progress", "done", "dropped"].map((s) => statusWords(s as Action["status"]))).toEqual(["Open", "In progress", "Done", "Dropped"]);
  });

  it("reads the words people type", () => {
    expect(parseStatusWord("In progress")).toBe("in-progress");
    expect(parseStatusWord("in-progress")).toBe("in-progress");
    expect(parseStatusWord("Completed")).toBe("done");
    expect(parseStatusWord("cancelled")).toBe("dropped");
    expect(parseStatusWord("reopen")).toBe("open");
    expect(parseStatusWord("later")).toBeUndefined();
  });

  it("counts open and in progress as outstanding", () => {
    expect(["open", "in-progress", "done", "dropped"].map((status) => isOutstanding({ status: status as Action["status"] }))).toEqual([true, true, false, false]);
  });
});
