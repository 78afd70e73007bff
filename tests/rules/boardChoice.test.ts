import { boardNamedIn } from "../../bot/rules/boardChoice";

const thurrock = { id: "p1", name: "Thurrock CSP" };
const basildon = { id: "p2", name: "Basildon Community Safety Partnership" };
const boards = [thurrock, basildon];

test("a distinctive word of a board's name picks it", () => {
  expect(boardNamedIn("apologies for the Basildon board on the 18th", boards)).toBe(basildon);
  expect(boardNamedIn("my actions for thurrock", boards)).toBe(thurrock);
});

test("words every board shares, or both boards' words, pick none", () => {
  expect(boardNamedIn("apologies for the community safety partnership on the 18th", boards)).toBeUndefined();
  expect(boardNamedIn("apologies for Thurrock and Basildon", boards)).toBeUndefined();
  expect(boardNamedIn("apologies for the 18th", boards)).toBeUndefined();
});

test("one board needs no picking", () => {
  expect(boardNamedIn("apologies for Thurrock", [thurrock])).toBeUndefined();
});

test("boards that differ only by a word tell apart by it", () => {
  const north = { id: "a", name: "Essex North Board" };
  const south = { id: "b", name: "Essex South Board" };
  expect(boardNamedIn("roster for the south board", [north, south])).toBe(south);
  expect(boardNamedIn("roster for essex", [north, south])).toBeUndefined();
});
