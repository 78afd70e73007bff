import { Attendance, DEFAULT_QUORUM_RULE } from "../../bot/domain/types";
import { deputisingFor, joinDecision, leaveDecision } from "../../bot/rules/onlineAttendance";

const rule = DEFAULT_QUORUM_RULE;
const row = (over: Partial<Attendance>): Attendance => ({ meetingId: "m", memberId: "a", status: "present", recordedBy: "a", recordedAt: "2024-03-21T14:00:00.000Z", ...over });

describe("a join from Teams", () => {
  it("checks in someone not yet recorded, with apologies, absent or gone", () => {
    expect(joinDecision(undefined, "2024-03-21T14:01:00.000Z", rule)).toEqual({ change: true });
    expect(joinDecision(row({ status: "apologies" }), "2024-03-21T14:01:00.000Z", rule)).toEqual({ change: true });
    expect(joinDecision(row({ leftAt: "2024-03-21T14:00:00.000Z" }), "2024-03-21T14:01:00.000Z", rule)).toEqual({ change: true });
  });

  it("changes nothing for someone already present, or a substitute already standing in", () => {
    expect(joinDecision(row({}), "2024-03-21T14:01:00.000Z", rule)).toEqual({ change: false, why: "present" });
    expect(joinDecision(row({ status: "present-substitute", substituteName: "Michelle Fraser" }), "2024-03-21T14:01:00.000Z", { ...rule, deputiesCount: false })).toEqual({ change: false, why: "present" });
  });

  it("never overwrites a record changed after the join happened", () => {
    const left = row({ leftAt: "2024-03-21T14:30:00.000Z", recordedAt: "2024-03-21T14:30:00.000Z" });
    expect(joinDecision(left, "2024-03-21T14:10:00.000Z", rule)).toEqual({ change: false, why: "newer" });
    expect(joinDecision(left, "2024-03-21T14:31:00.000Z", rule)).toEqual({ change: true });
  });
});

describe("a leave from Teams", () => {
  it("records the departure of someone present, not of someone never here", () => {
    expect(leaveDecision(row({}), "2024-03-21T14:30:00.000Z", rule)).toEqual({ change: true });
    expect(leaveDecision(undefined, "2024-03-21T14:30:00.000Z", rule)).toEqual({ change: false, why: "not-present" });
    expect(leaveDecision(row({ status: "apologies" }), "2024-03-21T14:30:00.000Z", rule)).toEqual({ change: false, why: "not-present" });
  });

  it("is ignored when older than the record", () => {
    expect(leaveDecision(row({ recordedAt: "2024-03-21T14:40:00.000Z" }), "2024-03-21T14:30:00.000Z", rule)).toEqual({ change: false, why: "newer" });
  });
});

describe("a deputy joining", () => {
  it("is matched to the member whose apology names them, and to nobody when unnamed or ambiguous", () => {
    const probation = row({ memberId: "p", status: "apologies-substitute", substituteName: "Michelle Fraser" });
    const other = row({ memberId: "q", status: "apologies" });
    expect(deputisingFor("Michelle Fraser", [other, probation])).toBe(probation);
    expect(deputisingFor("michelle fraser", [probation])).toBe(probation);
    expect(deputisingFor("Sam Stranger", [other, probation])).toBeUndefined();
    expect(deputisingFor("Michelle Fraser", [probation, { ...probation, memberId: "r" }])).toBeUndefined();
  });
});
