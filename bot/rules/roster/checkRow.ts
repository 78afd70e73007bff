// Checking one roster record: required fields, lengths, hidden characters, category, role and email.
import { CATEGORIES, ROLES } from "../../domain/types";
import type { RawRecord } from "./records";
import { CATEGORY_BY_KEY, ColumnIndex, FIELDS, Field, MAX_LENGTH, REQUIRED, ROLE_BY_KEY, squash } from "./columns";
import { LineError, RosterRow, lineError } from "./rosterRow";

// Zero-width characters arrive with copy-paste from Word and web pages: dropped silently.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Real control characters, and bidi overrides that could make a name display as something else.
// Tab and newline are not here: inside a quoted cell they are Excel line breaks, folded to a space.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

export function checkRecord(record: RawRecord, index: ColumnIndex, headerLength: number, errors: LineError[]): RosterRow | undefined {
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
