// The action log as CSV, in the columns a secretariat pastes into minutes. Written by hand rather than
// with csv-stringify: RFC 4180 quoting is a few lines, and the project doesn't take a dependency for it.
import { statusWords } from "./actionStatus";
import { dueText, latestNote, ownerText, type LogItem } from "./actionLog";
import type { Action } from "./actionTypes";
import { formatDate } from "./zonedTime";

export const ACTIONS_CSV_HEADER = ["ref", "action", "owner", "raised at", "due", "status", "latest note"] as const;

export interface ActionsCsvOptions {
  /** The title of the meeting an action was raised at ("Board meeting"), when known. */
  meetingTitle?: (meetingId: string) => string | undefined;
  /** For actions given as plain actions: what "next meeting" stands for, YYYY-MM-DD. */
  nextMeetingDate?: string;
  /** Start with a UTF-8 byte order mark, without which Excel misreads "Siân" or "–" in a .csv file. */
  bom?: boolean;
}

/** Rows in the order given: pass actionLog's items to export what the log shows, or all actions. */
export function actionsCsv(rows: readonly (LogItem | Action)[], timeZone: string, opts: ActionsCsvOptions = {}): string {
  const lines = [ACTIONS_CSV_HEADER.map(cell).join(",")];
  for (const row of rows) {
    const item = "action" in row && typeof row.action === "object" ? row : undefined;
    const action = item ? item.action : (row as Action);
    lines.push(
      [
        action.ref,
        action.text,
        item ? item.ownerText : ownerText(action.owners),
        raisedAt(action, timeZone, opts.meetingTitle),
        item ? item.dueText : dueText(action.due, opts.nextMeetingDate),
        statusWords(action.status),
        latestNote(action)?.note ?? "",
      ]
        .map(cell)
        .join(","),
    );
  }
  return (opts.bom ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n";
}

/** "21 March 2024, Board meeting, item 6.2": the day raised, then where, when known. */
function raisedAt(action: Action, timeZone: string, meetingTitle: ActionsCsvOptions["meetingTitle"]): string {
  const parts = [formatDate(action.raisedAt, timeZone)];
  const title = action.meetingId ? meetingTitle?.(action.meetingId)?.trim() : undefined;
  if (title) parts.push(title);
  const item = action.agendaItem?.trim();
  if (item) parts.push(/^item\b/i.test(item) ? item : `item ${item}`);
  return parts.join(", ");
}

// A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
// reading one) is run as a formula when the file is opened: an action typed as "=HYPERLINK(...)" could
// send data elsewhere or run a command. Anyone on the board can type an action or a note, so such a
// cell gets a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice for CSV).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a quote, comma or line break, with quotes doubled. */
export function cell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
