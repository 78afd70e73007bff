// The card that confirms apologies, with Undo and Change meeting.
import { apologyCard } from "../../../cards/apologyCard";
import { Meeting } from "../../domain/types";
import { MemberRecord } from "../../../storage/store";
import { Board } from "../../board";
import { formatMeetingWhen } from "../../rules/zonedTime";

export function confirmation(board: Board, meeting: Meeting, members: MemberRecord[], o: { reason?: string; deputy?: string; active: boolean; others: Meeting[] }) {
  const zone = board.partnership.timeZone;
  return apologyCard({
    partnershipId: board.partnership.id,
    meetingId: meeting.id,
    board: board.partnership.name,
    memberIds: members.map((m) => m.id),
    who: members.map((m) => `${m.name} (${m.organisation})`).join(", "),
    meeting: `${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, zone)}`,
    reason: o.reason,
    deputy: o.deputy,
    active: o.active,
    meetingChoices: o.others.filter((m) => m.id !== meeting.id).map((m) => ({ title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`, value: m.id })),
  });
}
