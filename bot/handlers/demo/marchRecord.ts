import { Meeting, Partnership } from "../../domain/types";
import { meetingIdFor, memberIdForEmail } from "../../../storage/keys";
import { ActionRecord } from "../../../storage/actionTable";
import { AttendanceRecord, MemberRecord } from "../../../storage/store";
import { MARCH_ACTIONS, MARCH_AGENDA, MARCH_MEETING, marchAttendance, ExampleAction } from "../../demo/marchRecord";
import { Request } from "../../request";
import { formatRef } from "../../rules/actionRef";
import { ActionOwner } from "../../rules/actionTypes";
import { evaluateQuorum, isPresent } from "../../rules/quorum";
import { todayIn, zonedInstant } from "../../rules/zonedTime";
import { circulate } from "../signOffs/circulate";

// The example board's record of its 21 March 2024 meeting, written through the stores and the sign-off
// use case like any board's: the closed roll (not quorate), the actions it raised with their updates,
// and its items circulated for sign-off. Each part is written only if it is not there yet, so saying
// `demo` again changes nothing.

const SIGN_OFF_DAYS = 14;

export function marchMeeting(partnershipId: string, zone: string, createdBy: string, at: string): Meeting {
  const startsAt = instant(MARCH_MEETING.date, MARCH_MEETING.start, zone);
  return {
    id: meetingIdFor(startsAt, "de0000"),
    partnershipId,
    title: MARCH_MEETING.title,
    startsAt,
    endsAt: instant(MARCH_MEETING.date, MARCH_MEETING.end, zone),
    location: MARCH_MEETING.location,
    agenda: MARCH_AGENDA,
    state: "closed",
    createdBy,
    createdAt: at,
  };
}

export async function writeMarchRecord(req: Request, partnership: Partnership, roster: MemberRecord[], manager: MemberRecord, meeting: Meeting): Promise<void> {
  await writeRoll(req, partnership, roster, manager, meeting);
  await writeActions(req, partnership, roster, manager, meeting);
  const signOffs = await req.deps.store.signOffs.list(partnership.id);
  if (!signOffs.some((s) => s.meetingId === meeting.id)) {
    const deadlineDate = todayIn(partnership.timeZone, new Date(req.now.getTime() + SIGN_OFF_DAYS * 86_400_000));
    await circulate(req, { partnershipId: partnership.id, meetingId: meeting.id, deadlineDate });
  }
}

/** The roll as the minutes record it, closed at 4:25pm with the quorum as it stood. */
async function writeRoll(req: Request, partnership: Partnership, roster: MemberRecord[], manager: MemberRecord, meeting: Meeting): Promise<void> {
  const { rollCalls } = req.deps.store;
  const existing = await rollCalls.read(partnership.id, meeting.id);
  if (existing.roll?.state === "closed") return;
  const rows: AttendanceRecord[] = marchAttendance().map(({ email, attendance }) => ({
    partnershipId: partnership.id,
    meetingId: meeting.id,
    memberId: memberIdForEmail(email),
    status: attendance,
    ...(attendance === "present" ? { arrivedAt: meeting.startsAt } : {}),
    recordedBy: manager.id,
    recordedAt: meeting.startsAt,
  }));
  const roll = {
    partnershipId: partnership.id,
    meetingId: meeting.id,
    state: "open" as const,
    conversationId: partnership.channel.conversationId,
    serviceUrl: partnership.channel.serviceUrl,
    threaded: true,
    meetingTitle: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    openedAt: meeting.startsAt,
    openedBy: manager.id,
  };
  if (!existing.roll) await rollCalls.open(roll);
  const recorded = new Set(existing.attendance.map((a) => a.memberId));
  // Each row is created only if missing: a second run writes none.
  for (const row of rows) if (!recorded.has(row.memberId)) await rollCalls.writeAttendance(row);
  const status = evaluateQuorum(roster, rows, partnership.quorum);
  const present = rows.filter((a) => isPresent(a, { ...partnership.quorum, deputiesCount: true })).map((a) => a.memberId);
  await rollCalls.saveRoll({
    ...roll,
    state: "closed",
    closedAt: instant(MARCH_MEETING.date, MARCH_MEETING.closedAt, partnership.timeZone),
    closingQuorum: JSON.stringify({ quorate: status.quorate, headline: status.headline, missing: status.missing, present }),
  });
}

/** The minutes' actions, numbered like any others (A-2024-…), each written once. */
async function writeActions(req: Request, partnership: Partnership, roster: MemberRecord[], manager: MemberRecord, meeting: Meeting): Promise<void> {
  const { actions } = req.deps.store;
  const existing = (await actions.all(partnership.id)).filter((a) => a.meetingId === meeting.id);
  const year = Number(MARCH_MEETING.date.slice(0, 4));
  for (const example of MARCH_ACTIONS) {
    if (existing.some((a) => a.text === example.text)) continue;
    const seq = await actions.nextNumber(partnership.id, year);
    await actions.create(actionRecord(example, { partnership, roster, manager, meeting, year, seq }));
  }
}

function actionRecord(
  example: ExampleAction,
  at: { partnership: Partnership; roster: MemberRecord[]; manager: MemberRecord; meeting: Meeting; year: number; seq: number },
): ActionRecord {
  const zone = at.partnership.timeZone;
  const byEmail = (email: string) => at.roster.find((m) => m.id === memberIdForEmail(email));
  const owners: ActionOwner[] = example.owners.map((o) => {
    if ("email" in o) {
      const m = byEmail(o.email);
      if (!m) throw new Error(`Example action owner ${o.email} is not on the example roster`);
      return { kind: "member", memberId: m.id, name: m.name };
    }
    return { kind: "outside", name: o.name, organisation: o.organisation };
  });
  let status: ActionRecord["status"] = "open";
  const history = example.updates.map((u) => {
    const who = byEmail(u.by);
    const update = { at: instant(u.on, "10:00", zone), by: who?.id ?? at.manager.id, byName: who?.name ?? at.manager.name, from: status, to: u.to, note: u.note };
    status = u.to;
    return update;
  });
  return {
    partnershipId: at.partnership.id,
    ref: formatRef(at.year, at.seq),
    seq: at.seq,
    year: at.year,
    text: example.text,
    owners,
    due: example.due,
    status,
    raisedAt: at.meeting.startsAt,
    raisedBy: at.manager.id,
    meetingId: at.meeting.id,
    agendaItem: example.agendaItem,
    history,
    copies: [],
    updatedAt: history.at(-1)?.at ?? at.meeting.startsAt,
  };
}

function instant(date: string, time: string, zone: string): string {
  const at = zonedInstant(date, time, zone);
  if (!at) throw new Error(`Example time ${date} ${time} is invalid`);
  return at;
}
