import { Attendance, Member } from "../../domain/types";
import { compareRefs, dueText, latestNote, ownerText } from "../actionLog";
import { isOutstanding, statusWords } from "../actionStatus";
import { formatDate, formatTime, localDateKey } from "../zonedTime";
import { byRoleThenName, CATEGORY_TITLES, councilWords, membersOf, nameWithRole, substituteWords, titleAndOrganisation } from "./councilWords";
import { AttendanceRow, DISCUSSION_PLACEHOLDER, MinutesDoc, MinutesRecords } from "./minutesTypes";
import { quorumLines } from "./minutesQuorum";
import { signOffsOfMeeting } from "./minutesSignOffs";

// The draft minutes of one meeting, laid out as the seed minutes are, from the records alone.

export function draftMinutes(r: MinutesRecords): MinutesDoc {
  const zone = r.partnership.timeZone;
  const { meeting } = r;
  const byMember = new Map(r.attendance.filter((a) => !a.guestName).map((a) => [a.memberId, a]));
  const members = membersOf(meeting, r.roster, byMember);
  const chair = members.find((m) => m.role === "chair");
  const { byItem, others } = signOffsOfMeeting(r);
  const later = r.meetings.filter((m) => m.startsAt > meeting.startsAt && m.state !== "cancelled");
  const nextDate = later[0] ? localDateKey(later[0].startsAt, zone) : undefined;
  const actionRow = (a: MinutesRecords["actions"][number]) => ({ ref: a.ref, action: a.text, owner: ownerText(a.owners), due: dueText(a.due, nextDate) });

  return {
    board: r.partnership.name,
    title: meeting.title,
    date: formatDate(meeting.startsAt, zone),
    time: meeting.endsAt ? `${formatTime(meeting.startsAt, zone)} to ${formatTime(meeting.endsAt, zone)}` : formatTime(meeting.startsAt, zone),
    place: meeting.location,
    chair: chair ? `${chair.name}, ${titleAndOrganisation(chair)}` : undefined,
    attendance: attendanceTables(members, byMember, r.attendance, zone),
    quorum: quorumLines(r, members),
    items: meeting.agenda.map((item) => ({ ref: item.ref, title: item.title, signOff: byItem.get(item.ref) ?? [] })),
    otherSignOffs: others,
    actionsRaised: r.actions.filter((a) => a.meetingId === meeting.id).sort(compareRefs).map(actionRow),
    outstanding: r.actions
      .filter((a) => a.meetingId !== meeting.id && a.raisedAt < meeting.startsAt && isOutstanding(a))
      .sort(compareRefs)
      .map((a) => {
        const note = latestNote(a);
        return { ...actionRow(a), status: statusWords(a.status), latest: note?.note ? `${note.note} (${formatDate(note.at, zone)})` : "" };
      }),
    future: later.slice(0, 6).map((m) => ({ date: formatDate(m.startsAt, zone), title: m.title, place: m.location ?? "" })),
    discussionPlaceholder: DISCUSSION_PLACEHOLDER,
  };
}

function attendanceTables(members: Member[], byMember: Map<string, Attendance>, records: readonly Attendance[], zone: string): MinutesDoc["attendance"] {
  const names = new Map(members.map((m) => [m.name.toLowerCase(), m]));
  // A deputy who is on the roster gets their own row's words; one who is not gets a row of their own.
  const deputising = new Map<string, string>();
  const extra = new Map<string, AttendanceRow[]>();
  for (const m of members) {
    const rec = byMember.get(m.id);
    if (rec?.status !== "present-substitute" || !rec.substituteName) continue;
    const onRoster = names.get(rec.substituteName.toLowerCase());
    if (onRoster && !byMember.has(onRoster.id)) deputising.set(onRoster.id, substituteWords(m.name));
    else if (!onRoster) {
      const rows = extra.get(m.category) ?? [];
      rows.push({ name: rec.substituteName, organisation: m.organisation, attendance: substituteWords(m.name) });
      extra.set(m.category, rows);
    }
  }
  const tables = CATEGORY_TITLES.map(({ category, title }) => ({
    title,
    rows: [
      ...members
        .filter((m) => m.category === category)
        .sort(byRoleThenName)
        .map((m) => ({ name: nameWithRole(m), organisation: titleAndOrganisation(m), attendance: deputising.get(m.id) ?? councilWords(byMember.get(m.id), zone) })),
      ...(extra.get(category) ?? []),
    ],
  }));
  const guests = records.filter((a) => a.guestName);
  tables.push({ title: "In attendance", rows: guests.map((g) => ({ name: g.guestName ?? "", organisation: g.guestOrganisation ?? "", attendance: "In attendance" })) });
  return tables.filter((t) => t.rows.length > 0);
}

