// An action's card, with its due date read against the board's next meeting.
import { actionCard } from "../../../cards/actionCard";
import { Board } from "../../board";
import { Request } from "../../request";
import { isOutstanding, statusWords } from "../../rules/actionStatus";
import { Action } from "../../rules/actionTypes";
import { formatDate, todayIn } from "../../rules/zonedTime";
import { upcomingMeetings } from "../meetings";
import { ref } from "./inputs";

export async function nextMeetingDate(req: Request, board: Board): Promise<string | undefined> {
  const meetings = await upcomingMeetings(req, board.partnership, 5);
  const next = meetings.find((m) => Date.parse(m.startsAt) > req.now.getTime());
  return next && todayIn(board.partnership.timeZone, new Date(next.startsAt));
}

export async function actionCardFor(req: Request, board: Board, action: Action) {
  const zone = board.partnership.timeZone;
  const next = action.due?.kind === "next-meeting" ? await nextMeetingDate(req, board) : undefined;
  const due = action.due;
  const dueText = !due ? "No date" : due.kind === "date" ? formatDate(`${due.date}T12:00:00Z`, zone) : next ? `Next meeting (${formatDate(`${next}T12:00:00Z`, zone)})` : "Next meeting";
  const dueDay = due?.kind === "date" ? due.date : next;
  const latest = action.history.at(-1);
  return actionCard({
    partnershipId: board.partnership.id,
    ref: action.ref,
    text: action.text,
    status: action.status,
    statusText: statusWords(action.status),
    ownerText: action.owners.map((o) => (o.kind === "outside" && o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(", "),
    dueText,
    overdue: isOutstanding(action) && dueDay !== undefined && dueDay < todayIn(zone, req.now),
    raisedText: `${formatDate(action.raisedAt, zone)}${action.agendaItem ? `, item ${action.agendaItem}` : ""}`,
    latest: latest && `${statusWords(latest.to)}${latest.note ? `: ${latest.note}` : ""} (${latest.byName}, ${formatDate(latest.at, zone)})`,
    earlier: Math.max(0, action.history.length - 1),
    ownerIds: action.owners.flatMap((o) => (o.kind === "member" ? [o.memberId] : [])),
    outsideOwners: action.owners.flatMap((o) => (o.kind === "outside" ? [o.organisation ? `${o.name} (${o.organisation})` : o.name] : [])).join(", "),
    dueDate: due?.kind === "date" ? due.date : "",
    dueNextMeeting: due?.kind === "next-meeting",
    memberChoices: board.roster.filter((m) => m.status === "active").map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })),
  });
}
