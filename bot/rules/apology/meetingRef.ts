// Which meeting: "Thursday", "the 21st", "March 21", or the next one when no date is given.
import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { WEEKDAYS } from "./words";

export type MeetingRef =
  /**
   * No date given, "the next meeting", "the board", and "next week" / "next month": a board meets every few
   * weeks, so "the meeting next week" is the next one, not a day to guess.
   */
  | { kind: "next" }
  /** "YYYY-MM-DD" in the partnership's zone. */
  | { kind: "date"; date: string };

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

export function findMeeting(text: string, zone: string, now: Date): MeetingRef {
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
