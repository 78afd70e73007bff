import { CATEGORIES } from "../../domain/types";
import { attendanceWords } from "../../rules/attendanceWords";
import { evaluateQuorum } from "../../rules/quorum";
import { formatMeetingWhen, localDateKey, todayIn } from "../../rules/zonedTime";
import { upcomingMeetings } from "../../handlers/meetings";
import { Request } from "../../request";
import { BoardAccess } from "../access";
import { boardHeader, CATEGORY_WORDS } from "./common";

/** Roll call: today's meeting's banner and everyone's status, read as the card reads it (one partition). */
export async function rollCallView(req: Request, access: BoardAccess) {
  const { board } = access;
  const p = board.partnership;
  const today = todayIn(p.timeZone, req.now);
  const todays = (await upcomingMeetings(req, p, 5)).filter((m) => localDateKey(m.startsAt, p.timeZone) === today);
  const snapshots = await Promise.all(todays.map((m) => req.deps.store.rollCalls.read(p.id, m.id)));
  const index = Math.max(0, snapshots.findIndex((s) => s.roll?.state === "open"));
  const meeting = todays[index];
  const snapshot = snapshots[index];
  if (!meeting || !snapshot) return { board: boardHeader(access), meeting: null, message: "There is no meeting today, so no roll call." };
  const quorum = evaluateQuorum(board.roster, snapshot.attendance, p.quorum);
  const byMember = new Map(snapshot.attendance.map((a) => [a.memberId, a]));
  const groups = CATEGORIES.map((category) => ({
    category: CATEGORY_WORDS[category],
    members: board.roster
      .filter((m) => m.status === "active" && m.category === category)
      .map((m) => {
        const record = byMember.get(m.id);
        return { id: m.id, name: m.name, organisation: m.organisation, role: m.role, status: record?.status ?? "not-yet", words: attendanceWords(record, p.timeZone) };
      }),
  })).filter((g) => g.members.length > 0);
  const guests = snapshot.attendance.filter((a) => a.status === "in-attendance" && a.guestName).map((a) => ({ name: a.guestName!, words: attendanceWords(a, p.timeZone) }));
  return {
    board: boardHeader(access),
    meeting: { id: meeting.id, title: meeting.title, when: formatMeetingWhen(meeting.startsAt, meeting.endsAt, p.timeZone) },
    roll: snapshot.roll ? { state: snapshot.roll.state, words: snapshot.roll.state === "open" ? "Roll call open" : "Roll call closed" } : { state: "not-open", words: "The roll call has not been opened yet." },
    banner: { quorate: quorum.quorate, headline: quorum.headline, missing: quorum.missingText },
    groups,
    guests,
  };
}
