import { parseSignOffText } from "../../bot/rules/signOffText";

const opts = { timeZone: "Europe/London", now: new Date("2024-03-25T10:00:00Z") };

test("a quoted title, a link, a deadline and the default rule", () => {
  const r = parseSignOffText(`"Annual report 2023/24" https://thurrock.example.org/csp/annual-report.pdf by 8 April`, opts);
  expect(r).toEqual({
    ok: true,
    draft: { title: "Annual report 2023/24", link: "https://thurrock.example.org/csp/annual-report.pdf", deadlineDate: "2024-04-08", rule: { voters: "statutory-organisations", pass: { kind: "majority" } } },
  });
});

test("an unquoted title up to the first comma; unanimous; all members; at least N", () => {
  const r = parseSignOffText("Minutes of 21 March as a true record, unanimous", opts);
  expect(r.ok && r.draft).toMatchObject({ title: "Minutes of 21 March as a true record", rule: { pass: { kind: "unanimous" } } });
  const all = parseSignOffText(`"Terms of reference" all members, at least 10`, opts);
  expect(all.ok && all.draft.rule).toEqual({ voters: "all-members", pass: { kind: "at-least", count: 10 } });
  expect(parseSignOffText("Delivery plan 2024/25", opts)).toMatchObject({ ok: true, draft: { title: "Delivery plan 2024/25", deadlineDate: undefined } });
});

test("no title, a past deadline, an unreadable date and a plain-http link are refused with a reason", () => {
  expect(parseSignOffText("", opts)).toMatchObject({ ok: false, message: expect.stringMatching(/Say what is to be signed off/) });
  expect(parseSignOffText(`"Report" by 1 March 2024`, opts)).toMatchObject({ ok: false, message: expect.stringMatching(/has passed/) });
  expect(parseSignOffText(`"Report" by whenever`, opts)).toMatchObject({ ok: false, message: expect.stringMatching(/couldn't read "whenever"/) });
  expect(parseSignOffText(`"Report" http://insecure.example.org/r.pdf`, opts)).toMatchObject({ ok: false });
});
