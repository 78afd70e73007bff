import { parseTeamsLink, takeTeamsLink } from "../../bot/rules/teamsLink";
import { parseMeetingText } from "../../bot/rules/meetingText";
import { parseGuest, parseMark, parseSubstituteLine } from "../../bot/commands/chairControls";

const TENANT = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const CLASSIC =
  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZTk4YzQt%40thread.v2/0?context=%7b%22Tid%22%3a%22" + TENANT + "%22%2c%22Oid%22%3a%22a1%22%7d";

describe("parseTeamsLink", () => {
  it("reads a classic join link: the meeting chat's thread, a stable key and the organiser's tenant", () => {
    const parsed = parseTeamsLink(CLASSIC);
    expect(parsed).toMatchObject({ ok: true, link: { key: "join/19:meeting_NjQ2ZTk4YzQt@thread.v2/0", threadId: "19:meeting_NjQ2ZTk4YzQt@thread.v2", tenantId: TENANT } });
    // The same meeting however the link was encoded: the key is what events are matched on.
    const decoded = parseTeamsLink("https://teams.microsoft.com/l/meetup-join/19:meeting_NjQ2ZTk4YzQt@thread.v2/0");
    expect(decoded.ok && decoded.link.key).toBe(parsed.ok && parsed.link.key);
  });

  it("reads the newer meeting-number link", () => {
    expect(parseTeamsLink("https://teams.microsoft.com/meet/31234567890123?p=AbCdEf")).toMatchObject({ ok: true, link: { key: "meet/31234567890123" } });
  });

  it("refuses what is not a Teams meeting link, saying why", () => {
    expect(parseTeamsLink("https://zoom.us/j/123")).toMatchObject({ ok: false, message: expect.stringMatching(/isn't a Teams meeting link/) });
    expect(parseTeamsLink("http://teams.microsoft.com/l/meetup-join/19:meeting_x@thread.v2/0")).toMatchObject({ ok: false });
    expect(parseTeamsLink("https://teams.microsoft.com/l/chat/0/0")).toMatchObject({ ok: false, message: expect.stringMatching(/doesn't point to a meeting/) });
    expect(parseTeamsLink("not a link")).toMatchObject({ ok: false });
  });

  it("takes the link out of a line, with the word Teams before it", () => {
    expect(takeTeamsLink(`21 March 2pm, Board meeting, Teams ${CLASSIC}`).rest).toBe("21 March 2pm, Board meeting");
    expect(takeTeamsLink("21 March 2pm, Board meeting, Civic Offices").link).toBeUndefined();
  });
});

describe("a meeting scheduled with its Teams link", () => {
  const now = new Date("2024-03-18T12:00:00Z");
  it("keeps the date, title and place, and the link beside them", () => {
    const parsed = parseMeetingText(`21 March 2024 2pm to 4:30pm, Board meeting, Teams ${CLASSIC}`, { timeZone: "Europe/London", now });
    expect(parsed).toMatchObject({
      ok: true,
      meeting: { startsAt: "2024-03-21T14:00:00.000Z", endsAt: "2024-03-21T16:30:00.000Z", title: "Board meeting", location: "Teams", teams: { threadId: "19:meeting_NjQ2ZTk4YzQt@thread.v2" } },
    });
    const hybrid = parseMeetingText(`21 March 2024 2pm, Board meeting, Civic Offices ${CLASSIC}`, { timeZone: "Europe/London", now });
    expect(hybrid).toMatchObject({ ok: true, meeting: { location: "Civic Offices", title: "Board meeting" } });
  });

  it("refuses a broken Teams link rather than scheduling without it", () => {
    expect(parseMeetingText("21 March 2024 2pm, Board, Teams https://teams.microsoft.com/l/chat/0/0", { timeZone: "Europe/London", now })).toMatchObject({ ok: false });
  });
});

describe("the chair's typed roll-call controls", () => {
  it("reads mark <name> <status>", () => {
    expect(parseMark("Jenny Barnett present")).toEqual({ who: "Jenny Barnett", status: "present" });
    expect(parseMark("Cllr Collins as left")).toEqual({ who: "Cllr Collins", status: "left" });
    expect(parseMark("@Tony Atkin apologies.")).toEqual({ who: "Tony Atkin", status: "apologies" });
    expect(parseMark("Tony Atkin")).toBeUndefined();
  });

  it("reads a deputy's line, and not other sentences", () => {
    expect(parseSubstituteLine("Michelle Fraser is here for Stephen Taylor")).toEqual({ deputy: "Michelle Fraser", member: "Stephen Taylor" });
    expect(parseSubstituteLine("Kate Taylor is here on behalf of Cllr Collins.")).toEqual({ deputy: "Kate Taylor", member: "Cllr Collins" });
    expect(parseSubstituteLine("I is here for the board")).toBeUndefined();
    expect(parseSubstituteLine("Michelle Fraser will deputise")).toBeUndefined();
  });

  it("reads a guest with an organisation after a comma, in brackets or after 'from'", () => {
    expect(parseGuest("Kate Taylor, Essex Police")).toEqual({ name: "Kate Taylor", organisation: "Essex Police" });
    expect(parseGuest("Kate Taylor (Essex Police)")).toEqual({ name: "Kate Taylor", organisation: "Essex Police" });
    expect(parseGuest("Kate Taylor from Essex Police")).toEqual({ name: "Kate Taylor", organisation: "Essex Police" });
    expect(parseGuest("Kate Taylor")).toEqual({ name: "Kate Taylor" });
    expect(parseGuest("  ")).toBeUndefined();
  });
});
