import { readApology } from "../../bot/rules/apology/readApology";
import { APOLOGY_CORPUS, CORPUS_NOW, CORPUS_ZONE, NEXT, canonical, measureAccuracy, on, reading, type CorpusCase } from "./apologyCorpus";

const read = (text: string, now = CORPUS_NOW, timeZone = CORPUS_ZONE) => readApology(text, { timeZone, now });
const THURSDAY = on("2024-03-21");

describe("readApology: the corpus", () => {
  it("has enough cases, and enough that are not apologies", () => {
    expect(APOLOGY_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(APOLOGY_CORPUS.filter((c) => c.expected === undefined).length).toBeGreaterThanOrEqual(20);
  });

  it.each(APOLOGY_CORPUS.map((c) => [c.text, c] as const))("%s", (_text, c) => {
    expect(read(c.text)).toStrictEqual(c.expected);
  });

  it("reads every case exactly right", () => {
    const { total, correct, wrong } = measureAccuracy();
    console.log(`apology corpus: ${correct}/${total} read exactly right (${((100 * correct) / total).toFixed(1)}%)`);
    expect(wrong).toEqual([]);
  });
});

// Written before the rules they test and never tuned for: an honest sample of what else people type.
// Three batches were written, each before running it. Batch 1: 18/18 on first run. Batch 2: 11/18; its
// seven misses showed general gaps ("can no longer attend", "Apologies for absence: A, B", "X from ORG
// will attend", "go in my place"), which were then fixed and moved into the corpus. Batch 3: 13/16; its
// three misses stay below as known misses. Overall first-run: 42/52.
const HELD_OUT: CorpusCase[] = [
  // Batch 1
  {
    text: "Hi Michelle, sorry but I won't be able to attend Thursday's meeting as I have a clash with a Gold command briefing.",
    expected: reading(THURSDAY, { reason: "I have a clash with a Gold command briefing" }),
  },
  { text: "Apologies from me for the 21st please, leave booked", expected: reading(THURSDAY, { reason: "leave booked" }) },
  { text: "Cllr Jefferies sends his apologies for Thursday", expected: reading(THURSDAY, { onBehalfOf: ["Cllr Jefferies"] }) },
  { text: "Sorry all, can't make the board tomorrow. Helen Forster will come instead.", expected: reading(on("2024-03-19"), { deputy: "Helen Forster" }) },
  { text: "Apologies for the delay in getting back to you", expected: undefined },
  { text: "Any apologies for Thursday?", expected: undefined },
  { text: "i cant attend on the 25th sorry, medical appointment", expected: reading(on("2024-03-25"), { reason: "medical appointment" }) },
  {
    text: "Please note my apologies for the CSP board on 20 June; my colleague Lee Harris will attend in my place.",
    expected: reading(on("2024-06-20"), { deputy: "Lee Harris" }),
  },
  { text: "sorry I can't make it today, off sick", expected: reading(on("2024-03-18"), { reason: "off sick" }) },
  { text: "Thanks for the papers, apologies I didn't reply sooner", expected: undefined },
  {
    text: "Unfortunately I'm unable to attend next Thursday's board due to a prior commitment",
    expected: reading(on("2024-03-28"), { reason: "a prior commitment" }),
  },
  {
    text: "Please record apologies for Jo Broadbent and Clare Moore for Thursday.",
    expected: reading(THURSDAY, { onBehalfOf: ["Jo Broadbent", "Clare Moore"] }),
  },
  { text: "Can't make sense of the action log, can someone explain?", expected: undefined },
  { text: "apols, on a course all day", expected: reading(NEXT, { reason: "on a course all day" }) },
  { text: "I won't be at the meeting on 12/09 - Shelia will deputise", expected: reading(on("2024-09-12"), { deputy: "Shelia" }) },
  { text: "Sorry for the confusion over the venue", expected: undefined },
  { text: "Russ Freeman can't make Thursday, sends apologies", expected: reading(THURSDAY, { onBehalfOf: ["Russ Freeman"] }) },
  { text: "Apologies for not attending last time", expected: undefined },
  // Batch 2 (those read right first time)
  {
    text: "Hello, Supt Barnett has asked me to pass on her apologies for Thursday's board.",
    expected: reading(THURSDAY, { onBehalfOf: ["Supt Barnett"] }),
  },
  { text: "won't make thurs, in Chelmsford for a Gold meeting", expected: reading(THURSDAY, { reason: "in Chelmsford for a Gold meeting" }) },
  { text: "I'm on annual leave on the 21st so please accept my apologies", expected: reading(THURSDAY, { reason: "I'm on annual leave on the 21st" }) },
  { text: "Sorry for missing Thursday's meeting, I was unwell", expected: undefined },
  { text: "Apologies for Wednesday 20 March - on leave", expected: reading(on("2024-03-20"), { reason: "on leave" }) },
  {
    text: "I am unable to attend the meeting on Thursday 21 March 2024 owing to a prior commitment.",
    expected: reading(THURSDAY, { reason: "a prior commitment" }),
  },
  {
    text: "Please could you send apologies on behalf of Howard Oldstein for tomorrow",
    expected: reading(on("2024-03-19"), { onBehalfOf: ["Howard Oldstein"] }),
  },
  { text: "No apologies from me - see you Thursday!", expected: undefined },
  { text: "apologies for lateness, had trouble with the Teams link", expected: undefined },
  { text: "Sorry folks, can't dial in today", expected: reading(on("2024-03-18")) },
  { text: "I have to send my apologies for tomorrow as I'm at a funeral", expected: reading(on("2024-03-19"), { reason: "I'm at a funeral" }) },
  // Batch 3 (those read right first time)
  {
    text: "Please log apologies for Cllr Collins and Cllr Jefferies – full council that evening",
    expected: reading(NEXT, { onBehalfOf: ["Cllr Collins", "Cllr Jefferies"], reason: "full council that evening" }),
  },
  { text: "Can't make the CSP on Thursday unfortunately, I'm at a DHR panel", expected: reading(THURSDAY, { reason: "I'm at a DHR panel" }) },
  { text: "apologies for the duplicate message", expected: undefined },
  {
    text: "Can someone send apologies for me for Thursday? Stuck on a train with no signal",
    expected: reading(THURSDAY, { reason: "Stuck on a train with no signal" }),
  },
  {
    text: "I'm unable to attend the partnership board on 18 April due to the Easter holidays",
    expected: reading(on("2024-04-18"), { reason: "the Easter holidays" }),
  },
  { text: "Will not be attending Thursday. Regards, Simon", expected: reading(THURSDAY) },
  { text: "Is the board still going ahead on Thursday?", expected: undefined },
  { text: "Apologies - I'll be late on Thursday, should be there by 3", expected: undefined },
  { text: "sorry guys wont make it 2day, kids are ill", expected: reading(on("2024-03-18"), { reason: "kids are ill" }) },
  {
    text: "Ewelina Sorbjan and Helen Forster both send apologies for the 21st",
    expected: reading(THURSDAY, { onBehalfOf: ["Ewelina Sorbjan", "Helen Forster"] }),
  },
  {
    text: "I won't make Thursday's board as I'm at the Fire Authority meeting; Russ Freeman will attend in my place",
    expected: reading(THURSDAY, { reason: "I'm at the Fire Authority meeting", deputy: "Russ Freeman" }),
  },
  {
    text: "Please accept apologies from Aliyah Monroe - she's on leave until April",
    expected: reading(NEXT, { onBehalfOf: ["Aliyah Monroe"], reason: "she's on leave until April" }),
  },
  { text: "thanks for the apologies, noted", expected: undefined },
];

// Held out and still misread. If one starts passing, move it up into HELD_OUT.
const KNOWN_MISSES: (CorpusCase & { why: string })[] = [
  {
    text: "Gutted to miss Thursday - my sister's wedding. Jo will cover for Public Health",
    expected: reading(THURSDAY, { reason: "my sister's wedding", deputy: "Jo", organisation: "Public Health" }),
    why: '"to miss" without "will"/"have to" is not read as an absence',
  },
  {
    text: "Apologies Michelle, I'm double booked on the 21st",
    expected: reading(THURSDAY, { reason: "I'm double booked on the 21st" }),
    why: "a bare apology followed by a name (the person addressed) is refused",
  },
  {
    text: "No need to send apologies, the meeting's been cancelled",
    expected: undefined,
    why: '"no need to send" is not caught: only "no" straight before "apologies" is',
  },
];

describe("readApology: held out", () => {
  it("reads the held-out messages right", () => {
    const { total, correct, wrong } = measureAccuracy(HELD_OUT);
    const all = HELD_OUT.length + KNOWN_MISSES.length;
    console.log(`apology held-out: ${correct}/${all} read exactly right now; ${KNOWN_MISSES.length} known misses`);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(10);
    expect({ total, wrong }).toEqual({ total, wrong: [] });
  });

  it.each(KNOWN_MISSES.map((c) => [c.why, c] as const))("still misses: %s", (_why, c) => {
    expect(canonical(read(c.text))).not.toBe(canonical(c.expected));
  });
});

describe("readApology: dates in the partnership's zone", () => {
  it("reads a weekday as the next one on or after today", () => {
    expect(read("Apologies for Monday")?.meeting).toEqual(on("2024-03-18"));
    expect(read("Apologies for Thursday", new Date("2024-03-21T20:00:00Z"))?.meeting).toEqual(THURSDAY);
    expect(read("Apologies for Thursday", new Date("2024-03-22T09:00:00Z"))?.meeting).toEqual(on("2024-03-28"));
  });

  it('reads "next Thursday" as the Thursday of next week, and "next week" as the next meeting', () => {
    expect(read("Apologies for next Thursday")?.meeting).toEqual(on("2024-03-28"));
    expect(read("Can't make the board next week")?.meeting).toEqual(NEXT);
  });

  it("reads the day of the month as the next such day, skipping months without it", () => {
    expect(read("Apologies for the 31st")?.meeting).toEqual(on("2024-03-31"));
    expect(read("Apologies for the 31st", new Date("2024-04-01T09:00:00Z"))?.meeting).toEqual(on("2024-05-31"));
    expect(read("Apologies for the 18th")?.meeting).toEqual(on("2024-03-18"));
  });

  it("reads a date without a year as its next occurrence", () => {
    expect(read("Apologies for 21 March", new Date("2024-03-22T09:00:00Z"))?.meeting).toEqual(on("2025-03-21"));
    expect(read("Apologies for 21 March", new Date("2024-03-21T22:00:00Z"))?.meeting).toEqual(THURSDAY);
  });

  it("uses the partnership's date, not the server's", () => {
    // 23:30 UTC on Sunday 30 June is 00:30 on Monday 1 July in London (BST).
    const lateSunday = new Date("2024-06-30T23:30:00Z");
    expect(read("Apols for tomorrow", lateSunday)?.meeting).toEqual(on("2024-07-02"));
    expect(read("Apols for tomorrow", lateSunday, "UTC")?.meeting).toEqual(on("2024-07-01"));
  });

  it("does not take a date the sender is away until as the meeting", () => {
    expect(read("Apologies, I'm on leave until Friday")?.meeting).toEqual(NEXT);
    expect(read("I'm away until the 25th so can't make Thursday's board")?.meeting).toEqual(THURSDAY);
  });

  it("refuses a zone that isn't IANA", () => {
    expect(() => readApology("Apologies for Thursday", { timeZone: "Mars/Olympus", now: CORPUS_NOW })).toThrow(RangeError);
  });
});

describe("readApology: slots", () => {
  it("caps the reason at 300 characters", () => {
    const reason = read(`Apologies for Thursday - ${"a very long story ".repeat(40)}`)?.reason ?? "";
    expect(reason.length).toBeLessThanOrEqual(300);
    expect(reason.startsWith("a very long story")).toBe(true);
  });

  it("reads only the start of a long paste", () => {
    expect(read(`Apologies for Thursday. ${"Lorem ipsum, dolor sit amet. ".repeat(500)}`)?.meeting).toEqual(THURSDAY);
  });

  it("reads a lower-case deputy at the start of a clause", () => {
    expect(read("apologies for thursday, cheryl will deputise")).toStrictEqual(reading(THURSDAY, { deputy: "cheryl" }));
  });

  it("reads whose apologies from a possessive, a list or a bracket", () => {
    expect(read("Tony's apologies for Thursday")).toStrictEqual(reading(THURSDAY, { onBehalfOf: ["Tony"] }));
    expect(read("Apologies for absence")).toStrictEqual(reading(NEXT));
    expect(read("Apologies for tomorrow (ECFRS)")).toStrictEqual(reading(on("2024-03-19"), { organisation: "ECFRS" }));
    expect(read("Mark and Russ can't make Thursday")).toStrictEqual(reading(THURSDAY, { onBehalfOf: ["Mark", "Russ"] }));
  });

  it("will not guess whose apologies 'her apologies' are", () => {
    expect(read("She sends her apologies for Thursday")).toBeUndefined();
  });
});
