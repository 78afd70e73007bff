// The action log as a board reads it: what is still outstanding (overdue first, then by when it is
// due), then what was recently completed. One pass to filter and key, one sort, then only the page
// being shown is formatted, so a partnership with years of actions pages as quickly as a new one.
import { DateTime } from "luxon";
import { isOutstanding } from "./actionStatus";
import type { Action, ActionDue, ActionOwner, ActionStatus, ActionUpdate } from "./actionTypes";
import { todayIn } from "./zonedTime";

export interface LogItem {
  action: Action;
  overdue: boolean;
  /** "20 June 2024", "Next meeting (21 March 2024)", "No date". */
  dueText: string;
  /** "Cheryl Wells, Kate Taylor (Police)". */
  ownerText: string;
  latest?: ActionUpdate;
  /** Updates before `latest`, for "and 3 earlier updates". */
  earlierUpdates: number;
}

export interface LogOptions {
  now: Date;
  timeZone: string;
  /** The next meeting's date in the zone, YYYY-MM-DD, for "by the next meeting" actions. */
  nextMeetingDate?: string;
  /** A member id, or part of an owner's name or organisation ("Police"). */
  owner?: string;
  /**
   * Without a status: outstanding, then completed within `recentDays`. A status, "outstanding" or
   * "completed" shows all such actions: someone asking for done actions wants all of them.
   */
  status?: ActionStatus | "outstanding" | "completed";
  /** 1-based; out-of-range pages are brought into range. */
  page: number;
  pageSize?: number;
  recentDays?: number;
}

export interface LogPage {
  items: LogItem[];
  page: number;
  pages: number;
  /** Actions matching the filter, on all pages. */
  total: number;
  outstanding: number;
  overdue: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Sorts after every real date: an unknown next meeting comes after dated actions, no due date last.
const NEXT_MEETING_UNKNOWN = "9999-12-30";
const NO_DUE = "9999-12-31";

export function actionLog(actions: readonly Action[], opts: LogOptions): LogPage {
  const { nextMeetingDate, pageSize = 10, recentDays = 90 } = opts;
  const today = todayIn(opts.timeZone, opts.now);
  const since = opts.now.getTime() - recentDays * DAY_MS;
  const ownerFilter = ownerMatcher(opts.owner);
  const status = opts.status;

  type Keyed = { action: Action; open: boolean; overdue: boolean; due: string; closedAt: number };
  const rows: Keyed[] = [];
  let overdueCount = 0;
  let outstandingCount = 0;
  for (const action of actions) {
    const open = isOutstanding(action);
    if (status === "outstanding" ? !open : status === "completed" ? open : status !== undefined && action.status !== status) continue;
    if (ownerFilter && !ownerFilter(action.owners)) continue;
    const closedAt = open ? 0 : Date.parse(action.history[action.history.length - 1]?.at ?? action.updatedAt) || 0;
    if (!open && status === undefined && !(closedAt >= since)) continue;
    const due = dueKey(action.due, nextMeetingDate);
    const overdue = open && due < today;
    if (open) outstandingCount++;
    if (overdue) overdueCount++;
    rows.push({ action, open, overdue, due, closedAt });
  }

  rows.sort((a, b) => {
    if (a.open !== b.open) return a.open ? -1 : 1;
    if (!a.open) return b.closedAt - a.closedAt || compareRefs(b.action, a.action);
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    return a.due < b.due ? -1 : a.due > b.due ? 1 : compareRefs(a.action, b.action);
  });

  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(pages, Math.max(1, Math.floor(opts.page) || 1));
  const items = rows.slice((page - 1) * size, page * size).map(({ action, overdue }) => logItem(action, overdue, nextMeetingDate));
  return { items, page, pages, total: rows.length, outstanding: outstandingCount, overdue: overdueCount };
}

export function logItem(action: Action, overdue: boolean, nextMeetingDate?: string): LogItem {
  const latest = action.history[action.history.length - 1];
  return {
    action,
    overdue,
    dueText: dueText(action.due, nextMeetingDate),
    ownerText: ownerText(action.owners),
    ...(latest ? { latest } : {}),
    earlierUpdates: Math.max(0, action.history.length - 1),
  };
}

/** Outstanding and due before today in the zone. A next-meeting action is due on `nextMeetingDate`. */
export function isOverdue(action: Action, opts: { now: Date; timeZone: string; nextMeetingDate?: string }): boolean {
  return isOutstanding(action) && dueKey(action.due, opts.nextMeetingDate) < todayIn(opts.timeZone, opts.now);
}

export function dueText(due: ActionDue | undefined, nextMeetingDate?: string): string {
  if (!due) return "No date";
  if (due.kind === "date") return longDate(due.date);
  return nextMeetingDate ? `Next meeting (${longDate(nextMeetingDate)})` : "Next meeting";
}

export function ownerText(owners: readonly ActionOwner[]): string {
  return owners.map((o) => (o.kind === "outside" && o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(", ");
}

/** The most recent update that says something: what minutes quote as the action's progress. */
export function latestNote(action: Action): ActionUpdate | undefined {
  for (let i = action.history.length - 1; i >= 0; i--) {
    const update = action.history[i];
    if (update?.note) return update;
  }
  return undefined;
}

/** Action refs in number order: A-2024-017 before A-2024-100 before A-2025-001. */
export function compareRefs(a: Pick<Action, "year" | "seq">, b: Pick<Action, "year" | "seq">): number {
  return a.year - b.year || a.seq - b.seq;
}

function dueKey(due: ActionDue | undefined, nextMeetingDate: string | undefined): string {
  if (!due) return NO_DUE;
  if (due.kind === "date") return due.date;
  return nextMeetingDate ?? NEXT_MEETING_UNKNOWN;
}

function ownerMatcher(owner: string | undefined): ((owners: readonly ActionOwner[]) => boolean) | undefined {
  const wanted = owner?.trim().toLowerCase();
  if (!wanted) return undefined;
  return (owners) =>
    owners.some(
      (o) =>
        (o.kind === "member" && o.memberId.toLowerCase() === wanted) ||
        o.name.toLowerCase().includes(wanted) ||
        (o.kind === "outside" && (o.organisation ?? "").toLowerCase().includes(wanted)),
    );
}

function longDate(date: string): string {
  const dt = DateTime.fromISO(date, { zone: "utc", locale: "en-GB" });
  return dt.isValid ? dt.toFormat("d MMMM yyyy") : date;
}
