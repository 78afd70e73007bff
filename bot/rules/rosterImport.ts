import { Member } from "../domain/types";
import { RosterRow } from "./roster/rosterRow";

// What a roster import changes. Members are matched by email (their id derives from it); nobody is
// deleted: people missing from the new list become former members and keep their history.

export interface RosterChange {
  before: Member;
  after: Member;
}

export interface ImportPlan {
  added: Member[];
  updated: RosterChange[];
  /** Former members who are on the list again. */
  reactivated: RosterChange[];
  retired: RosterChange[];
  unchanged: Member[];
  /** Set when the importer was missing from the list and kept, so nobody locks themselves out. */
  keptImporter?: Member;
}

const FIELDS = ["name", "title", "organisation", "category", "role", "email"] as const;

export function planRosterImport(
  current: readonly Member[],
  rows: readonly RosterRow[],
  options: { idFor: (email: string) => string; importerId?: string; now: string },
): ImportPlan {
  const plan: ImportPlan = { added: [], updated: [], reactivated: [], retired: [], unchanged: [] };
  const byId = new Map(current.map((m) => [m.id, m]));
  const listed = new Set<string>();

  for (const row of rows) {
    const id = options.idFor(row.email);
    listed.add(id);
    const existing = byId.get(id);
    const fields = { name: row.name, title: row.title, organisation: row.organisation, category: row.category, role: row.role, email: row.email };
    if (!existing) {
      plan.added.push({ id, ...fields, status: "active", updatedAt: options.now });
      continue;
    }
    const differs = FIELDS.some((f) => existing[f] !== fields[f]);
    if (existing.status === "former") {
      plan.reactivated.push({ before: existing, after: { ...existing, ...fields, status: "active", formerSince: undefined, updatedAt: options.now } });
    } else if (differs) {
      plan.updated.push({ before: existing, after: { ...existing, ...fields, updatedAt: options.now } });
    } else {
      plan.unchanged.push(existing);
    }
  }

  for (const member of current) {
    if (listed.has(member.id) || member.status === "former") continue;
    if (member.id === options.importerId) {
      plan.keptImporter = member;
      continue;
    }
    plan.retired.push({ before: member, after: { ...member, status: "former", formerSince: options.now, updatedAt: options.now } });
  }
  return plan;
}

/** Every record the plan writes. */
export function planWrites(plan: ImportPlan): Member[] {
  return [...plan.added, ...[...plan.updated, ...plan.reactivated, ...plan.retired].map((c) => c.after)];
}
