import { findImpossibleDate, parseMeetingText, type MeetingDraft, type MeetingParse } from "../../bot/rules/meetingText";

const LONDON = "Europe/London";
const PARIS = "Europe/Paris";
// Monday 18 March 2024, midday GMT.
const MONDAY = new Date("2024-03-18T12:00:00.000Z");

function meeting(text: string, now = MONDAY, timeZone = LONDON): MeetingDraft {
  const result = parseMeetingText(text, { timeZone, now });
  if (!result.ok) throw new Error(`expected a meeting from "${text}", got: ${result.message}`);
  return result.meeting;
}

function refusal(text: string, now = MONDAY, timeZone = LONDON): string {
  const result: MeetingParse = parseMeetingText(text, { timeZone, now });
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.meeting)}`);
  return result.message;
}

describe("parseMeetingText: what managers type", () => {
  it("reads date, time range, title and place (GMT in March)", () => {
    expect(meeting("21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices")).toEqual({
      startsAt: "2024-03-21T14:00:00.000Z",
      endsAt: "2024-03-21T16:30:00.000Z",
      title: "Board meeting",
      location: "Civic Offices",
    });
  });

  it("reads a weekday as the next one in the zone", () => {
    expect(meeting("Thursday 10am, Board meeting")).toEqual({ startsAt: "2024-03-21T10:00:00.000Z", title: "Board meeting" });
    // On a Friday, Thursday is next week's.
    expect(meeting("Thursday 10am, Board meeting", new Date("2024-03-22T12:00:00.000Z")).startsAt).toBe("2024-03-28T10:00:00.000Z");
    // On the Thursday itself: later today if 10am is still to come, otherwise next week.
    expect(meeting("Thursday 10am", new Date("2024-03-21T09:00:00.000Z")).startsAt).toBe("2024-03-21T10:00:00.000Z");
    expect(meeting("Thursday 10am", new Date("2024-03-21T11:00:00.000Z")).startsAt).toBe("2024-03-28T10:00:00.000Z");
  });

  it("reads numeric dates day first (BST in June)", () => {
    expect(meeting("20/06/2024 14:00-16:00, Board, Teams")).toEqual({
      startsAt: "2024-06-20T13:00:00.000Z",
      endsAt: "2024-06-20T15:00:00.000Z",
      title: "Board",
      location: "Teams",
    });
    expect(meeting("12/06/2024 10am").startsAt).toBe("2024-06-12T09:00:00.000Z");
  });

  it('reads "tomorrow" and a place after "at" when there are no commas', () => {
    expect(meeting("tomorrow 2pm Board meeting at Civic Offices")).toEqual({
      startsAt: "2024-03-19T14:00:00.000Z",
      title: "Board meeting",
      location: "Civic Offices",
    });
  });

  it("reads a 24-hour range in summer (BST)", () => {
    expect(meeting("12 September 2024 10:00 to 16:00, Board away day")).toEqual({
      startsAt: "2024-09-12T09:00:00.000Z",
      endsAt: "2024-09-12T15:00:00.000Z",
      title: "Board away day",
    });
  });

  it("defaults the title and takes the rest of the commas as the location", () => {
    expect(meeting("21 March 2024 2pm")).toEqual({ startsAt: "2024-03-21T14:00:00.000Z", title: "Board meeting" });
    expect(meeting("21 March 2024 2pm at Civic Offices")).toMatchObject({ title: "Board meeting", location: "Civic Offices" });
    expect(meeting("21 March 2024 2pm, Extraordinary board, Civic Offices, New Road, Grays").location).toBe("Civic Offices, New Road, Grays");
  });

  it("finds the date wherever it is in the text", () => {
    expect(meeting("Board meeting on 21 March 2024 at 2pm, Civic Offices")).toEqual({
      startsAt: "2024-03-21T14:00:00.000Z",
      title: "Board meeting",
      location: "Civic Offices",
    });
    expect(meeting("Budget board - Thursday 21 March 2024 - 2pm")).toMatchObject({ startsAt: "2024-03-21T14:00:00.000Z", title: "Budget board" });
  });

  it("tidies the words left around the date", () => {
    expect(meeting("on the 4th of April 2024 at 10.30am in Room 4")).toEqual({ startsAt: "2024-04-04T09:30:00.000Z", title: "Board meeting", location: "Room 4" });
    expect(meeting("The Safer Thurrock board on 4 April 2024 at 10am").title).toBe("The Safer Thurrock board");
    expect(meeting('Friday 1pm, "Members\' forum", "Room 4"')).toMatchObject({ title: "Members' forum", location: "Room 4" });
    expect(meeting("Monday 2pm - Quarterly review @ Grays Hall")).toMatchObject({ title: "Quarterly review", location: "Grays Hall" });
  });

  it('reads a length ("for 2 hours") as the end time', () => {
    expect(meeting("21 March 2024 2pm for 90 minutes, Board, Hall")).toEqual({
      startsAt: "2024-03-21T14:00:00.000Z",
      endsAt: "2024-03-21T15:30:00.000Z",
      title: "Board",
      location: "Hall",
    });
    expect(meeting("21 March 2024 2pm for an hour").endsAt).toBe("2024-03-21T15:00:00.000Z");
    expect(refusal("Board for 2 hours")).toMatch(/^I couldn't find a date/);
    expect(refusal("21 March 2024 2pm to 4pm for 2 hours")).toMatch(/^Give an end time or a length/);
  });

  it("leaves date words inside the title alone", () => {
    expect(meeting("21 March 2024 2pm, Budget for March, Civic Offices")).toMatchObject({ title: "Budget for March", location: "Civic Offices" });
  });

  it("accepts other ways of writing a range", () => {
    const expected = { startsAt: "2024-03-21T14:00:00.000Z", endsAt: "2024-03-21T16:00:00.000Z" };
    for (const text of ["21 March 2024 2pm-4pm", "21 March 2024 2pm \u2013 4pm", "21 March 2024 2pm \u2014 4pm", "21 March 2024 from 2pm until 4pm", "21 March 2024 2 to 4pm", "21st March 2024 14.00-16.00"]) {
      expect(meeting(text)).toMatchObject(expected);
    }
    expect(meeting("21 March 2024 2.30pm").startsAt).toBe("2024-03-21T14:30:00.000Z");
  });

  it('takes "at 2" and "2 to 4" as the afternoon, but 01:30 as written', () => {
    expect(meeting("21 March 2024 at 2").startsAt).toBe("2024-03-21T14:00:00.000Z");
    expect(meeting("21 March 2024 2 to 4")).toMatchObject({ startsAt: "2024-03-21T14:00:00.000Z", endsAt: "2024-03-21T16:00:00.000Z" });
    expect(meeting("21 March 2024 9:30").startsAt).toBe("2024-03-21T09:30:00.000Z");
    expect(meeting("21 March 2024 01:30").startsAt).toBe("2024-03-21T01:30:00.000Z");
  });

  it("allows past meetings up to 10 years back", () => {
    expect(meeting("21 March 2020 2pm").startsAt).toBe("2020-03-21T14:00:00.000Z");
    expect(meeting("19 March 2014 2pm").startsAt).toBe("2014-03-19T14:00:00.000Z");
  });
});

describe("parseMeetingText: clock changes and zones", () => {
  it("switches between GMT and BST on the right days", () => {
    expect(meeting("30 March 2024 2pm").startsAt).toBe("2024-03-30T14:00:00.000Z");
    expect(meeting("31 March 2024 2pm").startsAt).toBe("2024-03-31T13:00:00.000Z");
    expect(meeting("26 October 2024 2pm").startsAt).toBe("2024-10-26T13:00:00.000Z");
    expect(meeting("27 October 2024 2pm").startsAt).toBe("2024-10-27T14:00:00.000Z");
  });

  it("works in another zone", () => {
    expect(meeting("21 March 2024 2pm to 4pm", MONDAY, PARIS)).toMatchObject({ startsAt: "2024-03-21T13:00:00.000Z", endsAt: "2024-03-21T15:00:00.000Z" });
    expect(meeting("12 September 2024 10:00", MONDAY, PARIS).startsAt).toBe("2024-09-12T08:00:00.000Z");
    expect(refusal("31 March 2024 02:30", MONDAY, PARIS)).toMatch(/doesn't exist in Europe\/Paris/);
  });

  it('reads "tomorrow" from the date in the zone, not in UTC or on the server', () => {
    const lateEvening = new Date("2024-03-21T23:30:00.000Z"); // 23:30 Thursday in London, 00:30 Friday in Paris
    expect(meeting("tomorrow 2pm", lateEvening, LONDON).startsAt).toBe("2024-03-22T14:00:00.000Z");
    expect(meeting("tomorrow 2pm", lateEvening, PARIS).startsAt).toBe("2024-03-23T13:00:00.000Z");
    expect(meeting("today 3pm", lateEvening, PARIS).startsAt).toBe("2024-03-22T14:00:00.000Z");
    // A BST evening: 23:30 UTC on 20 June is already 21 June in London.
    expect(meeting("tomorrow 10am", new Date("2024-06-20T23:30:00.000Z"), LONDON).startsAt).toBe("2024-06-22T09:00:00.000Z");
  });
});

describe("parseMeetingText: refusals the user reads", () => {
  it("asks for a date when there is none", () => {
    expect(refusal("Board meeting, Civic Offices")).toBe(
      'I couldn\'t find a date in "Board meeting, Civic Offices". Try: meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices',
    );
    expect(refusal("2pm Board meeting")).toMatch(/^I couldn't find a date/);
    expect(refusal("   ")).toMatch(/^When is the meeting\?/);
  });

  it("asks for a start time when there is only a date", () => {
    expect(refusal("21 March 2024, Board meeting")).toBe("I found Thursday 21 March 2024 but no start time. Try: meeting Thursday 21 March 2024 2pm, Board meeting");
  });

  it("refuses an end before the start (chrono would move it to the next day)", () => {
    expect(refusal("21 March 2024 4pm to 2pm")).toMatch(/^The meeting can't end \(2pm\) before it starts \(4pm\)\./);
    expect(refusal("21 March 2024 2pm to 2pm")).toMatch(/can't end \(2pm\) before it starts/);
  });

  it("refuses a meeting spanning days rather than guess", () => {
    expect(refusal("21 March 2024 2pm to 22 March 2024 4pm")).toMatch(/^I couldn't tell when the meeting starts\./);
    expect(refusal("21 March 2024 10pm to 1am")).toMatch(/^The meeting can't end \(1am\) before it starts \(10pm\)/);
  });

  it("refuses impossible dates (which chrono would quietly drop)", () => {
    expect(refusal("31 February 2025 2pm, Board")).toMatch(/^There is no 31 February 2025: please check the date\./);
    expect(refusal("31/02/2025 2pm")).toMatch(/^There is no 31\/02\/2025:/);
    expect(refusal("32 March 2024 2pm")).toMatch(/^There is no 32 March 2024:/);
    expect(refusal("29 February 2023 2pm")).toMatch(/^There is no 29 February 2023:/);
    expect(refusal("Thursday 30th of Feb 10am")).toMatch(/^There is no 30th of Feb:/);
    expect(meeting("29 February 2024 2pm").startsAt).toBe("2024-02-29T14:00:00.000Z");
  });

  it("refuses a time the clocks skip", () => {
    expect(refusal("31 March 2024 01:30")).toBe(
      "1:30am on Sunday 31 March 2024 doesn't exist in Europe/London: the clocks go forward then. Please pick another time.",
    );
  });

  it("refuses dates more than 5 years ahead or 10 years back", () => {
    expect(refusal("21 March 2029 2pm")).toBe("Wednesday 21 March 2029 is more than 5 years ahead: please check the year.");
    expect(meeting("1 March 2029 2pm").startsAt).toBe("2029-03-01T14:00:00.000Z");
    expect(refusal("1 March 2014 2pm")).toBe("Saturday 1 March 2014 is more than 10 years ago: please check the year.");
  });

  it("limits the title and location", () => {
    expect(refusal(`21 March 2024 2pm, ${"T".repeat(121)}`)).toBe("The title is 121 characters long; the limit is 120.");
    expect(refusal(`21 March 2024 2pm, Board, ${"L".repeat(201)}`)).toBe("The location is 201 characters long; the limit is 200.");
    expect(meeting(`21 March 2024 2pm, ${"T".repeat(120)}, ${"L".repeat(200)}`).title).toHaveLength(120);
  });

  it("refuses an unknown time zone", () => {
    expect(refusal("21 March 2024 2pm", MONDAY, "Europe/Londres")).toMatch(/time zone \("Europe\/Londres"\) isn't one I recognise/);
  });
});

describe("findImpossibleDate", () => {
  it("finds impossible dates written in the usual ways and ignores times", () => {
    expect(findImpossibleDate("meet on February 30th, 2025 at 2")).toBe("February 30th, 2025");
    expect(findImpossibleDate("2025-02-29 10:00")).toBe("2025-02-29");
    expect(findImpossibleDate("13/13 2pm")).toBe("13/13");
    expect(findImpossibleDate("21 March 2024 14:00-16:00, Room 4/5")).toBeUndefined();
    expect(findImpossibleDate("20.06.2024 14.00-16.00")).toBeUndefined();
    expect(findImpossibleDate("29 Feb 2pm")).toBeUndefined();
  });
});
