import { decide, eligibleVoters, neededApprovals, SignOffRule, VoteOption, DEFAULT_SIGN_OFF_RULE } from "../../bot/rules/signOff";
import { parseRosterCsv } from "../../bot/rules/roster/rosterCsv";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

const SIX = ["police", "council", "probation", "panel", "fire", "icb"];
const NOW = new Date("2024-03-25T12:00:00Z");
const DEADLINE = new Date("2024-04-08T17:00:00Z");
const votes = (entries: [string, VoteOption][]) => new Map(entries);
const majority = DEFAULT_SIGN_OFF_RULE;

test("the fixture board's statutory partners are six voters, one per organisation", () => {
  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("fixture");
  const roster = parsed.rows.map((r) => ({ ...r, id: r.email, status: "active" as const, updatedAt: "" }));
  expect([...eligibleVoters(roster, majority).values()].sort()).toEqual([
    "Essex County Fire and Rescue Service", "Essex Police", "Mid and South Essex ICB", "Police Fire and Crime Panel", "The Probation Service", "Thurrock Council",
  ]);
  expect(eligibleVoters(roster, { ...majority, voters: "all-members" }).size).toBe(23);
});

test("a majority of 6 is 4: approved at the fourth approval, not before", () => {
  expect(neededApprovals(majority, 6)).toBe(4);
  const three = decide(SIX, votes([["police", "approve"], ["council", "approve"], ["probation", "approve-amendments"]]), majority, NOW, DEADLINE);
  expect(three).toMatchObject({ state: "open", approvals: 3, moreNeeded: 1 });
  const four = decide(SIX, votes([["police", "approve"], ["council", "approve"], ["probation", "approve-amendments"], ["panel", "approve"]]), majority, NOW, DEADLINE);
  expect(four).toMatchObject({ state: "approved", approvals: 4, moreNeeded: 0 });
});

test("abstentions are votes that do not approve; enough of them make it impossible", () => {
  const abstain = decide(SIX, votes([["police", "abstain"], ["council", "abstain"]]), majority, NOW, DEADLINE);
  expect(abstain).toMatchObject({ state: "open", abstentions: 2, notVoted: 4 });
  const three = decide(SIX, votes([["police", "abstain"], ["council", "abstain"], ["fire", "abstain"]]), majority, NOW, DEADLINE);
  expect(three.state).toBe("rejected");
});

test("rejected as soon as it can no longer pass; before that a vote changed from reject to approve counts", () => {
  const two = votes([["police", "reject"], ["council", "reject"]]);
  expect(decide(SIX, two, majority, NOW, DEADLINE).state).toBe("open");
  two.set("police", "approve");
  expect(decide(SIX, two, majority, NOW, DEADLINE)).toMatchObject({ state: "open", approvals: 1, rejections: 1 });
  const three = votes([["police", "reject"], ["council", "reject"], ["fire", "reject"]]);
  expect(decide(SIX, three, majority, NOW, DEADLINE).state).toBe("rejected");
});

test("unanimity needs every voter to approve; one rejection ends it", () => {
  const unanimous: SignOffRule = { ...majority, pass: { kind: "unanimous" } };
  const five = votes(SIX.slice(0, 5).map((k) => [k, "approve"] as [string, VoteOption]));
  expect(decide(SIX, five, unanimous, NOW, DEADLINE)).toMatchObject({ state: "open", moreNeeded: 1 });
  five.set("icb", "approve");
  expect(decide(SIX, five, unanimous, NOW, DEADLINE).state).toBe("approved");
  expect(decide(SIX, votes([["fire", "reject"]]), unanimous, NOW, DEADLINE).state).toBe("rejected");
});

test("at least N", () => {
  const two: SignOffRule = { ...majority, pass: { kind: "at-least", count: 2 } };
  expect(decide(SIX, votes([["police", "approve"]]), two, NOW, DEADLINE).state).toBe("open");
  expect(decide(SIX, votes([["police", "approve"], ["fire", "approve-amendments"]]), two, NOW, DEADLINE).state).toBe("approved");
  const seven: SignOffRule = { ...majority, pass: { kind: "at-least", count: 7 } };
  expect(decide(SIX, votes([]), seven, NOW, DEADLINE).state).toBe("rejected");
});

test("silence is never consent: at the deadline an undecided sign-off expires", () => {
  const some = votes([["police", "approve"], ["council", "approve"]]);
  expect(decide(SIX, some, majority, DEADLINE, DEADLINE)).toMatchObject({ state: "expired", approvals: 2, notVoted: 4 });
  expect(decide(SIX, some, majority, new Date(DEADLINE.getTime() - 1), DEADLINE).state).toBe("open");
});

test("votes from keys that are not eligible are ignored", () => {
  expect(decide(SIX, votes([["savills", "approve"], ["police", "approve"]]), majority, NOW, DEADLINE).approvals).toBe(1);
});
