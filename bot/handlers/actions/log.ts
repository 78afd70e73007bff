// The action log card (outstanding first, overdue marked, ten a page) and the count for the roll-call thread.
import { z } from "zod";
import { actionLogCard } from "../../../cards/actionCard";
import { Board, forEachBoard, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { actionLog, LogItem } from "../../rules/actionLog";
import { statusWords } from "../../rules/actionStatus";
import { can } from "../../rules/permissions";
import { pageInput, ref } from "./inputs";
import { nextMeetingDate } from "./card";

/** Completed actions stay in the default log this long (the rules' default too). */
const RECENT_DAYS = 90;

/** `actions` (or the log card's paging and filter): outstanding first, overdue marked, ten a page. */
export async function showLog(req: Request, input: z.infer<typeof pageInput>): Promise<Outcome> {
  // `my actions` in a 1:1 chat covers every board the person is on, one card each.
  if (input.mine && input.partnershipId === undefined) return forEachBoard(req, (board, several) => logOf(req, board, input, several));
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  return logOf(req, board, input, false);
}

async function logOf(req: Request, board: Board, input: z.infer<typeof pageInput>, several: boolean): Promise<Outcome> {
  if (!board.actor) return say("Only members of this board can see its action log.");
  const zone = board.partnership.timeZone;
  // The default view (outstanding, recently completed) reads only those; other filters need them all.
  const status = input.mine ? "outstanding" : input.status || undefined;
  const since = new Date(req.now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [actions, next] = await Promise.all([
    !status || status === "outstanding" ? req.deps.store.actions.current(board.partnership.id, since) : req.deps.store.actions.all(board.partnership.id),
    nextMeetingDate(req, board),
  ]);
  const actor = board.actor;
  const owner = input.mine ? actor.id : input.owner || undefined;
  const log = actionLog(actions, {
    now: req.now,
    timeZone: zone,
    nextMeetingDate: next,
    owner,
    status,
    page: input.page,
    recentDays: RECENT_DAYS,
  });
  const ownerChoices = board.roster
    .filter((m) => m.status === "active" && actions.some((a) => a.owners.some((o) => o.kind === "member" && o.memberId === m.id)))
    .map((m) => ({ title: m.name, value: m.id }));
  return {
    card: actionLogCard({
      partnershipId: board.partnership.id,
      title: input.mine ? `${several ? `${board.partnership.name}: your` : "Your"} actions: ${log.total}` : `${board.partnership.name}: action log`,
      summary: `${log.outstanding} outstanding, ${log.overdue} overdue.`,
      empty: input.mine ? "You have no outstanding actions." : "No actions match.",
      items: log.items.map(logItemView),
      page: log.page,
      pages: log.pages,
      owner: input.mine ? "" : input.owner,
      status: input.mine ? "" : input.status,
      mine: input.mine,
      ownerChoices,
      canRaise: req.scope !== "personal" && can(board.actor, "raiseActions"),
      memberChoices: board.roster.filter((m) => m.status === "active").map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })),
    }),
  };
}

/** The line the roll-call thread gets at the start of a meeting. */
export async function outstandingSummary(req: Request, board: Board): Promise<{ outstanding: number; overdue: number }> {
  const actions = await req.deps.store.actions.outstanding(board.partnership.id);
  const log = actionLog(actions, { now: req.now, timeZone: board.partnership.timeZone, status: "outstanding", page: 1 });
  return { outstanding: log.outstanding, overdue: log.overdue };
}

function logItemView(item: LogItem) {
  return {
    ref: item.action.ref,
    statusText: statusWords(item.action.status),
    dueText: item.dueText,
    overdue: item.overdue,
    text: item.action.text,
    ownerText: item.ownerText,
    latest: item.latest ? `${statusWords(item.latest.to)}${item.latest.note ? `: ${item.latest.note}` : ""}` : undefined,
  };
}
