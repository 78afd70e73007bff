import { escapeKey, meetingIdFor, MEETING_ID, memberIdForEmail, newestFirstKey, unescapeKey } from "../../storage/keys";

const FORBIDDEN = /[\/\\#?\u0000-\u001f\u007f-\u009f]/;

test("escaped keys never contain a character Azure Tables forbids, and unescape to the original", () => {
  const nasty = ["a/b", "c\\d", "#tag", "what?", "tab\there", "line\nbreak", "\u0085", "29:1abc;messageid=12", "f:ü😀", "!0041"];
  for (const value of nasty) {
    const key = escapeKey(value);
    expect(key).not.toMatch(FORBIDDEN);
    expect(unescapeKey(key)).toBe(value);
  }
});

test("a member's id depends only on their email, whatever its case or spacing", () => {
  expect(memberIdForEmail(" Jenny.Barnett@Example.org ")).toBe(memberIdForEmail("jenny.barnett@example.org"));
  expect(memberIdForEmail("a@example.org")).not.toBe(memberIdForEmail("b@example.org"));
});

test("meeting ids sort by start time and match the shape cards are checked against", () => {
  const early = meetingIdFor("2024-03-21T14:00:00.000Z", "aaaaaa");
  const late = meetingIdFor("2024-06-20T13:00:00.000Z", "000000");
  expect(early).toMatch(MEETING_ID);
  expect(early < late).toBe(true);
});

test("newest-first keys sort later times first", () => {
  const older = newestFirstKey(new Date("2024-01-01T00:00:00Z"));
  const newer = newestFirstKey(new Date("2025-01-01T00:00:00Z"));
  expect(newer < older).toBe(true);
});
