import * as chrono from "chrono-node";
import { Meeting } from "../../domain/types";
import { localDateKey } from "../zonedTime";

// Which meeting `minutes [meeting]` is about: none named, the latest whose roll was called; a date
// ("21 March 2024", "21/03/2024", "last Thursday") or words of its title, the one meeting that fits.

export type MeetingChoice = { meeting: Meeting } | { candidates: Meeting[]; named: boolean };

const ROLLED = new Set(["roll-call-open", "in-progress", "closed"]);

/** The calendar day ("YYYY-MM-DD") a text names, read with UK date order; undefined when it names none. */
export function dayNamedIn(text: string, now: Date): string | undefined {
  const found = chrono.en.GB.parse(text, now)[0];
  if (!found) return undefined;
  const c = found.start;
  return `${c.get("year")}-${String(c.get("month")).padStart(2, "0")}-${String(c.get("day")).padStart(2, "0")}`;
}

export function chooseMeeting(meetings: readonly Meeting[], text: string, zone: string, now: Date): MeetingChoice {
  const past = meetings.filter((m) => m.state !== "cancelled" && m.startsAt <= now.toISOString()).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const named = text.trim();
  if (!named) {
    const latest = past.find((m) => ROLLED.has(m.state));
    return latest ? { meeting: latest } : { candidates: past.slice(0, 6), named: false };
  }
  const day = dayNamedIn(named, now);
  let matches: Meeting[];
  if (day) {
    matches = meetings.filter((m) => m.state !== "cancelled" && localDateKey(m.startsAt, zone) === day);
  } else {
    const words = named.toLowerCase();
    matches = past.filter((m) => m.title.toLowerCase().includes(words));
  }
  if (matches.length === 1) return { meeting: matches[0]! };
  return { candidates: (matches.length > 0 ? matches : past).slice(0, 6), named: true };
}
