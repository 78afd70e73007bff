// Listing the apologies for the next meeting.
import { noticeCard } from "../../../cards/noticeCard";
import { Board, forEachBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { forecastQuorum } from "../../rules/forecast";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { canActForOthers, nextMeeting } from "./resolve";

/**
 * `apologies` (chair, manager): the apologies for the next meeting, by category, with the forecast. In a
 * 1:1 chat, for every board the person is on, one card each.
 */
export function listApologies(req: Request): Promise<Outcome> {
  return forEachBoard(req, (board, several) => apologiesOf(req, board, several));
}

async function apologiesOf(req: Request, board: Board, several: boolean): Promise<Outcome> {
  if (!board.actor || !canActForOthers(board.actor)) return say("Only the chair or the partnership manager can list apologies.");
  const meeting = await nextMeeting(req, board);
  if (!meeting) return say("There is no meeting to come.");
  const attendance = (await req.deps.store.rollCalls.read(board.partnership.id, meeting.id)).attendance;
  const apologies = attendance.filter((a) => a.status.startsWith("apologies"));
  const lines: string[] = [];
  for (const category of ["statutory", "non-statutory", "ex-officio", "co-opted"] as const) {
    const rows = apologies.flatMap((a) => {
      const m = board.roster.find((r) => r.id === a.memberId);
      return m && m.category === category ? [`${m.name} (${m.organisation})${a.substituteName ? `, deputy ${a.substituteName}` : ""}${a.reason ? `: ${a.reason}` : ""}`] : [];
    });
    if (rows.length) lines.push(`**${category[0]!.toUpperCase()}${category.slice(1)}** (${rows.length})`, ...rows);
  }
  const forecast = forecastQuorum(board.roster, attendance, board.partnership.quorum);
  lines.push(
    forecast.canBeQuorate
      ? `Can still be quorate: up to ${forecast.best} of ${forecast.required} needed.`
      : `Can no longer be quorate without deputies: at most ${forecast.best}, ${forecast.required} needed. Chase: ${forecast.lost.join(", ")}.`,
  );
  return {
    card: noticeCard({
      title: `${several ? `${board.partnership.name}: ` : ""}Apologies for ${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone)}: ${apologies.length}`,
      lines: apologies.length ? lines : ["None yet.", ...lines.slice(-1)],
    }),
  };
}
