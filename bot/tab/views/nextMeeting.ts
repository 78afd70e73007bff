import { forecastQuorum } from "../../rules/forecast";
import { can } from "../../rules/permissions";
import { attendanceWords } from "../../rules/attendanceWords";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { upcomingMeetings } from "../../handlers/meetings";
import { Request } from "../../request";
import { BoardAccess } from "../access";
import { boardHeader, CATEGORY_WORDS } from "./common";

/** Next meeting: when, where, agenda, the apologies so far and whether it can still be quorate. */
export async function nextMeetingView(req: Request, access: BoardAccess) {
  const { board, member } = access;
  const p = board.partnership;
  const now = req.now.toISOString();
  // Today's meeting stays "next" until it ends.
  const meeting = (await upcomingMeetings(req, p, 5)).find((m) => (m.endsAt ?? m.startsAt) >= now);
  if (!meeting) return { board: boardHeader(access), meeting: null };
  const attendance = (await req.deps.store.rollCalls.read(p.id, meeting.id)).attendance;
  // Reasons for absence are personal: the chair and the manager see them, as with `apologies`.
  const reasons = can(member, "raiseActions");
  const apologies = attendance
    .filter((a) => a.status === "apologies" || a.status === "apologies-substitute")
    .flatMap((a) => {
      const m = board.roster.find((r) => r.id === a.memberId);
      if (!m) return [];
      return [{ name: m.name, organisation: m.organisation, category: CATEGORY_WORDS[m.category], words: attendanceWords(a, p.timeZone), deputy: a.substituteName, reason: reasons ? a.reason : undefined }];
    });
  const forecast = forecastQuorum(board.roster, attendance, p.quorum);
  return {
    board: boardHeader(access),
    meeting: {
      id: meeting.id,
      title: meeting.title,
      when: formatMeetingWhen(meeting.startsAt, meeting.endsAt, p.timeZone),
      where: meeting.location ?? "Not given",
      state: meeting.state,
      agenda: meeting.agenda.map((i) => ({ ref: i.ref, title: i.title, presenter: i.presenter, forSignOff: Boolean(i.forSignOff) })),
    },
    apologies,
    forecast: {
      canBeQuorate: forecast.canBeQuorate,
      text: forecast.canBeQuorate
        ? `Can still be quorate: up to ${forecast.best} can be there, ${forecast.required} needed.`
        : `Can no longer be quorate without deputies: at most ${forecast.best}, ${forecast.required} needed.`,
      chase: forecast.canBeQuorate ? [] : forecast.lost,
    },
  };
}
