import { Member } from "../../domain/types";
import { evaluateQuorum } from "../quorum";
import { categoryWords, countingUnits, requiredCount } from "../quorumRule";
import { formatTime } from "../zonedTime";
import { MinutesRecords } from "./minutesTypes";

// The quorum statement in the board's words, from the snapshot stored when the roll closed, and every
// gain or loss of quorum during the meeting with its time.

interface ClosingSnapshot {
  quorate: boolean;
  headline: string;
  missing: string[];
}

export const NO_ROLL_CALL = "No roll call was taken at this meeting.";

export function quorumLines(r: MinutesRecords, members: readonly Member[]): string[] {
  const zone = r.partnership.timeZone;
  const rule = r.partnership.quorum;
  if (!r.roll) return [NO_ROLL_CALL];
  const missingWord = rule.count === "organisations" ? "represented" : "present";
  const snapshot = parseSnapshot(r.roll.closingQuorum);
  const lines: string[] = [];
  if (snapshot && r.roll.closedAt) {
    lines.push(statement(snapshot, missingWord), `As recorded when the roll call closed at ${formatTime(r.roll.closedAt, zone)}.`);
  } else {
    // Still open, or closed before snapshots were stored: what the records say now, said as such.
    const now = evaluateQuorum(members, r.attendance, rule);
    const said = statement({ quorate: now.quorate, headline: now.headline, missing: now.missing }, missingWord);
    lines.push(r.roll.closedAt ? `${said} Worked out from the attendance records: no snapshot was stored when the roll call closed.` : `The roll call has not been closed. So far: ${said}`);
  }
  const possible = countingUnits(members, rule).length;
  const needed = requiredCount(rule, possible);
  const noun = `${categoryWords(rule.categories)} ${rule.count === "organisations" ? "partners" : "members"}`;
  // Announcements start from "not quorate": only a change of state is a gain or a loss.
  let quorate = false;
  for (const change of [...r.quorumChanges].sort((a, b) => a.at.localeCompare(b.at))) {
    if (change.quorate === quorate) continue;
    quorate = change.quorate;
    const time = formatTime(change.at, zone);
    lines.push(
      change.quorate
        ? `The board became quorate at ${time} (${change.count} of ${possible} ${noun} present, ${needed} needed).`
        : `The board was no longer quorate from ${time} (${change.count} of ${possible} ${noun} present, ${needed} needed).`,
    );
  }
  return lines;
}

function statement(s: ClosingSnapshot, missingWord: string): string {
  const counts = s.headline.replace(/^(Not quorate|Quorate): /, "").replace(/\.$/, "");
  const missing = s.missing.length > 0 ? ` Not ${missingWord}: ${s.missing.join(", ")}.` : "";
  return `The board was ${s.quorate ? "quorate" : "not quorate"}: ${counts}.${missing}`;
}

function parseSnapshot(json: string | undefined): ClosingSnapshot | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as Partial<ClosingSnapshot>;
    if (typeof v.quorate !== "boolean" || typeof v.headline !== "string") return undefined;
    return { quorate: v.quorate, headline: v.headline, missing: Array.isArray(v.missing) ? v.missing.map(String) : [] };
  } catch {
    return undefined;
  }
}
