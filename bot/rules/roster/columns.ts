// The roster's columns: which header names mean which field, and the categories and roles as typed.
import { CATEGORIES, ROLES, type Category, type Role } from "../../domain/types";
import { LineError, lineError } from "./rosterRow";

export const FIELDS = ["name", "title", "organisation", "category", "role", "email"] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED: readonly Field[] = ["name", "organisation", "category", "email"];
export const MAX_LENGTH: Partial<Record<Field, number>> = { name: 120, organisation: 120, title: 200, email: 254 };

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

export const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
export const CATEGORY_BY_KEY = new Map<string, Category>(CATEGORIES.map((c) => [squash(c), c]));
export const ROLE_BY_KEY = new Map<string, Role>(ROLES.map((r) => [squash(r), r]));

export type ColumnIndex = Partial<Record<Field, number>>;

export function mapHeader(cells: string[]): { index: ColumnIndex; warnings: string[] } | { error: LineError } {
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
