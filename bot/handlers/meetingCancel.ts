import { audit } from "../audit";
import { isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { dayNamedIn } from "../rules/papers/whichMeeting";
import { can, whoCan } from "../rules/permissions";
import { formatMeetingWhen, localDateKey } from "../rules/zonedTime";
import { upcomingMeetings } from "./meetings";

// `cancel meeting 18 April 2024[, title]`: a meeting to come is called off. It stays in the records as
// cancelled, so the papers leave it out (it was never held), and no reminder or roll call uses it.

const EXAMPLE = "cancel meeting 18 April 2024";

export async function cancelMeeting(req: Request, text: string): Promise<Outcome> {
  if (req.scope === "personal") return say("Cancel meetings in the board's channel, so everyone sees it.");
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "scheduleMeetings")) return say(`Only ${whoCan("scheduleMeetings")} can cancel meetings. Nothing was cancelled.`);
  const { partnership } = board;
  const day = text.trim() ? dayNamedIn(text, req.now) : undefined;
  if (!day) return say(`Say which meeting, by its date, for example: ${EXAMPLE}. Nothing was cancelled.`);
  const onDay = (await upcomingMeetings(req, partnership, 50)).filter((m) => localDateKey(m.startsAt, partnership.timeZone) === day);
  // Several that day: the words after the date pick one by its title.
  const words = text.toLowerCase().split(/[\s,]+/).filter((w) => w.length > 2);
  const byTitle = onDay.filter((m) => words.some((w) => m.title.toLowerCase().includes(w)));
  const candidates = onDay.length > 1 && byTitle.length > 0 ? byTitle : onDay;
  if (candidates.length === 0) return say(`There is no meeting to come on ${day}. Nothing was cancelled.`);
  if (candidates.length > 1) {
    const titles = candidates.map((m) => `**${m.title}**`).join(", ");
    return say(`There are ${candidates.length} meetings that day: ${titles}. Say which, for example: cancel meeting ${day}, ${candidates[0]!.title}. Nothing was cancelled.`);
  }
  const meeting = candidates[0]!;
  const result = await req.deps.store.meetings.mutate(partnership.id, meeting.id, (m) => (m && m.state === "scheduled" ? { ...m, state: "cancelled" } : undefined));
  if (!result.changed) return say(`${meeting.title} has already begun (its roll has been called), so it can't be cancelled. Nothing was changed.`);
  await audit(req, partnership.id, "meeting.cancelled", meeting.id, { state: meeting.state }, { state: "cancelled" });
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone);
  return say(`Cancelled: **${meeting.title}**, ${when}. No reminders will be sent for it, and the attendance register leaves it out.`);
}
