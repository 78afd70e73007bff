import { parseSignOffText } from "../../bot/rules/signOffText";

const opts = { timeZone: "Europe/London", now: new Date("2024-03-25T10:00:00Z") };

test("a quoted title, a link, a deadline and the default rule", () => {
  const r = parseSignOffText(`"Annual report 2023/24" https://thurrock.example.org/csp/annual-report.pdf by 8 April`, opts);
  expect(r).toEqual({
    ok: true,
    draft: { title: "Annual report 2023/24", link: "https://thurrock.example.org/csp/annual-report.pdf", deadlineDate: "2024-04-08", rule: { voters: "statutory-organisations", pass: { kind: "majority" } } },
  });
});

test("an unquoted title up to the first comma; who votes and what passes, each on its own", () => {
  const r = parseSignOffText("Minutes of 21 March as a true record, unanimous", opts);
  expect(r.ok && r.draft).toMatchObject({ title: "Minutes of 21 March as a true record", rule: { voters: "statutory-organisations", pass: { kind: "unanimous" } } });
  const all = parseSignOffText(`"Terms of reference" votes: all members, at least 10`, opts);
  expect(all.ok && all.draft.rule).toEqual({ voters: "all-members", pass: { kind: "at-least", count: 10 } });
  const both = parseSignOffText(`"Terms of reference" by 8 April votes: all members passes: unanimous`, opts);
  expect(both).toMatchObject({ ok: true, draft: { deadlineDate: "2024-04-08", rule: { voters: "all-members", pass: { kind: "unanimous" } } } });
  const members = parseSignOffText(`"Terms of reference", votes: all members`, opts);
  expect(members.ok && members.draft.rule).toEqual({ voters: "all-members", pass: { kind: "majority" } });
  const statutory = parseSignOffText(`"Annual report", votes: statutory partners, passes: at least 4`, opts);
  expect(statutory.ok && statutory.draft.rule).toEqual({ voters: "statutory-organisations", pass: { kind: "at-least", count: 4 } });
  expect(parseSignOffText(`"Annual report", passes: all`, opts)).toMatchObject({ ok: true, draft: { rule: { pass: { kind: "unanimous" } } } });
  expect(parseSignOffText("Delivery plan 2024/25", opts)).toMatchObject({ ok: true, draft: { title: "Delivery plan 2024/25", deadlineDate: undefined } });
});

test("no title, a past deadline, an unreadable date and a plain-http link are refused with a reason", () => {
  expect(parseSignOffText("", opts)).toMatchObject({ ok: false, message: expect.stringMatching(/Say what is to be signed off/) });
  expect(parseSignOffText(`"Report" by 1 March 2024`, opts)).toMatchObject({ ok: false, message: expect.stringMatching(/has passed/) });
  expect(parseSignOffText(`"Report" by whenever`, opts)).toMatchObject({ ok: false, message: expect.stringMatching(/couldn't read "whenever"/) });
  expect(parseSignOffText(`"Report" http://insecure.example.org/r.pdf`, opts)).toMatchObject({ ok: false });
});

test('"all members" on its own is asked about, never read as a majority of members', () => {
  expect(parseSignOffText(`"Terms of reference" all members`, opts)).toMatchObject({ ok: false, message: expect.stringMatching(/votes: all members.*passes: unanimous/) });
});
