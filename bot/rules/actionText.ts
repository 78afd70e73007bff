// Reads an action as minutes word it: "for @Cheryl Wells: circulate the Prevent strategy to statutory
// partners by 20 June", "JB to contact statutory partners", "for Kate Taylor (Police): review the CCTV
// protocol by the next meeting". Owners come first, then what is to be done; the due date is the last
// "by ..." phrase that names a day. Dates are read as meetingText reads them: chrono for the words,
// luxon in the partnership's zone for the day.
import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { MAX_ACTION_TEXT, type ActionDue } from "./actionTypes";
import { findImpossibleDate } from "./meetingText";
import { isValidTimeZone } from "./zonedTime";

/** A mention is a Teams user; a name ("Kate Taylor", "MC") is matched to the roster later, or kept as an outside owner. */
export type ParsedOwner = { kind: "mention"; name: string; id: string } | { kind: "name"; name: string; organisation?: string };

/** `message` is written for the user and shown as it is. */
export type ActionParse = { ok: true; owners: ParsedOwner[]; text: string; due?: ActionDue } | { ok: false; message: string };

export interface ActionTextOptions {
  timeZone: string;
  now: Date;
  /** Who was @mentioned (not the bot): display name and Teams user id, in the order Teams lists them. */
  mentions: { name: string; id: string }[];
}

const EXAMPLE = "action for @Name: what to do by when";
export const NO_OWNER = `Say who owns it: ${EXAMPLE}`;
const NO_TEXT = `Say what is to be done: ${EXAMPLE}`;
const NAME_END = "I couldn't tell where the owner's name ends. Put a colon after it: action for Kate Taylor (Police): what to do by when";
const MAX_OWNERS = 10;
const MAX_NAME = 120; // as storage keeps it
const MAX_NAME_WORDS = 6;
const YEARS_AHEAD = 5;
// Room for owners and a due date around the longest action; anything longer is refused before any parsing.
const MAX_INPUT = MAX_ACTION_TEXT + 1000;

const tooLong = (n: number) => `An action can be at most ${MAX_ACTION_TEXT} characters; this one is ${n}.`;

export function parseActionText(text: string, opts: ActionTextOptions): ActionParse {
  const { timeZone: zone, now, mentions } = opts;
  if (!isValidTimeZone(zone)) return fail(`The partnership's time zone ("${zone}") isn't one I recognise, so I can't place a due date.`);
  // Dashes of every width read as "-"; the command word's own colon ("action: for ...") is dropped.
  const input = text.replace(/[\u2012-\u2015]/g, "-").replace(/\s+/g, " ").trim().replace(/^[:\-]\s*/, "");
  if (input.length > MAX_INPUT) return fail(tooLong(input.length));

  const lead = /^for\s+/i.exec(input);
  const from = lead ? lead[0].length : 0;
  let scan = scanOwners(input, from, mentions, false);
  // "for the chair: ..." or "for jenny: ...": after "for" and before a colon, any words are a name.
  if (!scan.ok && lead) {
    const lenient = scanOwners(input, from, mentions, true);
    if (lenient.ok) scan = lenient;
  }
  if (!scan.ok) return fail(scan.reason === "too-many" ? `An action can have at most ${MAX_OWNERS} owners.` : scan.reason === "no-delimiter" && lead ? NAME_END : NO_OWNER);
  // Without "for", "Circulate to partners" would make "Circulate" the owner: a lone verb is no owner.
  const only = scan.owners.length === 1 ? scan.owners[0] : undefined;
  if (!lead && only?.kind === "name" && VERBS.has(only.name.toLowerCase())) return fail(NO_OWNER);

  const body = input.slice(scan.body);
  const found = findDue(body, zone, now);
  if ("message" in found) return fail(found.message);
  const action = tidy(found.cut ? body.slice(0, found.cut.from) + " " + body.slice(found.cut.to) : body);
  if (action === "") return fail(NO_TEXT);
  if (action.length > MAX_ACTION_TEXT) return fail(tooLong(action.length));
  return { ok: true, owners: scan.owners, text: action, ...(found.due ? { due: found.due } : {}) };
}

// How minutes start an action ("To circulate ...", "Review ..."): words that are never an owner's name.
const VERBS = new Set(
  ("add agree arrange ask bring check circulate confirm consider contact develop discuss draft email ensure establish explore follow " +
    "identify invite liaise look meet obtain organise prepare present produce provide raise recirculate report review send set share " +
    "speak update write").split(" "),
);

// ---- owners -------------------------------------------------------------------------------------

type Scan = { ok: true; owners: ParsedOwner[]; body: number } | { ok: false; reason: "none" | "no-delimiter" | "too-many" };
type Mention = { name: string; id: string };

// Between owners: ", ", " and ", " & ", ", and ".
const OWNER_SEP = /^(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)/i;
// Between owners and what they are to do: a colon, a spaced dash, or minutes' "MC to share ...".
const BODY_SEP = /^\s*(?::|-(?=\s))\s*/;
const BODY_TO = /^\s+to\s+/i;
const ORGANISATION = /^\s*\(([^()]{1,120})\)/;

function scanOwners(s: string, from: number, mentions: Mention[], lenient: boolean): Scan {
  const owners: ParsedOwner[] = [];
  const used = new Set<string>();
  let p = from;
  let read = readOwner(s, p, mentions, used, lenient);
  while (read) {
    const owner = read.owner;
    if (owner.kind === "mention") used.add(owner.id);
    const seen = owners.some((o) => (o.kind === "mention" && owner.kind === "mention" ? o.id === owner.id : o.name.toLowerCase() === owner.name.toLowerCase()));
    if (!seen) owners.push(owner);
    if (owners.length > MAX_OWNERS) return { ok: false, reason: "too-many" };
    p = read.end;
    const sep = OWNER_SEP.exec(s.slice(p));
    read = sep ? readOwner(s, p + sep[0].length, mentions, used, lenient) : undefined;
  }
  if (owners.length === 0) return { ok: false, reason: "none" };
  const rest = s.slice(p);
  const sep = BODY_SEP.exec(rest) ?? (lenient ? null : BODY_TO.exec(rest));
  if (sep) return { ok: true, owners, body: p + sep[0].length };
  // A mention's end is known, so "for @Cheryl Wells circulate ..." needs no colon.
  const last = owners[owners.length - 1];
  if (last?.kind === "mention" && !lenient) return { ok: true, owners, body: p };
  return { ok: false, reason: "no-delimiter" };
}

function readOwner(s: string, p: number, mentions: Mention[], used: Set<string>, lenient: boolean): { owner: ParsedOwner; end: number } | undefined {
  if (s[p] === "@") {
    const m = matchMention(s, p + 1, mentions, used);
    if (m) {
      // "@Cheryl Wells (Thurrock Council)": the roster already knows her organisation.
      const org = ORGANISATION.exec(s.slice(m.end));
      return { owner: { kind: "mention", name: m.mention.name.trim(), id: m.mention.id }, end: m.end + (org ? org[0].length : 0) };
    }
    p += 1; // typed "@Name" that Teams did not send as a mention: a name like any other
  }
  // Minutes write initials in brackets: "(GC) to facilitate visits".
  const initials = /^\((\p{Lu}{2,4})\)/u.exec(s.slice(p, p + 8));
  if (initials) return { owner: { kind: "name", name: initials[1] ?? "" }, end: p + initials[0].length };
  const name = readName(s, p, lenient);
  if (!name) return undefined;
  const org = ORGANISATION.exec(s.slice(name.end));
  const organisation = org?.[1]?.trim();
  return {
    owner: { kind: "name", name: name.name, ...(organisation ? { organisation } : {}) },
    end: name.end + (org ? org[0].length : 0),
  };
}

const NAME_WORD = /[\p{L}][\p{L}\p{M}'\u2019.-]*/uy;
// Lower-case words inside a name: "Jo de Souza", "Ruud van Dijk".
const PARTICLES = new Set(["de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "le", "la", "bin", "al", "ap"]);

/** Up to six words; strictly, each a capitalised word or a particle, and never "and" or "to". */
function readName(s: string, p: number, lenient: boolean): { name: string; end: number } | undefined {
  let q = p;
  let end = -1;
  for (let words = 0; words < MAX_NAME_WORDS; words++) {
    NAME_WORD.lastIndex = q;
    const m = NAME_WORD.exec(s);
    if (!m) break;
    const word = m[0];
    const lower = word.toLowerCase();
    if (lower === "and" || lower === "to") break;
    const capital = /^\p{Lu}/u.test(word);
    if (!lenient && !capital && !PARTICLES.has(lower)) break;
    q += word.length;
    if (capital || lenient) end = q; // a name never ends on a particle
    if (s[q] !== " ") break;
    q += 1;
  }
  if (end < 0 || end - p > MAX_NAME) return undefined;
  return { name: s.slice(p, end), end };
}

/**
 * The mention whose name is written at `at`: the whole name, its first words ("@Graham" for Graham
 * Carey) or any one word ("@Cheryl" for "Wells, Cheryl"). The longest match wins; on a tie, someone not
 * yet matched, then the first listed, since Teams lists mentions in the order they were typed.
 */
function matchMention(s: string, at: number, mentions: Mention[], used: Set<string>): { mention: Mention; end: number } | undefined {
  const ahead = s.slice(at, at + MAX_NAME + 1).toLowerCase();
  let best: { mention: Mention; length: number; fresh: boolean } | undefined;
  for (const mention of mentions) {
    const name = mention.name.trim().toLowerCase();
    if (name === "") continue;
    const words = name.split(/\s+/);
    const forms = [name, ...words.map((_, i) => words.slice(0, words.length - 1 - i).join(" ")), ...words.map((w) => w.replace(/[^\p{L}\p{M}'\u2019.-]/gu, ""))];
    for (const form of forms) {
      if (form === "" || !ahead.startsWith(form) || /[\p{L}\p{N}]/u.test(ahead.charAt(form.length))) continue;
      const fresh = !used.has(mention.id);
      if (!best || form.length > best.length || (form.length === best.length && fresh && !best.fresh)) best = { mention, length: form.length, fresh };
    }
  }
  return best ? { mention: best.mention, end: at + best.length } : undefined;
}

// ---- due date -----------------------------------------------------------------------------------

type Found = { due?: ActionDue; cut?: { from: number; to: number } } | { message: string };

const NEXT_MEETING =
  /\b(?:by the time of|in time for|ahead of|prior to|due(?: by)?|by|before|at|for|to|until|till)\s+(?:the\s+)?next\s+(?:(?:board|partnership|csp|group)\s+)?meeting\b/gi;
const DUE_MARKER = /\b(?:no later than|on or before|due(?:\s+(?:by|on))?|by|before|until|till|within|deadline(?: of)?:?)\s+/gi;
const MONTH_NAME = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// en-GB chrono reads "June 20" as June 2020; swapped to "20 June" (same length, so indexes hold).
const MONTH_FIRST = new RegExp(`^((?:the\\s+)?)(${MONTH_NAME}) (\\d{1,2}(?:st|nd|rd|th)?)(?![\\d:])`, "i");
// Phrases chrono reads wrongly or not at all: a working week ends on Friday; a UK financial year on 31 March.
const END_OF_WEEK = /^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(next\s+)?week\b/i;
const END_OF_YEAR = /^(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(financial\s+)?year\b/i;

interface Day {
  year: number;
  month: number;
  day: number;
}

function findDue(body: string, zone: string, now: Date): Found {
  const local = DateTime.fromJSDate(now, { zone }).startOf("day");
  const today: Day = { year: local.year, month: local.month, day: local.day };
  // chrono works in the machine's zone: hand it today's date at midnight as a wall clock, so "Friday"
  // on a Friday is today and "20 June" on 20 June is this year's, whatever the hour or server zone.
  const reference = new Date(today.year, today.month - 1, today.day);
  const candidates: { from: number; to: number; due: ActionDue; day?: Day }[] = [];

  for (const m of body.matchAll(NEXT_MEETING)) {
    candidates.push({ from: m.index, to: m.index + m[0].length, due: { kind: "next-meeting" } });
  }
  for (const m of body.matchAll(DUE_MARKER)) {
    const start = m.index + m[0].length;
    const after = body.slice(start, start + 60);
    const the = /^the\s+/i.exec(after)?.[0].length ?? 0;
    const impossible = findImpossibleDate(after.slice(the));
    if (impossible && after.slice(the).toLowerCase().startsWith(impossible.toLowerCase()) && !isFinancialYear(impossible)) {
      return { message: `There is no ${impossible}: please check the due date.` };
    }
    const read = readDay(after, the, local, reference);
    if (read) candidates.push({ from: m.index, to: start + read.length, due: { kind: "date", date: key(read.day) }, day: read.day });
  }
  // The last one said is the due date: "report produced by the police by 20 June".
  const chosen = candidates.sort((a, b) => a.from - b.from)[candidates.length - 1];
  if (!chosen) return {};
  if (chosen.day) {
    const when = DateTime.fromObject(chosen.day, { zone });
    if (key(chosen.day) < key(today)) return { message: `The due date, ${longDate(chosen.day)}, has already passed: please check it.` };
    if (when > local.plus({ years: YEARS_AHEAD })) return { message: `${longDate(chosen.day)} is more than ${YEARS_AHEAD} years ahead: please check the year.` };
  }
  return { due: chosen.due, cut: { from: chosen.from, to: chosen.to } };
}

/** The day named at the start of `after` (after an optional "the"), and how many characters name it. */
function readDay(after: string, the: number, local: DateTime, reference: Date): { day: Day; length: number } | undefined {
  const week = END_OF_WEEK.exec(after);
  if (week) {
    const friday = local.plus({ days: (5 - local.weekday + 7) % 7 + (week[1] ? 7 : 0) });
    return { day: { year: friday.year, month: friday.month, day: friday.day }, length: week[0].length };
  }
  const year = END_OF_YEAR.exec(after);
  if (year) {
    const [month, day] = year[1] ? [3, 31] : [12, 31];
    const thisYear = { year: local.year, month, day };
    return { day: key(thisYear) >= local.toFormat("yyyy-MM-dd") ? thisYear : { ...thisYear, year: local.year + 1 }, length: year[0].length };
  }
  const text = after.replace(MONTH_FIRST, (_, the: string, month: string, day: string) => `${the}${day} ${month}`);
  const r = chrono.en.GB.parse(text, reference, { forwardDate: true }).find((x) => x.index === the);
  // A month alone is not a due date, and is as likely a name: "agreed by June Smith".
  if (!r || !(r.start.isCertain("day") || r.start.isCertain("weekday"))) return undefined;
  const day = { year: r.start.get("year") ?? 0, month: r.start.get("month") ?? 0, day: r.start.get("day") ?? 0 };
  if (!DateTime.fromObject(day, { zone: "utc" }).isValid) return undefined;
  return { day, length: the + r.text.length };
}

/** "23/24" is a financial year, not an impossible 23rd of the 24th month. */
function isFinancialYear(written: string): boolean {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(written);
  return m !== null && Number(m[2]) > 12;
}

const key = (d: Day) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

function longDate(d: Day): string {
  return DateTime.fromObject(d, { zone: "utc", locale: "en-GB" }).toFormat("d MMMM yyyy");
}

/** What is left once owners and due date are cut: tidy spacing and edges, drop minutes' leading "to", capitalise. */
function tidy(text: string): string {
  const t = text
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/^[\s,;:.-]+|[\s,;:.-]+$/g, "")
    .replace(/^to\s+/i, "");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function fail(message: string): ActionParse {
  return { ok: false, message };
}
