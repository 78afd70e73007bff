import {
  formatDate,
  formatMeetingWhen,
  formatTime,
  isValidTimeZone,
  localDateKey,
  todayIn,
  wallClockInstant,
  zonedInstant,
} from "../../bot/rules/zonedTime";

const LONDON = "Europe/London";
const PARIS = "Europe/Paris";

describe("zonedInstant", () => {
  it("reads a London time as GMT in winter and BST in summer", () => {
    expect(zonedInstant("2024-03-21", "14:00", LONDON)).toBe("2024-03-21T14:00:00.000Z");
    expect(zonedInstant("2024-09-12", "10:00", LONDON)).toBe("2024-09-12T09:00:00.000Z");
  });

  it("follows the clock changes on the day they happen", () => {
    expect(zonedInstant("2024-03-31", "00:30", LONDON)).toBe("2024-03-31T00:30:00.000Z"); // still GMT
    expect(zonedInstant("2024-03-31", "02:00", LONDON)).toBe("2024-03-31T01:00:00.000Z"); // BST
    expect(zonedInstant("2024-10-27", "02:00", LONDON)).toBe("2024-10-27T02:00:00.000Z"); // GMT again
    // 01:30 happens twice when the clocks go back; luxon takes the second (GMT) one, on any server.
    expect(zonedInstant("2024-10-27", "01:30", LONDON)).toBe("2024-10-27T01:30:00.000Z");
  });

  it("refuses a time the clocks skip", () => {
    expect(zonedInstant("2024-03-31", "01:30", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-03-31", "02:30", PARIS)).toBeUndefined();
    expect(wallClockInstant({ year: 2024, month: 3, day: 31, hour: 1, minute: 30 }, LONDON)).toEqual({ ok: false, reason: "skipped" });
  });

  it("uses the zone it is given", () => {
    expect(zonedInstant("2024-03-21", "14:00", PARIS)).toBe("2024-03-21T13:00:00.000Z");
    expect(zonedInstant("2024-09-12", "10:00", PARIS)).toBe("2024-09-12T08:00:00.000Z");
    expect(zonedInstant("2024-03-21", "14:00", "America/New_York")).toBe("2024-03-21T18:00:00.000Z");
  });

  it("refuses impossible or malformed input and unknown zones", () => {
    expect(zonedInstant("2025-02-29", "10:00", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-02-30", "10:00", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-03-21", "24:30", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-03-21", "10:60", LONDON)).toBeUndefined();
    expect(zonedInstant("21/03/2024", "10:00", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-03-21", "10am", LONDON)).toBeUndefined();
    expect(zonedInstant("2024-03-21", "10:00", "Mars/Olympus_Mons")).toBeUndefined();
    expect(wallClockInstant({ year: 2024, month: 2, day: 30, hour: 10, minute: 0 }, LONDON)).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts the shapes Adaptive Card inputs send", () => {
    expect(zonedInstant("2024-02-29", "9:05", LONDON)).toBe("2024-02-29T09:05:00.000Z");
    expect(zonedInstant(" 2024-03-21 ", "14:00:00", LONDON)).toBe("2024-03-21T14:00:00.000Z");
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones and nothing else", () => {
    expect(isValidTimeZone(LONDON)).toBe(true);
    expect(isValidTimeZone(PARIS)).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Londres")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("formatting", () => {
  it("writes a meeting's date and times UK style", () => {
    expect(formatMeetingWhen("2024-03-21T14:00:00.000Z", "2024-03-21T16:30:00.000Z", LONDON)).toBe("Thursday 21 March 2024, 2pm to 4:30pm");
    expect(formatMeetingWhen("2024-09-12T09:00:00.000Z", "2024-09-12T15:00:00.000Z", LONDON)).toBe("Thursday 12 September 2024, 10am to 4pm");
    expect(formatMeetingWhen("2024-09-12T09:00:00.000Z", undefined, LONDON)).toBe("Thursday 12 September 2024, 10am");
    expect(formatMeetingWhen("2024-09-12T09:00:00.000Z", undefined, PARIS)).toBe("Thursday 12 September 2024, 11am");
  });

  it("repeats the date when a meeting ends on another day", () => {
    expect(formatMeetingWhen("2024-03-21T21:00:00.000Z", "2024-03-22T01:00:00.000Z", LONDON)).toBe(
      "Thursday 21 March 2024, 9pm to Friday 22 March 2024, 1am",
    );
  });

  it("writes times with minutes only when needed, and am/pm in lower case", () => {
    expect(formatTime("2024-03-21T14:05:00.000Z", LONDON)).toBe("2:05pm");
    expect(formatTime("2024-03-21T09:30:00.000Z", LONDON)).toBe("9:30am");
    expect(formatTime("2024-03-21T12:00:00.000Z", LONDON)).toBe("12pm");
    expect(formatTime("2024-03-21T00:00:00.000Z", LONDON)).toBe("12am");
    expect(formatTime("2024-06-21T11:00:00.000Z", LONDON)).toBe("12pm");
  });

  it("writes dates in the zone, which may not be the UTC date", () => {
    expect(formatDate("2024-03-21T14:00:00.000Z", LONDON)).toBe("21 March 2024");
    expect(formatDate("2024-06-20T23:30:00.000Z", LONDON)).toBe("21 June 2024");
    expect(formatDate("2024-03-21T23:30:00.000Z", PARIS)).toBe("22 March 2024");
  });

  it("refuses an unknown zone or a non-ISO time rather than print nonsense", () => {
    expect(() => formatDate("2024-03-21T14:00:00.000Z", "Nowhere/Land")).toThrow(RangeError);
    expect(() => formatTime("21 March 2024", LONDON)).toThrow(RangeError);
  });
});

describe("local dates", () => {
  it("keys an instant by its date in the zone", () => {
    expect(localDateKey("2024-03-21T23:30:00.000Z", LONDON)).toBe("2024-03-21");
    expect(localDateKey("2024-03-21T23:30:00.000Z", PARIS)).toBe("2024-03-22");
    expect(localDateKey("2024-06-20T23:30:00.000Z", LONDON)).toBe("2024-06-21");
  });

  it("knows what today is in the zone", () => {
    const now = new Date("2024-06-20T23:30:00.000Z");
    expect(todayIn(LONDON, now)).toBe("2024-06-21");
    expect(todayIn("America/New_York", now)).toBe("2024-06-20");
    expect(todayIn(LONDON, new Date("2024-01-15T23:30:00.000Z"))).toBe("2024-01-15");
  });
});
