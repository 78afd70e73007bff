import * as chrono from "chrono-node";
import { Meeting } from "../../domain/types";
import { localDateKey } from "../zonedTime";

// Which meeting `minutes [meeting]` is about: none named, the latest whose roll was called; a date
// ("21 March 2024", "21/03/2024", "last Thursday") or words of its title, the one meeting that fits.

export type MeetingChoice = { meeting: Meeting } | { candidates: Meeting[]; named: boolean };

const ROLLED = new Set(["roll-call-open", "in-progress", "closed"]);

export function chooseMeeting(meetings: readonly Meeting[], text: string, zone: string, now: Date): MeetingChoice {
  const past = meetings.filter((m) => m.state !== "cancelled" && m.startsAt <= now.toISOString()).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const named = text.trim();
  if (!named) {
    const latest = past.find((m) => ROLLED.has(m.state));
    return latest ? { meeting: latest } : { candidates: past.slice(0, 6), named: false };
  }
  const found = chrono.en.GB.parse(named, now)[0];
  let matches: Meeting[];
  if (found) {
    const c = found.start;
    const day = `${c.get("year")}-${String(c.get("month")).padStart(2, "0")}-${String(c.get("day")).padStart(2, "0")}`;
    matches = meetings.filter((m) => m.state !== "cancelled" && localDateKey(m.startsAt, zone) === day);
  } else {
    const words = named.toLowerCase();
    matches = past.filter((m) => m.title.toLowerCase().includes(words));
  }
  if (matches.length === 1) return { meeting: matches[0]! };
  return { candidates: (matches.length > 0 ? matches : past).slice(0, 6), named: true };
}
