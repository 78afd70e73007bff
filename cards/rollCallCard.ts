import { Template } from "adaptivecards-templating";
import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/rollCall.json";

export interface RollCallRow {
  name: string;
  organisation: string;
  /** In the words councils publish: "Present (2:05pm)", "Apologies", "Not yet"... */
  status: string;
}

export interface RollCallCardData {
  partnershipId: string;
  meetingId: string;
  meetingTitle: string;
  when: string;
  where?: string;
  open: boolean;
  stateText: string;
  quorate: boolean;
  headline: string;
  missingText: string;
  groups: { title: string; rows: RollCallRow[] }[];
  /** What this viewer sees of their own record; empty on the shared card. */
  viewerText: string;
  /** Chair controls: only in the chair's own view. */
  chair: boolean;
  memberChoices: { title: string; value: string }[];
  /** Teams user ids that get a personal view on refresh (Teams takes at most 60). */
  refreshUserIds: string[];
}

export const MAX_REFRESH_USERS = 60;

/**
 * Expanding every member's row through the template was most of a check-in's own CPU one at a time
 * (a fresh snapshot per press). A row's element depends on its three texts only, so rows are expanded
 * once per distinct row, from the template's own row element, and the card around them is expanded
 * with no rows. The result is the same card (tests/cards/rollCallRows.test.ts).
 */
export function rollCallCard(data: RollCallCardData): AdaptiveCard {
  const groups = data.groups.filter((g) => g.rows.length > 0);
  const card = expandShell(data, groups.map((g) => ({ title: g.title, count: g.rows.length, rows: [] })));
  const body = card.body as { type?: string; items?: { text?: unknown }[] }[];
  let at = 0;
  for (const group of groups) {
    const heading = `${group.title} (${group.rows.length})`;
    while (at < body.length && body[at]!.items?.[0]?.text !== heading) at++;
    const container = body[at];
    if (!container?.items) return expandShell(data, groups.map((g) => ({ ...g, count: g.rows.length })));
    container.items.push(...group.rows.map(rowElement));
    at++;
  }
  return card;
}

function expandShell(data: RollCallCardData, groups: { title: string; count: number; rows: RollCallRow[] }[]): AdaptiveCard {
  const card = renderCard(template, {
    ...data,
    where: data.where ? `, ${data.where}` : "",
    bannerStyle: data.quorate ? "good" : "attention",
    bannerColor: data.quorate ? "Good" : "Attention",
    bannerIcon: data.quorate ? "✔" : "✖",
    groups,
  });
  if (data.refreshUserIds.length > 0) {
    card.refresh = {
      action: { type: "Action.Execute", title: "Refresh", verb: "roll.refresh", data: { partnershipId: data.partnershipId, meetingId: data.meetingId } },
      userIds: data.refreshUserIds.slice(0, MAX_REFRESH_USERS),
    };
  }
  return card;
}

/** The template's own row element (the one repeated over `rows`), as a template of its own. */
const rowTemplate = (() => {
  const find = (node: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) return node.map(find).find(Boolean);
    if (!node || typeof node !== "object") return undefined;
    const obj = node as Record<string, unknown>;
    if (obj.$data === "${rows}") return obj;
    return Object.values(obj).map(find).find(Boolean);
  };
  const { $data: _rows, ...row } = find(template) ?? {};
  if (!row.type) throw new Error("rollCall.json has no element repeated over ${rows}");
  return new Template(row);
})();

const ROWS_KEPT = 5_000;
const rows = new Map<string, Record<string, unknown>>();

/** Shared between cards, so frozen. */
function rowElement(row: RollCallRow): Record<string, unknown> {
  const key = `${row.name}\u0000${row.organisation}\u0000${row.status}`;
  let element = rows.get(key);
  if (!element) {
    element = deepFreeze(rowTemplate.expand({ $root: row }) as Record<string, unknown>);
    rows.set(key, element);
    if (rows.size > ROWS_KEPT) rows.delete(rows.keys().next().value as string);
  }
  return element;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
