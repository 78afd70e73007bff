// Reads an apology for absence typed in plain chat: "Apologies for Thursday – in court. Cheryl will deputise."
// Three steps: tidy the text; find the apology (or "can't make it") and check that it is about a meeting
// rather than a late reply or a typo; then read the slots around it: whose, which meeting, why, and who
// goes instead. Dates go through chrono (en.GB) with "now" as the wall clock reads in the partnership's
// zone, as in meetingText, so "Thursday" is the partnership's Thursday.
import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { isValidTimeZone } from "./zonedTime";

export type MeetingRef =
  /**
   * No date given, "the next meeting", "the board", and "next week" / "next month": a board meets every few
   * weeks, so "the meeting next week" is the next one, not a day to guess.
   */
  | { kind: "next" }
  /** "YYYY-MM-DD" in the partnership's zone. */
  | { kind: "date"; date: string };

export interface ApologyReading {
  /** Names typed when sent on someone's behalf ("apologies from Mark Eaglestone and Russ Freeman"); empty = the sender themselves. */
  onBehalfOf: string[];
  /** An organisation named in brackets or after "for"/"from" ("(ECFRS)", "for Probation"), as typed. */
  organisation?: string;
  meeting: MeetingRef;
  reason?: string;
  /** "X will attend / deputise / represent us / go instead / is attending in my place / will sit in for me" */
  deputy?: string;
}

const MAX_REASON = 300;
// An apology is a line or two. Only the start of a longer paste is read, which keeps the rules' work
// (some of it quadratic in the length) small for any message the turn hands over.
const MAX_TEXT = 2000;

/** Undefined when the text is not an apology for absence. Throws RangeError for a zone that isn't IANA. */
export function readApology(text: string, opts: { timeZone: string; now: Date }): ApologyReading | undefined {
  if (!isValidTimeZone(opts.timeZone)) throw new RangeError(`Not an IANA time zone: ${opts.timeZone}`);
  const clean = tidy(text.slice(0, MAX_TEXT));
  const toks = tokenise(clean);
  const intent = findIntent(clean, toks);
  if (!intent) return undefined;
  const deputy = findDeputy(clean, toks);
  const bracket = intent.organisation === undefined ? bracketOrganisation(clean, toks) : undefined;
  const organisation = intent.organisation ?? bracket?.organisation ?? deputy?.organisation;
  const spent = [intent.span, ...(deputy ? [deputy.span] : []), ...(bracket ? [bracket.span] : [])];
  const reason = findReason(clean, spent, intent.span);
  return {
    onBehalfOf: intent.names,
    ...(organisation !== undefined ? { organisation } : {}),
    meeting: findMeeting(clean, opts.timeZone, opts.now),
    ...(reason !== undefined ? { reason } : {}),
    ...(deputy?.name !== undefined ? { deputy: deputy.name } : {}),
  };
}

// ---- Step 1: tidy ---------------------------------------------------------------------------------

// Chat shorthand and common misspellings, so the rules below only need the proper words.
const SPELLINGS: [RegExp, string][] = [
  [/\b(?:ap+ol+og+[iy]?e?s|ap+ol+g[iy]e?s|ap+ol+ig[iy]e?s|ap+log[iy]e?s|ap+ol+oig[iy]?e?s|ap+ols?)\b/gi, "apologies"],
  [/\bcant\b/gi, "can't"],
  [/\bwont\b/gi, "won't"],
  [/\bcouldnt\b/gi, "couldn't"],
  [/\b[iI]m\b/g, "I'm"],
  [/\b[iI]ve\b/g, "I've"],
  [/\b(?:tmrw|tmw|tmrow|tomoz|2moro|2morrow|tomorow|tommorow|tommorrow)\b/gi, "tomorrow"],
  [/\b2day\b/gi, "today"],
  [/\bweds\b/gi, "Wednesday"],
  [/\bmtg\b/gi, "meeting"],
  [/\b(?:b\/c|cos|coz|cuz)\b/gi, "because"],
  [/\b(?:pls|plz)\b/gi, "please"],
];

function tidy(text: string): string {
  let s = text
    .replace(/<at>.*?<\/at>/gi, " ") // a Teams mention of the bot
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u02BC\u2032`]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s*[\u2012-\u2015\u2212]\s*/g, " - ")
    // A line break ends a sentence, as a full stop would.
    .replace(/([^.!?,;:\s])[ \t]*\r?\n+/g, "$1. ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [from, to] of SPELLINGS) s = s.replace(from, to);
  return s;
}

interface Tok {
  text: string;
  /** Lower case, without a possessive "'s": "thursday" for "Thursday's". */
  low: string;
  start: number;
  end: number;
}

// Words keep inner apostrophes, hyphens, slashes and dots ("I'm", "Smith-Jones", "20/06", "20.06");
// every other mark is a token of its own.
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}'\-/]|\.(?=[\p{L}\p{N}]))*|[^\s\p{L}\p{N}]/gu;

function tokenise(s: string): Tok[] {
  return [...s.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    low: m[0].toLowerCase().replace(/'s?$/, ""),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const isWord = (t: Tok | undefined): boolean => t !== undefined && /^[\p{L}\p{N}]/u.test(t.text);
const isCapital = (t: Tok | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t.text);

// ---- Word lists -------------------------------------------------------------------------------------

const words = (s: string) => new Set(s.split(" "));
const WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun");
const MONTHS = words("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec");
const DAY_WORDS = words("today tonight tomorrow morning afternoon evening day week next upcoming forthcoming coming following");
const MEETING_WORDS = words("meeting meetings board boards csp partnership session call one");
const isDateWord = (w: string) => WEEKDAYS.has(w) || MONTHS.has(w) || DAY_WORDS.has(w) || /^\d/.test(w);
const isMeetingWord = (w: string) => MEETING_WORDS.has(w);
// Capitalised in chat without being anyone's name.
const NOT_NAMES = words(
  "i i'm i've i'll i'd apologies apology sorry please thanks thank hi hello hey dear regards cheers unfortunately also and but so just fyi re " +
    "morning afternoon evening today tomorrow tonight the a an all everyone team board meeting csp we they he she it my our can could would will " +
    "not no yes ok unable afraid regret sadly hope as due because since for from on in at there this that send sending deputy substitute instead " +
    "who what when apols many kind best good",
);
const TITLES = words("cllr councillor dr mr mrs ms miss prof sir dame supt superintendent ch chief insp inspector dci di ds dc pc sgt det");
const PARTICLES = words("de van von der den le la di da du del st");
// Words that make a named thing an organisation, not a person: "Essex Police", "Thurrock Council".
const ORG_WORDS = words(
  "police constabulary council fire rescue probation icb nhs health service services cvs dwp trust commissioner pfcc opfcc department office " +
    "partnership authority borough county university college school schools association housing hospital ambulance unit centre",
);
// A reply or a document slip, not an absence: "Apologies, wrong attachment".
const SLIPS = words(
  "wrong typo typos mistake error late lateness delay delayed missed resend resent attachment attached link confusion inconvenience duplicate " +
    "reply replied response responding earlier above meant forgot forgotten spam ignore previous formatting double posted message email",
);

// ---- Step 2: the intent -------------------------------------------------------------------------------

interface Intent {
  names: string[];
  organisation?: string;
  span: Span;
}
type Span = { from: number; to: number };

// "can't make", "unable to attend", "won't be able to join", "not able to make it".
const ABSENCE =
  /\b(?:can't|cannot|can not|won't|will not|couldn't|could not|shan't|unable to|not able to|(?:not|n't) be able to|(?:not|n't) going to be able to|(?:not|n't) going to|can no longer|(?:am |i'm )?no longer able to)\s+(?:now\s+|actually\s+|be\s+able\s+to\s+)?(?:make(?:\s+it)?|attend|join|come(?:\s+to)?|get\s+to|dial\s+in(?:to)?)\b/gi;
// "won't be there", "will not be attending", "not attending", "unavailable", "will have to miss".
const NOT_THERE = /\b(?:won't|will not|shan't|not|can't|cannot|unable to)\s+(?:be\s+)?(?:attending|there|at|present|joining|available|in attendance)\b/gi;
const UNAVAILABLE = /\b(?:unavailable|(?:will|'ll|have to|having to|going to|got to|need to|will have to)\s+miss)\b/gi;
const APOLOGY = /\b(?:apologies|apology|regrets)\b/gi;

function findIntent(text: string, toks: Tok[]): Intent | undefined {
  // The first apology read gives the names; every other one is spent too, so it is never taken as the reason.
  let found: Intent | undefined;
  const refused: number[] = [];
  const anchors: { at: number; end: number; kind: "apology" | "absence" }[] = [];
  for (const re of [ABSENCE, NOT_THERE, UNAVAILABLE]) {
    for (const m of text.matchAll(re)) anchors.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: "absence" });
  }
  for (const m of text.matchAll(APOLOGY)) anchors.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: "apology" });
  anchors.sort((a, b) => a.at - b.at);
  for (const a of anchors) {
    const first = toks.findIndex((t) => t.start >= a.at);
    const next = toks.findIndex((t) => t.start >= a.end);
    if (first < 0) continue;
    const read = askedOrHypothetical(toks, first)
      ? undefined
      : a.kind === "apology"
        ? readApologyWord(text, toks, first, refused)
        : readAbsence(text, toks, first, next < 0 ? toks.length : next);
    if (!read) refused.push(first);
    else if (!found) found = read;
    else found = { ...found, span: { from: Math.min(found.span.from, read.span.from), to: Math.max(found.span.to, read.span.to) } };
  }
  return found;
}

/** "Any apologies?" and "if you can't attend, ..." are about apologies, not one. */
function askedOrHypothetical(toks: Tok[], at: number): boolean {
  let end = at;
  while (end < toks.length && !/^[.!?]$/.test(toks[end]?.text ?? "")) end++;
  let start = at;
  while (start > 0 && !/^[.!?]$/.test(toks[start - 1]?.text ?? "")) start--;
  const sentence = toks.slice(start, end);
  const firstPerson = sentence.some((t) => ["i", "i'm", "i've", "i'll", "my", "me", "myself", "our"].includes(t.low));
  if (toks[end]?.text === "?" && !firstPerson) return true;
  let clause = at;
  while (clause > 0 && !/^[.!?,;:-]$/.test(toks[clause - 1]?.text ?? "")) clause--;
  return toks.slice(clause, at).some((t) => ["if", "whether", "unless"].includes(t.low));
}

/** "can't make Thursday", "Russ Freeman can't make it": the object must be a meeting, not "sense" or "the deadline". */
function readAbsence(text: string, toks: Tok[], first: number, next: number): Intent | undefined {
  const object = meetingObject(toks, next, true);
  if (!object) return undefined;
  const subject = subjectNames(text, toks, first);
  if (subject === "unknown") return undefined;
  const from = subject.names.length > 0 ? subject.from : (toks[first]?.start ?? 0);
  return { names: subject.names, ...orgOf(subject), span: { from, to: object.to ?? toks[next - 1]?.end ?? from } };
}

const DETERMINERS = words("the this that these tomorrow's today's our your a an any next");
// After an absence verb these may follow straight away: "can't make it on Thursday", "can't attend, sorry".
const FREE_AFTER = words(
  "it on in for at either as due because so sorry unfortunately now after this today tomorrow tonight next until till i'm i " +
    "but and anymore then please in-person person physically remotely either now",
);

/**
 * Reads what follows "can't make" or "apologies for" as a meeting: "the board", "Thursday's CSP board",
 * "the 21st", "it". Undefined when it is something else ("sense of item 4", "the late reply").
 * `to` is where the meeting words end, if any were read.
 */
function meetingObject(toks: Tok[], i: number, afterVerb: boolean): { to?: number } | undefined {
  const t = toks[i];
  if (t === undefined || !isWord(t)) return afterVerb || t === undefined ? {} : undefined;
  if (t.low === "it") {
    return ["work", "happen", "clear", "up", "easier", "better"].includes(toks[i + 1]?.low ?? "") ? undefined : { to: t.end };
  }
  if (afterVerb && t.low === "to") return undefined; // "attend to that"
  const lead = DETERMINERS.has(t.low) && !isDateWord(t.low) ? toks[i + 1] : t;
  const leadAt = lead === t ? i : i + 1;
  if (lead !== undefined && isWord(lead) && (isDateWord(lead.low) || isMeetingWord(lead.low) || /^\d{1,2}(st|nd|rd|th)$/.test(lead.low) || isCapital(lead))) {
    // Read on over the meeting's words ("Thursday's CSP board", "the March meeting") and stop at the last.
    // Capitals alone are a name or an organisation ("for Margaret Allen"), not a meeting.
    let to: number | undefined;
    for (let j = leadAt; j < leadAt + 5; j++) {
      const w = toks[j];
      if (w === undefined || !isWord(w) || !(isDateWord(w.low) || isMeetingWord(w.low) || isCapital(w) || /^\d{1,2}(st|nd|rd|th)$/.test(w.low))) break;
      if (isDateWord(w.low) || isMeetingWord(w.low) || /^\d/.test(w.low)) to = w.end;
    }
    return to === undefined ? undefined : { to };
  }
  if (afterVerb && lead === t && FREE_AFTER.has(t.low)) return {};
  return undefined;
}

/** Names just before a verb ("Russ Freeman can't", "Cllr Jefferies sends"); "unknown" for he/she/they. */
function subjectNames(text: string, toks: Tok[], verb: number): { names: string[]; organisation?: string; from: number } | "unknown" {
  const helpers = words("has have had would like to asked asks me us wishes wanted also both just kindly is are unfortunately sadly still");
  let j = verb - 1;
  while (j >= 0 && helpers.has(toks[j]?.low ?? "")) j--;
  const last = toks[j];
  if (last && ["he", "she", "they"].includes(last.low)) return "unknown";
  let start = j;
  while (start >= 0 && (isNameToken(toks, start) || isListJoin(toks, start) || toks[start]?.text === ".")) start--;
  start++;
  while (start <= j && !isNameToken(toks, start)) start++;
  if (start > j) return { names: [], from: toks[verb]?.start ?? 0 };
  // "Hi Michelle, can't make it": a greeting's name is not the subject.
  if (["hi", "hello", "hey", "dear", "morning", "thanks"].includes(toks[start - 1]?.low ?? "")) return { names: [], from: toks[verb]?.start ?? 0 };
  const read = readNames(text, toks, start);
  if (read.next !== j + 1) return { names: [], from: toks[verb]?.start ?? 0 };
  return { names: read.names, ...orgOf(read), from: toks[start]?.start ?? 0 };
}

const orgOf = (r: { organisation?: string }) => (r.organisation !== undefined ? { organisation: r.organisation } : {});

const REFUSE_BEFORE = words("no any the your these those an a without");
const WITHDRAW = words("withdraw withdrawing retract cancel disregard ignore scrap");
const SEND_VERBS = words(
  "send sends sending sent give gives giving pass passing tender tenders submit submitting offer accept note noting record log register forward add have extend",
);

/** "Please send my apologies for Thursday", "apologies from Mark and Russ (ECFRS)", "Apologies, stuck in court". */
function readApologyWord(text: string, toks: Tok[], k: number, refused: number[]): Intent | undefined {
  const before = (n: number) => toks[k - n]?.low ?? "";
  if (REFUSE_BEFORE.has(before(1)) || [1, 2, 3].some((n) => WITHDRAW.has(before(n)))) return undefined;
  const after = whatFollows(text, toks, k);
  if (!after) return undefined;
  const sender = whoSends(text, toks, k);
  if (!sender) return undefined;
  const names = after.names.length > 0 ? after.names : sender.names;
  const organisation = after.organisation ?? sender.organisation;
  if (sender.possessive === "third" && names.length === 0) return undefined; // "her apologies": whose?
  if (!sender.sent && !after.about && sender.names.length === 0) {
    if (sender.possessive === "first") return undefined; // "my apologies, wrong attachment"
    if (!bareApology(toks, k, after.next, refused)) return undefined;
  }
  return { names, ...orgOf({ organisation }), span: { from: sender.from, to: after.to } };
}

const SELF = words("me myself us");

/**
 * What follows the apology word: "for Thursday", "from Mark and Russ (ECFRS)", "for absence: A, B", and
 * "received from Greg" (a manager relaying it: read as on Greg's behalf, which is what recording it needs).
 * Undefined when it is about something else ("for the late reply", "if ...").
 * `about` says whether anything tied it to people or a meeting.
 */
function whatFollows(
  text: string,
  toks: Tok[],
  k: number,
): { names: string[]; organisation?: string; about: boolean; to: number; next: number } | undefined {
  let names: string[] = [];
  let organisation: string | undefined;
  let about = false;
  let to = toks[k]?.end ?? 0;
  let i = k + 1;
  const take = (read: { names: string[]; organisation?: string; next: number }) => {
    names = names.concat(read.names);
    organisation ??= read.organisation;
    about = true;
    to = toks[read.next - 1]?.end ?? to;
    i = read.next;
  };
  if (toks[i]?.low === "for" && toks[i + 1]?.low === "absence") {
    to = toks[i + 1]?.end ?? to; // the minutes' own words
    i += 2;
  }
  // A list, as the minutes write it: "Apologies for absence: Cllr Jefferies, Clare Moore".
  if (toks[i]?.text === ":" || toks[i]?.text === "-") {
    const read = readNames(text, toks, i + 1);
    const end = toks[read.next];
    if (read.next > i + 1 && (end === undefined || /^[.;!-]$/.test(end.text))) take(read);
  }
  while (["have", "has", "been"].includes(toks[i]?.low ?? "")) i++;
  if (["noted", "received", "recorded", "logged", "acknowledged", "accepted"].includes(toks[i]?.low ?? "")) {
    if (toks[i + 1]?.low !== "from") return undefined; // the manager acknowledging
    i++;
  }
  for (let round = 0; round < 3; round++) {
    const w = toks[i]?.low;
    const behalf = w === "on" && toks[i + 1]?.low === "behalf" && toks[i + 2]?.low === "of";
    if (w !== "from" && w !== "for" && !behalf) break;
    const at = behalf ? i + 3 : i + 1;
    if (SELF.has(toks[at]?.low ?? "")) {
      take({ names: [], next: at + 1 });
      continue;
    }
    const meeting = w === "for" ? meetingObject(toks, at, false) : undefined;
    if (meeting) {
      to = meeting.to ?? to;
      about = true;
      i = toks.findIndex((t) => t.start >= to);
      if (i < 0) i = toks.length;
      continue;
    }
    const nameAt = toks[at]?.low === "the" ? at + 1 : at; // "for the Probation Service"
    const read = readNames(text, toks, nameAt);
    if (read.next === nameAt) return undefined; // "for the late reply", "for any inconvenience", "for not attending"
    take(read);
  }
  if (toks[i]?.low === "if") return undefined;
  return { names, ...orgOf({ organisation }), about, to, next: i };
}

/**
 * Who is sending it: "Please send my" (the sender), "Cllr Jefferies sends his", "Mark has asked me to send
 * his", "Tony's". Undefined for "he sends his": someone unnamed.
 */
function whoSends(
  text: string,
  toks: Tok[],
  k: number,
): { names: string[]; organisation?: string; sent: boolean; possessive?: "first" | "third"; from: number } | undefined {
  const owner = toks[k - 1];
  if (owner && /'s$/i.test(owner.text) && isNameToken(toks, k - 1)) {
    let start = k - 1;
    while (start > 0 && isNameToken(toks, start - 1)) start--;
    return { names: [text.slice(toks[start]?.start ?? 0, owner.end - 2)], sent: false, from: toks[start]?.start ?? 0 };
  }
  let j = k - 1;
  const mine = ["my", "our"].includes(toks[j]?.low ?? "");
  const theirs = ["his", "her", "their"].includes(toks[j]?.low ?? "");
  const possessive = mine ? "first" : theirs ? "third" : undefined;
  if (possessive) j--;
  if (toks[j]?.low === "on" && toks[j - 1]?.low === "pass") j--;
  const sent = SEND_VERBS.has(toks[j]?.low ?? "");
  if (!sent) return { names: [], sent, ...(possessive ? { possessive } : {}), from: toks[k]?.start ?? 0 };
  const subject = subjectNames(text, toks, j);
  if (subject === "unknown") return undefined;
  const from = subject.names.length > 0 ? subject.from : (toks[j]?.start ?? 0);
  return { names: subject.names, ...orgOf(subject), sent, ...(possessive ? { possessive } : {}), from };
}

/**
 * A bare "Apologies" counts when it stands alone or leads into a reason, not into a slip ("Apologies, typo").
 * At the end of a sentence it takes its sense from what came before: "In court all day, apologies" is one;
 * "Unable to attend to this until Friday, apologies" is not.
 */
function bareApology(toks: Tok[], k: number, i: number, refused: number[]): boolean {
  let start = k;
  while (start > 0 && !/^[.!?]$/.test(toks[start - 1]?.text ?? "")) start--;
  if (refused.some((r) => r >= start && r < k) || toks.slice(start, k).some((t) => SLIPS.has(t.low))) return false;
  while (["all", "everyone", "folks", "team", "please"].includes(toks[i]?.low ?? "")) i++;
  const t = toks[i];
  if (t === undefined) return true;
  let clauseStart = i;
  if (!isWord(t)) clauseStart = i + 1;
  else if (!isDateWord(t.low) && !words("i'm i i've i'll on off away stuck in unwell sick due because as but").has(t.low)) return false;
  for (let j = clauseStart; j < toks.length && !/^[.!?;]$/.test(toks[j]?.text ?? ""); j++) {
    if (SLIPS.has(toks[j]?.low ?? "")) return false;
  }
  return true;
}

// ---- Names ---------------------------------------------------------------------------------------------

function isNameToken(toks: Tok[], i: number): boolean {
  const t = toks[i];
  if (t === undefined || !isWord(t)) return false;
  if (TITLES.has(t.low.replace(/\.$/, ""))) return true;
  if (PARTICLES.has(t.low) && isCapital(toks[i + 1])) return true;
  return isCapital(t) && !NOT_NAMES.has(t.low) && !WEEKDAYS.has(t.low) && !MONTHS.has(t.low) && !isMeetingWord(t.low);
}

const isListJoin = (toks: Tok[], i: number) => [",", "and", "&", "+"].includes(toks[i]?.low ?? "");

/** True when a named thing is an organisation: "Essex Police", "ECFRS", "Probation". */
function isOrganisation(name: string): boolean {
  const parts = name.split(/\s+/);
  if (parts.some((p) => ORG_WORDS.has(p.toLowerCase()))) return true;
  return parts.length === 1 && /^[A-Z&]{2,7}$/.test(name) && !TITLES.has(name.toLowerCase());
}

/** Reads "Mark Eaglestone and Russ Freeman (ECFRS)" from token i. `next` is the first token after. */
function readNames(text: string, toks: Tok[], i: number): { names: string[]; organisation?: string; next: number } {
  const names: string[] = [];
  let organisation: string | undefined;
  let next = i;
  let at = i;
  for (;;) {
    const start = at;
    while (at - start < 5 && (isNameToken(toks, at) || (toks[at]?.text === "." && at > start && (toks[at - 1]?.text.length === 1 || TITLES.has(toks[at - 1]?.low ?? ""))))) at++;
    if (at === start) break;
    const name = text.slice(toks[start]?.start ?? 0, toks[at - 1]?.end ?? 0);
    if (isOrganisation(name)) organisation ??= name;
    else names.push(name);
    next = at;
    const bracket = bracketAt(text, toks, at);
    if (bracket) {
      organisation ??= bracket.organisation;
      at = next = bracket.next;
    }
    if (!isListJoin(toks, at)) break;
    at += toks[at]?.text === "," && toks[at + 1]?.low === "and" ? 2 : 1;
  }
  // "Mark Eaglestone of ECFRS", "Cheryl from Thurrock Council".
  if (next > i && ["from", "of", "at"].includes(toks[next]?.low ?? "")) {
    let end = next + 1;
    while (isWord(toks[end]) && (isCapital(toks[end]) || ["and", "of", "&"].includes(toks[end]?.low ?? ""))) end++;
    const org = end > next + 1 ? text.slice(toks[next + 1]?.start ?? 0, toks[end - 1]?.end ?? 0) : "";
    if (org && isOrganisation(org)) {
      organisation ??= org;
      next = end;
    }
  }
  return { names, ...(organisation !== undefined ? { organisation } : {}), next };
}

/** "(ECFRS)", "(Essex Police)" at token i: capitalised words only, so "(on leave)" stays a reason. */
function bracketAt(text: string, toks: Tok[], i: number): { organisation: string; next: number; span: Span } | undefined {
  if (toks[i]?.text !== "(") return undefined;
  const close = toks.findIndex((t, j) => j > i && t.text === ")");
  if (close < 0 || close === i + 1 || close - i > 9) return undefined;
  const inner = toks.slice(i + 1, close);
  const orgLike = inner.every((t) => isCapital(t) || ["and", "of", "&", "for", "the"].includes(t.low) || t.text === ",");
  if (!orgLike || inner.some((t) => isDateWord(t.low))) return undefined;
  const organisation = text.slice(inner[0]?.start ?? 0, inner[inner.length - 1]?.end ?? 0);
  return { organisation, next: close + 1, span: { from: toks[i]?.start ?? 0, to: toks[close]?.end ?? 0 } };
}

function bracketOrganisation(text: string, toks: Tok[]): { organisation: string; span: Span } | undefined {
  for (let i = 0; i < toks.length; i++) {
    const b = bracketAt(text, toks, i);
    if (b) return b;
  }
  return undefined;
}

// ---- Deputy --------------------------------------------------------------------------------------------

// "X will attend / deputise / represent us / go instead / is attending in my place / will sit in for me".
// "go" and "chair" need a place ("instead", "in my absence") or the end of the clause: "Cheryl will go through item 4" is not one.
const IN_MY_PLACE = String.raw`(?:instead|in\s+my\s+(?:place|stead|absence)|on\s+my\s+behalf|for\s+me)`;
const DEPUTY_VERB = new RegExp(
  String.raw`\b(?:will|shall|is|are|can|to|has agreed to|has kindly agreed to|is going to|'ll)\s+(?:be\s+)?` +
    String.raw`(?:attend(?:ing)?|deputi[sz](?:e|ing)|represent(?:ing)?|com(?:e|ing)|sit(?:ting)?\s+in|stand(?:ing)?\s+in|cover(?:ing)?|step(?:ping)?\s+in|` +
    String.raw`substitut(?:e|ing)|join(?:ing)?|take\s+my\s+place|(?:my|the)\s+(?:deputy|substitute|sub)|there|` +
    String.raw`(?:go(?:ing)?|chair(?:ing)?)(?:\s+${IN_MY_PLACE}|(?=\s*(?:[.,;!]|$))))\b`,
  "gi",
);
// "sending Lee Harris in my place", "my deputy will be Lee Harris", "Deputy: Lee Harris".
const DEPUTY_NAMED_AFTER = /\b(?:(?:i'll|i will|i am|i'm|will be)\s+)?send(?:ing)?\s+(?=\p{Lu})|\b(?:my\s+)?(?:deputy|substitute|sub|replacement)\s*(?::|-|will be|is)\s*(?=\p{Lu})/giu;
const NOT_DEPUTIES = words("i we he she they someone somebody colleague deputy one who which that this it there team member officer rep and but so also");
const CLAUSE_END = /[.,;!?]|\s-\s|\s(?:due to|because|as|so|but)\s/i;

function findDeputy(text: string, toks: Tok[]): { name?: string; organisation?: string; span: Span } | undefined {
  for (const m of text.matchAll(DEPUTY_VERB)) {
    const verb = toks.findIndex((t) => t.start >= (m.index ?? 0));
    let start = verb;
    // "Clare Moore (YOS) will attend": step back over the bracket.
    if (toks[start - 1]?.text === ")") {
      const open = toks.slice(0, start).map((t) => t.text).lastIndexOf("(");
      if (open >= 0) start = open;
    }
    const bracketed = start;
    // "Mark Tebbs from Thurrock CVS will attend": step back over where they are from.
    let k = start;
    while (k > 0 && isNameToken(toks, k - 1)) k--;
    if (k < start && ["from", "of", "at"].includes(toks[k - 1]?.low ?? "") && isNameToken(toks, k - 2)) start = k - 1;
    while (start > 0 && isNameToken(toks, start - 1)) start--;
    let name: string | undefined;
    let organisation: string | undefined;
    if (start < bracketed) {
      const read = readNames(text, toks, start);
      name = read.names[0];
      organisation = read.organisation;
    } else if (
      start === verb &&
      !/^to\b/i.test(m[0]) &&
      isWord(toks[verb - 1]) &&
      !NOT_DEPUTIES.has(toks[verb - 1]?.low ?? "") &&
      !isWord(toks[verb - 2])
    ) {
      // Typed in lower case at the start of a clause: "cheryl will deputise".
      start = verb - 1;
      name = toks[start]?.text;
    }
    if (name === undefined) continue;
    let from = toks[start]?.start ?? 0;
    const lead = text.slice(0, from).match(/\b(?:my|our)\s+(?:deputy|colleague|substitute|sub)\s*$/i);
    if (lead) from -= lead[0].length;
    const after = (m.index ?? 0) + m[0].length;
    const rest = text.slice(after);
    const end = after + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    organisation ??= deputyOrganisation(text.slice(after, end), m[0]);
    return { name, ...(organisation !== undefined ? { organisation } : {}), span: { from, to: end } };
  }
  for (const m of text.matchAll(DEPUTY_NAMED_AFTER)) {
    const at = toks.findIndex((t) => t.start >= (m.index ?? 0) + m[0].length);
    const read = readNames(text, toks, at);
    const name = read.names[0];
    if (name === undefined) continue;
    const after = toks[read.next - 1]?.end ?? 0;
    const rest = text.slice(after);
    const end = after + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    return { name, ...orgOf(read), span: { from: m.index ?? 0, to: end } };
  }
  return undefined;
}

/** "will attend for Probation", "will represent Essex Police", "on behalf of ECFRS"; not "for me", "represent us". */
function deputyOrganisation(rest: string, verb: string): string | undefined {
  const m = /^\s+(?:(?:for|on behalf of)\s+(?:the\s+)?)?((?:\p{Lu}[\p{L}&'-]*)(?:\s+(?:and|of|&|\p{Lu}[\p{L}&'-]*))*)/u.exec(rest);
  const org = m?.[1]?.replace(/\s+(?:and|of|&)$/, "");
  if (!org || !/\bfor\b|behalf|represent/i.test((m?.[0] ?? "") + verb)) return undefined;
  return org.split(/\s+/).some((w) => WEEKDAYS.has(w.toLowerCase()) || MONTHS.has(w.toLowerCase())) ? undefined : org;
}

// ---- Reason --------------------------------------------------------------------------------------------

// Where a reason starts: "due to annual leave", "because I'm in court", "as I'm on leave".
const REASON_SPLIT =
  /\u0000+|[.;!?]+(?=\s|$)|,|:\s|\s-+\s|^-+\s|\s-+$|\(|\)|\s(?:due to|owing to|because of|because|as a result of|on account of|since)\s|\sas\s(?=(?:i|i'm|i've|i'll|i'd|we|we're|we've|he|she|they|my|our|there|it|it's)\b)|\sso\s(?!sorry|much|many|far|glad)/i;
const FILLER = words(
  "sorry so very really terribly apologies please thanks thank you many cheers ta regards kind best wishes hi hello hey dear good all everyone folks " +
    "team colleagues i i'm i'll i've i'd we unfortunately sadly afraid regret but and also just though however ever x xx ok okay again once for on the this that " +
    "at in it of me my to from until till",
);
const REQUEST = /^(?:could|can|would|will|please|kindly|let me know|any chance|is there|are there|do|does|did|who|what|when|where|how)\b/i;
const GREETING = /^(?:hi|hello|hey|dear|morning|good morning|afternoon|good afternoon|evening|good evening)\b/i;
const PREAMBLE = /^(?:just\s+)?(?:a\s+)?(?:quick\s+)?(?:heads[\s-]?up|fyi|note|one|to (?:let (?:you|everyone|you all) know|say|confirm|flag))\b/i;

/** The clause that explains: the first left once the apology, the deputy and pleasantries are taken out. */
function findReason(text: string, spent: Span[], intent: Span): string | undefined {
  let masked = text;
  for (const s of spent) masked = masked.slice(0, s.from) + "\u0000".repeat(Math.max(0, s.to - s.from)) + masked.slice(s.to);
  // A question is asking for something ("can someone send me the papers?"), never a reason.
  masked = masked.replace(/[^.!?\u0000]*\?/g, (q) => "\u0000".repeat(q.length));
  const clauses: { text: string; at: number }[] = [];
  for (const piece of splitKeepingOffsets(masked, REASON_SPLIT)) {
    if (/^\s*(?:sorry|apologies)\s+(?:for|about|if)\b/i.test(piece.text)) continue; // "sorry for the short notice"
    const t = trimReason(piece.text);
    if (t && !dropped(t)) clauses.push({ text: t, at: piece.at });
  }
  const chosen = clauses.find((c) => c.at >= intent.to) ?? clauses.filter((c) => c.at < intent.from).pop();
  return chosen ? chosen.text.slice(0, MAX_REASON).trim() : undefined;
}

function splitKeepingOffsets(s: string, re: RegExp): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let rest = s;
  let offset = 0;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    const cut = m.index + Math.max(m[0].length, 1);
    out.push({ text: rest.slice(0, m.index), at: offset });
    offset += cut;
    rest = rest.slice(cut);
  }
  out.push({ text: rest, at: offset });
  return out;
}

function trimReason(piece: string): string {
  let t = piece.replace(/\u0000/g, " ").replace(/\s+/g, " ").trim();
  for (;;) {
    const before = t;
    t = t
      .replace(/^(?:due to|owing to|because of|because|as|since|but|and|so|unfortunately|sadly|i'm afraid|sorry|also|just|-)\s+/i, "")
      .replace(/\s+(?:sorry|thanks|thank you|apologies|unfortunately|sadly|i'm afraid|though|x+|so|and|but)$/i, "")
      .replace(/^["'\s]+|["'\s]+$/g, "");
    if (t === before) return t;
  }
}

function dropped(clause: string): boolean {
  if (GREETING.test(clause) || REQUEST.test(clause) || PREAMBLE.test(clause)) return true;
  const ws = tokenise(clause).filter(isWord);
  if (ws.length === 0) return true;
  if (ws.every((w) => FILLER.has(w.low) || isDateWord(w.low) || isMeetingWord(w.low) || /^\d{1,2}(st|nd|rd|th)$/.test(w.low))) return true;
  // A sign-off: "Thanks, Cheryl" (but "ANNUAL LEAVE" is shouted, not a name).
  return ws.length <= 2 && ws.every((w) => isCapital(w) && !isOrganisation(w.text) && w.text !== w.text.toUpperCase());
}

// ---- Meeting date --------------------------------------------------------------------------------------

// A date after these words is not the meeting: "on leave until Friday", "back on the 25th", "last Thursday".
const NOT_THE_MEETING = /\b(?:until|till|til|from|back|returning|return|since|after|before|by|last|between)\s+(?:on\s+|the\s+)?$/i;
const ORDINAL_DAY = /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;
const MONTH_DAY = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?::|\.\d|am|pm))(?:,?\s+(\d{4}))?/gi;
const SAME_DAY = /\bthis\s+(?:morning|afternoon|evening)\b|\blater\s+today\b/gi;

interface DateHit {
  at: number;
  end: number;
  date: DateTime;
  weekdayOnly: boolean;
}

function findMeeting(text: string, zone: string, now: Date): MeetingRef {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  // chrono works in the machine's zone: give it the partnership's date at midnight, so "Thursday" on a
  // Thursday and "21 March" on 21 March both mean today.
  const reference = new Date(today.year, today.month - 1, today.day);
  const hits: DateHit[] = [];
  // "next Thursday" is chrono's reading: the Thursday of next week. Had it meant this week's, the bot finds no
  // meeting that day and asks; the other reading, if wrong, would record an apology for the wrong meeting.
  for (const r of chrono.en.GB.parse(text, reference, { forwardDate: true })) {
    const said = r.text.toLowerCase();
    const weekday = [...WEEKDAYS].some((d) => new RegExp(`\\b${d}\\b`).test(said));
    if (!(r.start.isCertain("day") || r.start.isCertain("weekday"))) continue;
    if (!weekday && !/\d|today|tonight|tomorrow/.test(said)) continue; // "now", "next week", "a week"
    if (!weekday && /\b(?:weeks?|fortnight|months?|years?|ago|hours?|minutes?|mins?)\b/.test(said)) continue;
    if (/^(?:on\s+)?(?:sat|sun)$/.test(r.text)) continue; // lower-case "sat"/"sun" are words, not days
    let date = DateTime.fromObject({ year: r.start.get("year") ?? 0, month: r.start.get("month") ?? 0, day: r.start.get("day") ?? 0 }, { zone });
    // "Thursday week" and "a week on Thursday": the Thursday after next.
    if (weekday && (/^\s*week\b/i.test(text.slice(r.index + r.text.length)) || /\ba week (?:on )?$/i.test(text.slice(0, r.index)))) date = date.plus({ days: 7 });
    hits.push({ at: r.index, end: r.index + r.text.length, date, weekdayOnly: !r.start.isCertain("day") });
  }
  for (const m of text.matchAll(ORDINAL_DAY)) {
    const day = Number(m[1]);
    for (let k = 0; k < 13; k++) {
      const month = today.plus({ months: k });
      const date = DateTime.fromObject({ year: month.year, month: month.month, day }, { zone });
      if (date.isValid && date >= today) {
        hits.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, date, weekdayOnly: false });
        break;
      }
    }
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].indexOf((m[1] ?? "").slice(0, 3).toLowerCase()) + 1;
    let date = DateTime.fromObject({ year: m[3] ? Number(m[3]) : today.year, month, day: Number(m[2]) }, { zone });
    if (!m[3] && date < today) date = date.plus({ years: 1 });
    if (date.isValid) hits.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, date, weekdayOnly: false });
  }
  for (const m of text.matchAll(SAME_DAY)) hits.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, date: today, weekdayOnly: false });

  const usable = hits
    .filter((h) => h.date.isValid && !NOT_THE_MEETING.test(text.slice(0, h.at)))
    // One piece of text read twice (chrono and the patterns above): keep the reading that names a day.
    .filter((h, _, all) => !all.some((o) => o !== h && o.at <= h.at && o.end >= h.end && (o.end - o.at > h.end - h.at || (o.at === h.at && o.end === h.end && h.weekdayOnly && !o.weekdayOnly))))
    .sort((a, b) => a.at - b.at);
  let first = usable[0];
  if (!first) return { kind: "next" };
  // "Thursday 21st": the day of the month says more than the weekday.
  const dayAfter = usable.find((h) => h !== first && first !== undefined && h.at >= first.end && h.at - first.end <= 3 && !h.weekdayOnly);
  if (first.weekdayOnly && dayAfter) first = dayAfter;
  return { kind: "date", date: first.date.toFormat("yyyy-MM-dd") };
}
