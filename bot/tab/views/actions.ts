import { z } from "zod";
import { actionLog, isOverdue } from "../../rules/actionLog";
import { statusWords } from "../../rules/actionStatus";
import { Action, ACTION_STATUSES } from "../../rules/actionTypes";
import { can } from "../../rules/permissions";
import { formatDate, localDateKey } from "../../rules/zonedTime";
import { upcomingMeetings } from "../../handlers/meetings";
import { Request } from "../../request";
import { BoardAccess } from "../access";
import { boardHeader } from "./common";

/** The Actions view's filters, as the page sends them in the query string. */
export const actionsQuery = z
  .object({
    owner: z.union([z.string().regex(/^m[0-9a-f]{20}$/), z.literal("")]).default(""),
    status: z.union([z.enum([...ACTION_STATUSES, "outstanding", "completed"]), z.literal("")]).default(""),
    overdue: z.enum(["true", "false", ""]).default("").transform((v) => v === "true"),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();

const PAGE_SIZE = 20;
const RECENT_DAYS = 90;

/** Actions: the log with its filters, and whether this person may update each one (the card's rule). */
export async function actionsView(req: Request, access: BoardAccess, query: z.infer<typeof actionsQuery>) {
  const { board, member } = access;
  const p = board.partnership;
  const status = query.overdue ? "outstanding" : query.status || undefined;
  const since = new Date(req.now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [actions, meetings] = await Promise.all([
    !status || status === "outstanding" ? req.deps.store.actions.current(p.id, since) : req.deps.store.actions.all(p.id),
    upcomingMeetings(req, p, 5),
  ]);
  const next = meetings.find((m) => Date.parse(m.startsAt) > req.now.getTime());
  const nextMeetingDate = next && localDateKey(next.startsAt, p.timeZone);
  const opts = { now: req.now, timeZone: p.timeZone, nextMeetingDate };
  const chosen = query.overdue ? actions.filter((a) => isOverdue(a, opts)) : actions;
  const log = actionLog(chosen, { ...opts, owner: query.owner || undefined, status, page: query.page, pageSize: PAGE_SIZE, recentDays: RECENT_DAYS });
  const manages = can(member, "raiseActions");
  const owns = (a: Action) => a.owners.some((o) => o.kind === "member" && o.memberId === member.id);
  return {
    board: boardHeader(access),
    filters: { owner: query.owner, status: query.status, overdue: query.overdue },
    owners: board.roster
      .filter((m) => m.status === "active" && actions.some((a) => a.owners.some((o) => o.kind === "member" && o.memberId === m.id)))
      .map((m) => ({ id: m.id, name: m.name })),
    summary: `${log.total} shown. ${log.outstanding} outstanding, ${log.overdue} overdue.`,
    page: log.page,
    pages: log.pages,
    items: log.items.map((item) => ({
      ref: item.action.ref,
      text: item.action.text,
      owners: item.ownerText,
      due: item.dueText,
      status: item.action.status,
      statusText: statusWords(item.action.status),
      overdue: item.overdue,
      latest: item.latest ? `${statusWords(item.latest.to)}${item.latest.note ? `: ${item.latest.note}` : ""} (${item.latest.byName}, ${formatDate(item.latest.at, p.timeZone)})` : undefined,
      canUpdate: manages || owns(item.action),
    })),
  };
}
