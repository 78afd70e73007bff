// Reads a board roster pasted by a board manager (CSV, or tab-separated from an Excel/Word table) and
// checks every line, so the manager gets one list of everything to fix rather than one error at a time.
import { parse, type Options } from "csv-parse/sync";
import { CATEGORIES, ROLES, type Category, type Role } from "../domain/types";

export interface RosterRow {
  /** 1-based line of the source text where this member's record starts (the header is line 1). */
  line: number;
  name: string;
  title: string;
  organisation: string;
  category: Category;
  role: Role;
  /** Trimmed, lower-cased. */
  email: string;
}

/** `message` already starts "Line N: ", so a caller can show it as it is. */
export interface LineError {
  line: number;
  message: string;
}

export type RosterParseResult =
  | { ok: true; rows: RosterRow[]; warnings: string[] }
  | { ok: false; errors: LineError[] };

export const MAX_ROSTER_ROWS = 1000;
// Far more than 1000 honest rows; stops a runaway paste before the parser does any work on it.
const MAX_TEXT_LENGTH = 2_000_000;

const FIELDS = ["name", "title", "organisation", "category", "role", "email"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ["name", "organisation", "category", "email"];
const MAX_LENGTH: Partial<Record<Field, number>> = { name: 120, organisation: 120, title: 200, email: 254 };

// Header names compared with case, spaces, underscores and hyphens removed ("E-mail", "Email address").
const HEADER_ALIASES: Record<string, Field> = {
  name: "name",
  fullname: "name",
  membername: "name",
  title: "title",
  jobtitle: "title",
  position: "title",
  organisation: "organisation",
  organization: "organisation",
  organisationname: "organisation",
  organizationname: "organisation",
  org: "organisation",
  category: "category",
  membershipcategory: "category",
  role: "role",
  boardrole: "role",
  email: "email",
  emailaddress: "email",
};

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const CATEGORY_BY_KEY = new Map<string, Category>(CATEGORIES.map((c) => [squash(c), c]));
const ROLE_BY_KEY = new Map<string, Role>(ROLES.map((r) => [squash(r), r]));

// Zero-width characters arrive with copy-paste from Word and web pages: dropped silently.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Real control characters, and bidi overrides that could make a name display as something else.
// Tab and newline are not here: inside a quoted cell they are Excel line breaks, folded to a space.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

interface RawRecord {
  fields: string[];
  line: number;
}

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

function readRecords(source: string): { records: RawRecord[] } | { error: LineError } {
  const headerLine = source.split("\n", 1)[0] ?? "";
  const lastEnd = { line: 0 };
  const options: Options<RawRecord, string[]> = {
    delimiter: detectDelimiter(headerLine),
    relax_column_count: true, // a short or long row is reported by us, with its line, not thrown
    relax_quotes: true, // Bob "Bobby" Smith, unquoted, is read as typed
    trim: true, // allows `a, "b, c"` with a space before the quote
    skip_empty_lines: true,
    // csv-parse counts the line a record ENDS on; a quoted cell may span lines, so count back.
    on_record: (fields: string[], context) => {
      lastEnd.line = context.lines;
      const inner = fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
      return { fields, line: context.lines - inner };
    },
  };
  try {
    // The typings only tie on_record's result to the output when `columns` is set; it is not here.
    const records = parse(source, options as unknown as Options) as unknown as RawRecord[];
    // Lines of only spaces or only delimiters (Excel's ",,,,,") are blank lines too.
    return { records: records.filter((r) => r.fields.some((f) => f.trim() !== "")) };
  } catch (e) {
    // The failing record starts on the first non-blank line after the last good one.
    const lines = source.split("\n");
    let line = lastEnd.line + 1;
    while (line < lines.length && lines[line - 1]?.trim() === "") line++;
    const code = (e as { code?: string }).code;
    const why =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? "a double quote (\") opens a value that is never closed."
        : `this line could not be read (${e instanceof Error ? e.message : String(e)}).`;
    return { error: lineError(line, why) };
  }
}

function detectDelimiter(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const tabs = count("\t");
  const commas = count(",");
  if (tabs > 0 && tabs >= commas) return "\t";
  if (commas === 0 && count(";") > 0) return ";";
  return ",";
}

type ColumnIndex = Partial<Record<Field, number>>;

function mapHeader(cells: string[]): { index: ColumnIndex; warnings: string[] } | { error: LineError } {
  const index: ColumnIndex = {};
  const ignored: string[] = [];
  for (const [i, cell] of cells.entries()) {
    const field = HEADER_ALIASES[squash(cell)];
    if (!field) {
      if (cell.trim() !== "") ignored.push(cell.trim());
      continue;
    }
    if (index[field] !== undefined) return { error: lineError(1, `the header has more than one ${field} column.`) };
    index[field] = i;
  }
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length > 0) {
    const found = cells.map((c) => c.trim()).filter((c) => c !== "");
    return {
      error: lineError(
        1,
        `the header is missing the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ` +
          `(found: ${found.join(", ") || "nothing"}). The first line must name the columns: ` +
          `name, title, organisation, category, role, email (title and role are optional).`,
      ),
    };
  }
  return { index, warnings: ignored.length > 0 ? [`Ignored column${ignored.length > 1 ? "s" : ""}: ${ignored.join(", ")}.`] : [] };
}

function checkRecord(record: RawRecord, index: ColumnIndex, headerLength: number, errors: LineError[]): RosterRow | undefined {
  const { line, fields } = record;
  const lastUsed = Math.max(...FIELDS.map((f) => index[f] ?? -1));
  // Too few cells, or extra non-empty ones, means the columns are misaligned: checking the
  // values would only produce a list of misleading errors, so report that alone.
  const extra = fields.slice(headerLength).some((f) => f !== "");
  if (fields.length <= lastUsed || extra) {
    errors.push(
      lineError(
        line,
        `has ${fields.length} values but the header has ${headerLength}. Is a comma missing, or does a value ` +
          `containing a comma need double quotes around it?`,
      ),
    );
    return undefined;
  }

  const before = errors.length;
  const value = (field: Field): string => {
    const i = index[field];
    const raw = (i === undefined ? "" : (fields[i] ?? "")).replace(INVISIBLE, "");
    const control = CONTROL.exec(raw);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      errors.push(lineError(line, `${field} contains a control character (U+${code}); please retype it.`));
    }
    const clean = raw.replace(/\s+/g, " ").trim();
    const max = MAX_LENGTH[field];
    if (max !== undefined && clean.length > max) {
      errors.push(lineError(line, `${field} is ${clean.length} characters long; the limit is ${max}.`));
    }
    if (clean === "" && REQUIRED.includes(field)) errors.push(lineError(line, `${field} is missing.`));
    return clean;
  };

  const name = value("name");
  const title = value("title");
  const organisation = value("organisation");
  const categoryText = value("category");
  const roleText = value("role");
  const email = value("email").toLowerCase();

  const category = CATEGORY_BY_KEY.get(squash(categoryText));
  if (categoryText !== "" && !category) {
    errors.push(lineError(line, `category "${categoryText}" is not one of ${CATEGORIES.join(", ")}.`));
  }
  const role = roleText === "" ? "member" : ROLE_BY_KEY.get(squash(roleText));
  if (!role) errors.push(lineError(line, `role "${roleText}" is not one of ${ROLES.join(", ")}.`));
  if (email !== "" && email.length <= 254 && !EMAIL.test(email)) {
    errors.push(lineError(line, `email "${email}" does not look like an email address.`));
  }

  if (errors.length > before || !category || !role) return undefined;
  return { line, name, title, organisation, category, role, email };
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

function lineError(line: number, message: string): LineError {
  return { line, message: `Line ${line}: ${message}` };
}

function fail(line: number, message: string): RosterParseResult {
  return { ok: false, errors: [lineError(line, message)] };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  hellip: "\u2026",
};
// Only tags Teams actually sends are treated as HTML, so plain text such as "<jenny@example.org>"
// or "a < b" is left alone.
const LOOKS_LIKE_HTML = /<\/?(p|br|div|span|table|tbody|thead|tr|td|th|a|b|i|u|s|em|strong|at|ul|ol|li|pre|code|h[1-6]|blockquote|font|img|strike|sup|sub)\b[^>]*>/i;

/**
 * Turns a Teams message's HTML (paragraphs, line breaks, tables pasted from Word or Excel, entities)
 * into plain text with one line per paragraph or table row and tabs between table cells.
 */
export function plainTextFromTeams(text: string): string {
  let out = text.replace(/\r\n?/g, "\n");
  if (LOOKS_LIKE_HTML.test(out)) {
    out = out
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/p>\s*(?=<\/t[dh]>)/gi, "") // Word wraps each cell's text in a paragraph
      .replace(/<\/t[dh]>\s*<\/tr>/gi, "\n") // last cell of a row: no trailing tab
      .replace(/<\/t[dh]>/gi, "\t")
      .replace(/<\/(p|div|li|tr|pre|h[1-6]|blockquote)>/gi, "\n")
      .replace(/<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/gi, "");
  }
  // One pass, so "&amp;lt;" becomes "&lt;" and not "<".
  out = out.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
  return out.replace(/\u00A0/g, " ");
}
