// Issue 11's three kinds of miss, as people type them: the board's own word for its meetings (a
// leadership group, panel, forum, committee), an absence said without "apologies" or "attend", and a
// deputy offered rather than announced. Read as on Monday 18 March 2024 (the corpus's day).
import { on, reading, NEXT, type CorpusCase } from "./apologyCorpus";

const TOMORROW = on("2024-03-19");
const THURSDAY = on("2024-03-21");

/** Written to tune the reader on, with near-misses that are not apologies. Part of the corpus. */
export const WORDS_CORPUS: CorpusCase[] = [
  // The board's own word for its meetings.
  { text: "Apologies for Thursday's Safer Thurrock leadership group", expected: reading(THURSDAY) },
  { text: "Can't make the panel on the 21st, sorry", expected: reading(THURSDAY) },
  { text: "I won't be at tomorrow's forum, I'm on leave", expected: reading(TOMORROW, { reason: "I'm on leave" }) },
  { text: "Please pass my apologies to the committee for Thursday", expected: reading(THURSDAY) },
  { text: "Unable to make the steering group tomorrow", expected: reading(TOMORROW) },
  { text: "Apols for the executive group on 20/06", expected: reading(on("2024-06-20")) },
  // An absence said another way.
  { text: "I'll miss the board on Thursday - jury service", expected: reading(THURSDAY, { reason: "jury service" }) },
  { text: "Count me out for tomorrow, off sick", expected: reading(TOMORROW, { reason: "off sick" }) },
  // First written with no reason; the corpus reads "I'm on annual leave on the 21st so ..." as the reason, and so does this.
  { text: "I'm away on the 21st so won't be there", expected: reading(THURSDAY, { reason: "I'm away on the 21st" }) },
  { text: "Won't be joining tomorrow, I'm in Chelmsford", expected: reading(TOMORROW, { reason: "I'm in Chelmsford" }) },
  { text: "Can't be there on Thursday unfortunately", expected: reading(THURSDAY) },
  { text: "I'm not going to be able to come tomorrow, childcare problems", expected: reading(TOMORROW, { reason: "childcare problems" }) },
  // A deputy offered.
  { text: "Apologies for Thursday, happy to send Michael Dineen in my place", expected: reading(THURSDAY, { deputy: "Michael Dineen" }) },
  { text: "Can't make the board tomorrow. I can ask Helen Forster to go instead if that works?", expected: reading(TOMORROW, { deputy: "Helen Forster" }) },
  { text: "I'm unable to attend on Thursday - would it be OK if Anthony Atkin came instead?", expected: reading(THURSDAY, { deputy: "Anthony Atkin" }) },
  { text: "Sorry, can't make it on the 21st; I could send my deputy Lee Harris", expected: reading(THURSDAY, { deputy: "Lee Harris" }) },
  { text: "Won't make Thursday, shall I ask Russ to go?", expected: reading(THURSDAY, { deputy: "Russ" }) },
  { text: "Not able to attend tomorrow - Clare Moore can come instead if needed", expected: reading(TOMORROW, { deputy: "Clare Moore" }) },
  // Near-misses.
  { text: "Is the panel meeting on Thursday or Friday?", expected: undefined },
  { text: "I'll be at the forum tomorrow, see you there", expected: undefined },
  { text: "Could Helen Forster present the item instead of me?", expected: undefined },
  { text: "Who is going to the committee on the 21st?", expected: undefined },
  { text: "I'll miss the deadline for the report, sorry", expected: undefined },
];

/**
 * Held out: written at the same time, before any tuning, and never tuned for. Before tuning on
 * WORDS_CORPUS the reader got 10 of 25; after, 24 of 25. The one it still misses is WORDS_KNOWN_MISS.
 */
export const WORDS_HELD_OUT: CorpusCase[] = [
  { text: "Apologies for Thursday's leadership group, I'm on leave", expected: reading(THURSDAY, { reason: "I'm on leave" }) },
  { text: "Can't make the panel tomorrow, sorry", expected: reading(TOMORROW) },
  { text: "I won't be at the forum on the 21st - Helen Forster will come along instead", expected: reading(THURSDAY, { deputy: "Helen Forster" }) },
  { text: "Please send my apologies to the Safer Thurrock committee on Thursday", expected: reading(THURSDAY) },
  { text: "Unable to make the steering group on 20 June due to a training day", expected: reading(on("2024-06-20"), { reason: "a training day" }) },
  { text: "Apols for the leadership group this Thursday", expected: reading(THURSDAY) },
  { text: "Not able to make the strategic group tomorrow, I'm in court", expected: reading(TOMORROW, { reason: "I'm in court" }) },
  { text: "Sorry, I'll miss the executive next week", expected: reading(NEXT) },
  { text: "Count me out for Thursday please, on leave", expected: reading(THURSDAY, { reason: "on leave" }) },
  { text: "I'll miss the board on the 21st, I'm on a course", expected: reading(THURSDAY, { reason: "I'm on a course" }) },
  { text: "Won't be joining on Thursday - dentist", expected: reading(THURSDAY, { reason: "dentist" }) },
  { text: "Can't be there tomorrow, sorry", expected: reading(TOMORROW) },
  { text: "I'm not going to be able to come on Thursday", expected: reading(THURSDAY) },
  { text: "Apologies for Thursday - happy to send Lee Harris in my place if that helps", expected: reading(THURSDAY, { deputy: "Lee Harris" }) },
  {
    text: "Can't make tomorrow's board, I can ask Michelle Fraser to attend for Probation if that's OK?",
    expected: reading(TOMORROW, { deputy: "Michelle Fraser", organisation: "Probation" }),
  },
  { text: "I'm unable to attend on the 21st. Would it be OK if Russ Freeman came instead?", expected: reading(THURSDAY, { deputy: "Russ Freeman" }) },
  { text: "Apologies for Thursday, I could send my deputy Anthony Atkin?", expected: reading(THURSDAY, { deputy: "Anthony Atkin" }) },
  { text: "Won't make the board next week, shall I ask Cheryl Wells to go?", expected: reading(NEXT, { deputy: "Cheryl Wells" }) },
  { text: "Sorry I can't attend Thursday - Jo Broadbent can come instead if needed", expected: reading(THURSDAY, { deputy: "Jo Broadbent" }) },
  { text: "Is the leadership group still on for Thursday?", expected: undefined },
  { text: "I'll be there on Thursday, see you at the panel", expected: undefined },
  { text: "Who's chairing the forum on the 21st?", expected: undefined },
  { text: "Will miss the start of the call, apologies in advance", expected: undefined },
  { text: "Could Russ Freeman present item 5 instead of me?", expected: undefined },
];

/** Held out and still read otherwise: the reader takes "I'm away on Thursday" as the reason, as the corpus does for "I'm on leave on the 21st so ...". */
export const WORDS_KNOWN_MISS: CorpusCase = { text: "I'm away on Thursday so won't be there", expected: reading(THURSDAY) };
