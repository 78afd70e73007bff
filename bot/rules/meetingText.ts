// Reads "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices" as a manager types it.
// chrono finds the date and time words; the instant is then built with luxon in the partnership's
// zone, so the server's own zone never changes what a meeting time means.
import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { isValidTimeZone, wallClockInstant, type WallClock } from "./zonedTime";
import { takeTeamsLink, type TeamsLink } from "./teamsLink";

export interface MeetingDraft {
  /** ISO 8601 instant, UTC. */
  startsAt: string;
  endsAt?: string;
  title: string;
  location?: string;
  /** The Teams meeting it is held on, when a join link was given. */
  teams?: TeamsLink;
}

/** `message` is written for the user and shown as it is. */
export type MeetingParse = { ok: true; meeting: MeetingDraft } | { ok: false; message: string };

export const DEFAULT_MEETING_TITLE = "Board meeting";
const MAX_TITLE = 120;
const MAX_LOCATION = 200;
const YEARS_AHEAD = 5;
const YEARS_BACK = 10; // boards record past meetings too
const EXAMPLE = "Try: meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices";

export function parseMeetingText(text: string, opts: { timeZone: string; now: Date }): MeetingParse {
  const { timeZone: zone, now } = opts;
  if (!isValidTimeZone(zone)) return fail(`The partnership's time zone ("${zone}") isn't one I recognise, so I can't place the meeting.`);
  // A join link is taken out first: its digits and escapes would read as dates.
  const taken = takeTeamsLink(text.replace(/\s+/g, " ").trim());
  if (taken.link && !taken.link.ok) return fail(taken.link.message);
  const teams = taken.link?.ok ? taken.link.link : undefined;
  const input = taken.rest;
  if (input === "") return fail(`When is the meeting? ${EXAMPLE}`);

  // chrono skips an impossible date without a word ("31 February 2025" gives no result at all, and
  // "32 March 2024 2pm" gives just "2pm"), so look for one first.
  const impossible = findImpossibleDate(input);
  if (impossible) return fail(`There is no ${impossible}: please check the date. ${EXAMPLE}`);

  // "for 2 hours" is read here: chrono reads it as "2 hours from now", a date of its own.
  const length = DURATION.exec(input);
  const minutes = length ? durationMinutes(length) : undefined;
  if (length && (minutes === undefined || minutes <= 0 || minutes > 24 * 60)) {
    return fail(`I couldn't use "${length[0]}" as the meeting's length. ${EXAMPLE}`);
  }

  // chrono works in the machine's zone; give it "now" as the wall clock reads in the partnership's
  // zone, so "tomorrow" and "Thursday" mean the partnership's tomorrow and Thursday.
  const local = DateTime.fromJSDate(now, { zone });
  const reference = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Every change keeps the text's length, so chrono's indexes still point into `input`.
  let forChrono = input.replace(/[\u2012-\u2015]/g, "-");
  if (length) forChrono = forChrono.slice(0, length.index) + " ".repeat(length[0].length) + forChrono.slice(length.index + length[0].length);
  const found = chrono.en.GB.parse(forChrono, reference, { forwardDate: true });

  const dated = found.find((r) => r.start.isCertain("day") || r.start.isCertain("weekday"));
  if (!dated) return fail(`I couldn't find a date in "${input}". ${EXAMPLE}`);
  const day = { year: dated.start.get("year") ?? 0, month: dated.start.get("month") ?? 0, day: dated.start.get("day") ?? 0 };
  // "Board, 21 March 2024, 2pm" can come back as two results: a date and a time.
  const timed = dated.start.isCertain("hour")
    ? dated
    : found.find((r) => r.start.isCertain("hour") && !r.start.isCertain("day") && !r.start.isCertain("weekday"));
  if (!timed) {
    // "21 March 2pm to 22 March 4pm" comes back as two dates: a meeting spanning days isn't supported.
    if (found.some((r) => r !== dated && r.start.isCertain("hour"))) {
      return fail(`I couldn't tell when the meeting starts. Put the start time straight after the date, and keep to one day. ${EXAMPLE}`);
    }
    return fail(`I found ${longDate(day)} but no start time. Try: meeting ${longDate(day)} 2pm, Board meeting`);
  }

  const explicit24h = /(^|\D)0\d[:.]\d\d/.test(timed.text);
  const clock = (c: chrono.ParsedComponents): { hour: number; minute: number } => {
    let hour = c.get("hour") ?? 0;
    // No board meets at 2am: "at 2" or "2 to 4" means the afternoon, unless written as 02:00.
    if (!c.isCertain("meridiem") && hour >= 1 && hour <= 6 && !explicit24h) hour += 12;
    return { hour, minute: c.get("minute") ?? 0 };
  };
  const startWall: WallClock = { ...day, ...clock(timed.start) };
  const start = instant(startWall, zone);
  if (typeof start === "string") return fail(start);
  let endsAt: string | undefined;
  if (timed.end) {
    // A meeting ends the day it starts. chrono moves an end that is earlier than the start to the
    // next day ("4pm to 2pm"); here that is a mistake to report.
    const endWall: WallClock = { ...day, ...clock(timed.end) };
    const end = instant(endWall, zone);
    if (typeof end === "string") return fail(end);
    if (end.iso <= start.iso) {
      return fail(`The meeting can't end (${clockText(endWall)}) before it starts (${clockText(startWall)}). ${EXAMPLE}`);
    }
    endsAt = end.iso;
  }
  if (minutes !== undefined) {
    if (endsAt) return fail(`Give an end time or a length ("for 2 hours"), not both. ${EXAMPLE}`);
    endsAt = DateTime.fromISO(start.iso, { zone: "utc" }).plus({ minutes }).toISO() ?? undefined;
  }

  const startDt = DateTime.fromISO(start.iso);
  const nowDt = DateTime.fromJSDate(now);
  if (startDt > nowDt.plus({ years: YEARS_AHEAD })) {
    return fail(`${longDate(day)} is more than ${YEARS_AHEAD} years ahead: please check the year.`);
  }
  if (startDt < nowDt.minus({ years: YEARS_BACK })) {
    return fail(`${longDate(day)} is more than ${YEARS_BACK} years ago: please check the year.`);
  }

  const spans = [dated, timed].map((r) => ({ from: r.index, to: r.index + r.text.length }));
  if (length) spans.push({ from: length.index, to: length.index + length[0].length });
  const words = titleAndLocation(withoutSpans(input, spans));
  if (words.title.length > MAX_TITLE) return fail(`The title is ${words.title.length} characters long; the limit is ${MAX_TITLE}.`);
  if (words.location && words.location.length > MAX_LOCATION) {
    return fail(`The location is ${words.location.length} characters long; the limit is ${MAX_LOCATION}.`);
  }
  const location = words.location ?? (teams ? "Teams" : undefined);
  return {
    ok: true,
    meeting: { startsAt: start.iso, ...(endsAt ? { endsAt } : {}), title: words.title, ...(location ? { location } : {}), ...(teams ? { teams } : {}) },
  };
}

function instant(wall: WallClock, zone: string): { iso: string } | string {
  const result = wallClockInstant(wall, zone);
  if (result.ok) return { iso: result.iso };
  if (result.reason === "skipped") {
    return `${clockText(wall)} on ${longDate(wall)} doesn't exist in ${zone}: the clocks go forward then. Please pick another time.`;
  }
  return `There is no ${longDate(wall)} ${clockText(wall)}: please check the date and time. ${EXAMPLE}`;
}

/** What is left once the date and time are cut out; each cut acts as a comma between the pieces. */
function withoutSpans(input: string, spans: { from: number; to: number }[]): string[] {
  const cuts = [...spans].sort((a, b) => a.from - b.from);
  const pieces: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (cut.from >= at) pieces.push(input.slice(at, cut.from));
    at = Math.max(at, cut.to);
  }
  pieces.push(input.slice(at));
  return pieces
    .flatMap((p) => p.split(","))
    .map((p) => withoutEdgeWords(p.replace(EDGE_JUNK, "")).replace(EDGE_JUNK, ""))
    .map((p) => /^(["\u201C].*["\u201D]|'.*')$/.test(p) ? p.slice(1, -1).trim() : p)
    .filter((p) => p !== "");
}

// Left at the edges of a piece once the date is cut out: "- Board", "Board meeting on the".
const EDGE_JUNK = /^[\s\-:;|.]+|[\s\-:;|.]+$/g;
const LEADING_WORDS = new Set(["on", "from"]);
const TRAILING_WORDS = new Set(["on", "the", "from", "at", "of"]);

function withoutEdgeWords(piece: string): string {
  const words = piece.split(" ");
  while (words.length > 0 && LEADING_WORDS.has(words[0]?.toLowerCase() ?? "")) words.shift();
  while (words.length > 0 && TRAILING_WORDS.has(words[words.length - 1]?.toLowerCase() ?? "")) words.pop();
  return words.join(" ");
}
// A piece that starts "at", "@" or "in" is a place: "at Civic Offices", "in Room 4".
const PLACE_MARKER = /^(?:at|@|in)\s+/i;

function titleAndLocation(parts: string[]): { title: string; location?: string } {
  const places = parts.filter((p) => PLACE_MARKER.test(p));
  const others = parts.filter((p) => !PLACE_MARKER.test(p));
  const [first, ...rest] = others;
  const location = [...rest, ...places.map((p) => p.replace(PLACE_MARKER, ""))].join(", ");
  if (first === undefined) return location ? { title: DEFAULT_MEETING_TITLE, location } : { title: DEFAULT_MEETING_TITLE };
  if (location) return { title: first, location };
  // No commas: "Board meeting at Civic Offices".
  const place = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(first);
  if (place) return { title: place[1] ?? first, location: place[2] ?? "" };
  return { title: first };
}

const DURATION = /\bfor (\d{1,3}(?:\.\d+)?|an?|one|two|three|four|five|six|half an?) ?(hours?|hrs?|minutes?|mins?)\b/i;
const WORD_NUMBER: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, "half a": 0.5, "half an": 0.5 };

function durationMinutes(m: RegExpExecArray): number | undefined {
  const amount = m[1] ?? "";
  const n = /^\d/.test(amount) ? Number(amount) : WORD_NUMBER[amount.toLowerCase().replace(/\s+/g, " ")];
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.round(/^h/i.test(m[2] ?? "") ? n * 60 : n);
}

const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH}(?![a-z])(?:,? (\\d{4}))?`, "gi");
const MONTH_DAY = new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (\\d{4}))?`, "gi");
// UK order: day/month/year; "14:00-16:00" and "2.30" are times, kept out by the look-arounds.
const NUMERIC = /(?<![\d/.:])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.:])|(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?![\d/.:])/g;
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const monthNumber = (name: string) => ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** The first date-like text that names a day the calendar doesn't have, as written. */
export function findImpossibleDate(text: string): string | undefined {
  const candidates: { at: number; written: string; day: number; month: number; year?: string }[] = [];
  for (const m of text.matchAll(DAY_MONTH)) candidates.push({ at: m.index ?? 0, written: m[0], day: +(m[1] ?? 0), month: monthNumber(m[2] ?? ""), year: m[3] });
  for (const m of text.matchAll(MONTH_DAY)) candidates.push({ at: m.index ?? 0, written: m[0], day: +(m[2] ?? 0), month: monthNumber(m[1] ?? ""), year: m[3] });
  for (const m of text.matchAll(NUMERIC)) {
    candidates.push(
      m[1] !== undefined
        ? { at: m.index ?? 0, written: m[0], day: +m[1], month: +(m[3] ?? 0), year: m[4] }
        : { at: m.index ?? 0, written: m[0], day: +(m[5] ?? 0), month: +(m[6] ?? 0) },
    );
  }
  for (const m of text.matchAll(ISO_DATE)) candidates.push({ at: m.index ?? 0, written: m[0], day: +(m[3] ?? 0), month: +(m[2] ?? 0), year: m[1] });
  candidates.sort((a, b) => a.at - b.at);
  for (const c of candidates) {
    // Without a year, 29 February is possible, so check against a leap year.
    const year = c.year === undefined ? 2024 : c.year.length === 2 ? 2000 + Number(c.year) : Number(c.year);
    if (!DateTime.fromObject({ year, month: c.month, day: c.day }, { zone: "utc" }).isValid) return c.written.trim();
  }
  return undefined;
}

function longDate(d: { year: number; month: number; day: number }): string {
  const dt = DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: "utc", locale: "en-GB" });
  return dt.isValid ? dt.toFormat("cccc d MMMM yyyy") : `${d.day}/${d.month}/${d.year}`;
}

/** "2pm", "1:30am": same style as formatTime, from a wall clock. */
function clockText(w: { hour: number; minute: number }): string {
  const hour = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${hour}${w.minute === 0 ? "" : `:${String(w.minute).padStart(2, "0")}`}${w.hour < 12 ? "am" : "pm"}`;
}

function fail(message: string): MeetingParse {
  return { ok: false, message };
}
