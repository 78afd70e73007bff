// Wall-clock times in a partnership's IANA time zone, and how the bot writes them. Everything goes
// through luxon with an explicit zone and locale, so the machine's own zone and locale never matter.
import { DateTime, IANAZone } from "luxon";

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type WallClockInstant =
  | { ok: true; iso: string }
  /** "invalid": no such date or time (31 February, 25:00). "skipped": the clocks went forward over it. */
  | { ok: false; reason: "invalid" | "skipped" };

// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (~80 µs, and memory the GC keeps);
// every formatted time asks, so the answer is remembered per zone.
const validZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== "string" || zone.trim() === "") return false;
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}

/** The instant (ISO, UTC) that a wall-clock time in `zone` stands for. */
export function wallClockInstant(wall: WallClock, zone: string): WallClockInstant {
  if (!isValidTimeZone(zone)) return { ok: false, reason: "invalid" };
  const dt = DateTime.fromObject({ ...wall, second: 0, millisecond: 0 }, { zone });
  if (!dt.isValid) return { ok: false, reason: "invalid" };
  // luxon moves a time in the spring-forward gap an hour on (01:30 becomes 02:30 BST) rather than
  // failing; a meeting at a time that never happens is a typo to report, not to silently fix.
  if (dt.hour !== wall.hour || dt.minute !== wall.minute) return { ok: false, reason: "skipped" };
  return { ok: true, iso: dt.toUTC().toISO() ?? "" };
}

/**
 * For card inputs: Input.Date gives "YYYY-MM-DD" and Input.Time "HH:mm". Undefined if either is
 * malformed, the date or time is impossible, or the time does not exist in the zone that day.
 */
export function zonedInstant(date: string, time: string, zone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})(?::00)?$/.exec(time.trim());
  if (!d || !t) return undefined;
  const result = wallClockInstant(
    { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) },
    zone,
  );
  return result.ok ? result.iso : undefined;
}

function inZone(iso: string, zone: string): DateTime {
  if (!isValidTimeZone(zone)) throw new RangeError(`Not an IANA time zone: ${zone}`);
  const dt = DateTime.fromISO(iso, { zone: "utc" });
  if (!dt.isValid) throw new RangeError(`Not an ISO date-time: ${iso}`);
  return dt.setZone(zone).setLocale("en-GB");
}

/** "21 March 2024" */
export function formatDate(iso: string, zone: string): string {
  return remembered("d", iso, zone, () => inZone(iso, zone).toFormat("d MMMM yyyy"));
}

// A card shows the same few times and dates again and again (everyone arriving at 1:58pm), and luxon's
// zone arithmetic is the costly part of building it: remember recent answers.
const formatted = new Map<string, string>();
function remembered(kind: string, iso: string, zone: string, format: () => string): string {
  const key = `${kind}|${zone}|${iso}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size >= 5_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** "2pm", "2:05pm", "12pm" (midday), "12am" (midnight): minutes only when not :00, lower-case am/pm. */
export function formatTime(iso: string, zone: string): string {
  return remembered("t", iso, zone, () => timeWords(iso, zone));
}

function timeWords(iso: string, zone: string): string {
  const dt = inZone(iso, zone);
  const hour = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  const minutes = dt.minute === 0 ? "" : `:${String(dt.minute).padStart(2, "0")}`;
  return `${hour}${minutes}${dt.hour < 12 ? "am" : "pm"}`;
}

/** "Thursday 21 March 2024, 2pm to 4:30pm"; an end on another day repeats the date. */
export function formatMeetingWhen(startsAt: string, endsAt: string | undefined, zone: string): string {
  const start = inZone(startsAt, zone);
  const day = (dt: DateTime) => dt.toFormat("cccc d MMMM yyyy");
  const when = `${day(start)}, ${formatTime(startsAt, zone)}`;
  if (endsAt === undefined) return when;
  const end = inZone(endsAt, zone);
  if (end.hasSame(start, "day")) return `${when} to ${formatTime(endsAt, zone)}`;
  return `${when} to ${day(end)}, ${formatTime(endsAt, zone)}`;
}

/** "2024-03-21": the local date in the zone, for grouping and "is it today?" checks. */
export function localDateKey(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat("yyyy-MM-dd");
}

/** Today's date in the zone, "YYYY-MM-DD" (for Input.Date's value and min). */
export function todayIn(zone: string, now: Date): string {
  return localDateKey(now.toISOString(), zone);
}
