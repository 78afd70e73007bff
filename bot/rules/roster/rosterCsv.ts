// Reads a board roster pasted by a board manager (CSV, or tab-separated from an Excel/Word table) and
// checks every line, so the manager gets one list of everything to fix rather than one error at a time.
import { LineError, RosterRow, lineError } from "./rosterRow";
import { readRecords } from "./records";
import { mapHeader, squash } from "./columns";
import { checkRecord } from "./checkRow";

export type RosterParseResult =
  | { ok: true; rows: RosterRow[]; warnings: string[] }
  | { ok: false; errors: LineError[] };

export const MAX_ROSTER_ROWS = 1000;
// Far more than 1000 honest rows; stops a runaway paste before the parser does any work on it.
const MAX_TEXT_LENGTH = 2_000_000;

/**
 * Parses a pasted roster. Plain text only: text that came through Teams as HTML should first go
 * through plainTextFromTeams (the caller's job, so this stays a pure CSV rule).
 */
export function parseRosterCsv(text: string): RosterParseResult {
  if (text.length > MAX_TEXT_LENGTH) return fail(1, `the roster is too long; at most ${MAX_ROSTER_ROWS} members at once.`);
  // Leading blank lines are dropped so that the header is always line 1, as the user counts.
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/^([ \t]*\n)+/, "");
  const read = readRecords(source);
  if ("error" in read) return { ok: false, errors: [read.error] };
  const [header, ...records] = read.records;
  if (!header || records.length === 0) {
    return fail(1, "no members found. Paste a header line (name, title, organisation, category, role, email) and then one line per member.");
  }
  if (records.length > MAX_ROSTER_ROWS) {
    const line = records[MAX_ROSTER_ROWS]?.line ?? 1;
    return fail(line, `too many members: at most ${MAX_ROSTER_ROWS} can be imported at once.`);
  }

  const columns = mapHeader(header.fields);
  if ("error" in columns) return { ok: false, errors: [columns.error] };

  const errors: LineError[] = [];
  const rows: RosterRow[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (const record of records) {
    const row = checkRecord(record, columns.index, header.fields.length, errors);
    if (!row) continue;
    const seen = firstLineOfEmail.get(row.email);
    if (seen !== undefined) {
      errors.push(lineError(row.line, `email "${row.email}" is already used on line ${seen}.`));
      continue;
    }
    firstLineOfEmail.set(row.email, row.line);
    rows.push(row);
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, rows, warnings: [...columns.warnings, ...rosterWarnings(rows)] };
}

function rosterWarnings(rows: RosterRow[]): string[] {
  const warnings: string[] = [];
  const chairs = rows.filter((r) => r.role === "chair").map((r) => r.line);
  if (chairs.length > 1) warnings.push(`More than one chair (lines ${listLines(chairs)}). Is that intended?`);
  // Quorum counts distinct organisations, so "Essex police" and "Essex Police" would count twice.
  const spellings = new Map<string, { name: string; line: number }>();
  const warned = new Set<string>();
  for (const row of rows) {
    const key = squash(row.organisation);
    const first = spellings.get(key);
    if (!first) spellings.set(key, { name: row.organisation, line: row.line });
    else if (first.name !== row.organisation && !warned.has(row.organisation)) {
      warned.add(row.organisation);
      warnings.push(
        `"${row.organisation}" (line ${row.line}) looks like "${first.name}" (line ${first.line}) spelled differently; ` +
          `quorum would count them as two organisations.`,
      );
    }
  }
  return warnings;
}

function listLines(lines: number[]): string {
  return lines.length <= 1 ? lines.join("") : `${lines.slice(0, -1).join(", ")} and ${lines[lines.length - 1]}`;
}

function fail(line: number, message: string): RosterParseResult {
  return { ok: false, errors: [lineError(line, message)] };
}
