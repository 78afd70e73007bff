// What a roster paste is read into: one row per member, or errors that each name their line.
import { type Category, type Role } from "../../domain/types";

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

export function lineError(line: number, message: string): LineError {
  return { line, message: `Line ${line}: ${message}` };
}
