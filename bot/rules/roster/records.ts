// Splitting a pasted roster into records with their source lines: the delimiter, quoting, Excel's line breaks.
import { parse, type Options } from "csv-parse/sync";
import { LineError, lineError } from "./rosterRow";

export interface RawRecord {
  fields: string[];
  line: number;
}

export function readRecords(source: string): { records: RawRecord[] } | { error: LineError } {
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
