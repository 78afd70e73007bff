import { z } from "zod";
import { apologyCard } from "../../cards/apologyCard";
import { choiceCard } from "../../cards/choiceCard";
import { noticeCard } from "../../cards/noticeCard";
import { Attendance, Meeting } from "../domain/types";
import { MEETING_ID } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { ApologyReading, readApology } from "../rules/apology/readApology";
import { MeetingRef } from "../rules/apology/meetingRef";
import { forecastQuorum } from "../rules/forecast";
import { matchMember } from "../rules/nameMatch";
import { formatMeetingWhen, todayIn } from "../rules/zonedTime";
import { upcomingMeetings } from "./meetings";
import { updateSharedRollCard } from "./rollCall/afterChange";
import { nextSeq } from "../snapshotSeq";

// Apologies: typed in plain chat or sent from the meeting card, confirmed on a card with Undo and
// Change meeting, shown on the live roll call, and watched for a quorum that can no longer be met.

const memberIdList = z
  .string()
  .max(2000)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^m[0-9a-f]{20}$/, "That card names someone who isn't a member.")).max(50));

export const recordInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "Choose a meeting."),
  memberIds: memberIdList.optional(),
  reason: z.string().trim().max(300, "A reason can be at most 300 characters.").optional(),
  deputy: z.string().trim().max(120, "A deputy's name can be at most 120 characters.").optional(),
});
export const undoInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
  memberIds: memberIdList,
});
export const moveInput = undoInput.extend({ toMeetingId: z.string().regex(MEETING_ID, "Choose a meeting.") });

const ON_BEHALF = "Only the chair or the partnership manager can send apologies on someone else's behalf. Nothing was recorded.";

/** True when the text reads as an apology: the turn then routes it here rather than to "unknown command". */
export function looksLikeApology(text: string, now: Date): boolean {
  return readApology(text, { timeZone: "Europe/London", now }) !== undefined;
}

/** An apology typed in a 1:1 chat or a channel @mention. */
export async function apologyFromText(req: Request, text: string): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("You're not on this board's roster, so I can't record apologies from you.");
  const reading = readApology(text, { timeZone: board.partnership.timeZone, now: req.now });
  if (!reading) return say("I couldn't read that as apologies. Try: Please send my apologies for Thursday.");

  const who = resolveWho(board, reading);
  if ("outcome" in who) return who.outcome;
  const meeting = await resolveMeeting(req, board, reading.meeting);
  if ("ambiguous" in who) {
    // Ask who was meant; each answer carries the rest of what was understood.
    const chosen = "meeting" in meeting ? meeting.meeting : await nextMeeting(req, board);
    if (!chosen) return say("There is no meeting to come, so there is nothing to send apologies for yet.");
    return {
      card: choiceCard({
        title: `Who did you mean by "${who.ambiguous.name}"?`,
        lines: [`Apologies for ${chosen.title}, ${formatMeetingWhen(chosen.startsAt, chosen.endsAt, board.partnership.timeZone)}.`],
        buttons: who.ambiguous.candidates.slice(0, 6).map((m) => ({
          title: `${m.name} (${m.organisation})`,
          verb: "apology.record",
          data: pending(board, chosen, [...who.members, m], reading),
        })),
      }),
    };
  }
  if ("outcome" in meeting) return withPending(meeting.outcome, who.members, reading);
  return record(req, board, who.members, meeting.meeting, reading.reason, reading.deputy);
}

/** The meeting card's form, a question card's answer, or Change meeting. */
export async function apologyFromCard(req: Request, input: z.infer<typeof recordInput>): Promise<Outcome> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("You're not on this board's roster, so I can't record apologies from you.");
  const members = input.memberIds?.length ? input.memberIds.map((id) => board.roster.find((m) => m.id === id && m.status === "active")) : [board.actor];
  if (members.some((m) => !m)) return say("That card names someone who isn't on the roster. Nothing was recorded.");
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value;
  if (!meeting) return say("That meeting doesn't exist (any more). Nothing was recorded.");
  return record(req, board, members as MemberRecord[], meeting, input.reason || undefined, input.deputy || undefined);
}

async function record(req: Request, board: Board, members: MemberRecord[], meeting: Meeting, reason?: string, deputy?: string): Promise<Outcome> {
  const actor = board.actor!;
  const onBehalf = members.some((m) => m.id !== actor.id);
  if (onBehalf && !canActForOthers(actor)) return say(ON_BEHALF);
  if (meeting.state === "closed") return say(`${meeting.title} has already taken place. Nothing was recorded.`);
  const { store } = req.deps;
  const partnershipId = board.partnership.id;
  const now = req.now.toISOString();
  const alreadyHere: string[] = [];

  for (const member of members) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = (await store.rollCalls.read(partnershipId, meeting.id)).attendance.find((a) => a.memberId === member.id);
      if (current && !current.leftAt && (current.status === "present" || current.status === "present-substitute" || current.status === "in-attendance")) {
        alreadyHere.push(member.name);
        break;
      }
      const next: Attendance = {
        meetingId: meeting.id,
        memberId: member.id,
        status: deputy ? "apologies-substitute" : "apologies",
        substituteName: deputy,
        reason,
        recordedBy: actor.id,
        recordedAt: now,
      };
      // The same apology again records nothing new.
      if (current && current.status === next.status && current.substituteName === next.substituteName && current.reason === next.reason) break;
      if (await store.rollCalls.writeAttendance({ ...next, partnershipId }, current?.etag)) {
        await audit(req, partnershipId, "apology.recorded", `${meeting.id}/${member.id}`, current && { status: current.status }, { status: next.status, deputy: Boolean(deputy), onBehalf });
        break;
      }
    }
  }
  const recorded = members.filter((m) => !alreadyHere.includes(m.name));
  if (recorded.length === 0) return say(`${alreadyHere.join(" and ")} ${alreadyHere.length > 1 ? "are" : "is"} already checked in at ${meeting.title}, so no apologies were recorded.`);
  await afterApologies(req, board, meeting);
  const others = await upcomingMeetings(req, board.partnership, 8);
  return {
    card: confirmation(board, meeting, recorded, { reason, deputy, active: true, others }),
    notice: alreadyHere.length ? `${alreadyHere.join(" and ")} already checked in, so not recorded.` : undefined,
  };
}

/** Undo: only the person, the chair or the manager. */
export async function undoApology(req: Request, input: z.infer<typeof undoInput>): Promise<Outcome> {
  const checked = await mayChange(req, input);
  if ("outcome" in checked) return checked.outcome;
  const { board, members, meeting } = checked;
  const partnershipId = board.partnership.id;
  for (const member of members) {
    const current = (await req.deps.store.rollCalls.read(partnershipId, meeting.id)).attendance.find((a) => a.memberId === member.id);
    if (!current || !current.status.startsWith("apologies")) continue;
    if (await req.deps.store.rollCalls.deleteAttendance(partnershipId, meeting.id, member.id, current.etag)) {
      await audit(req, partnershipId, "apology.withdrawn", `${meeting.id}/${member.id}`, { status: current.status }, undefined);
    }
  }
  await afterApologies(req, board, meeting);
  return { card: confirmation(board, meeting, members, { active: false, others: [] }) };
}

/** Change meeting: the apology moves, reason and deputy with it. */
export async function moveApology(req: Request, input: z.infer<typeof moveInput>): Promise<Outcome> {
  const checked = await mayChange(req, input);
  if ("outcome" in checked) return checked.outcome;
  const { board, members, meeting } = checked;
  const target = (await req.deps.store.meetings.get(board.partnership.id, input.toMeetingId))?.value;
  if (!target) return say("That meeting doesn't exist (any more). Nothing was changed.");
  if (target.id === meeting.id) return say("Those apologies are already for that meeting.");
  const current = (await req.deps.store.rollCalls.read(board.partnership.id, meeting.id)).attendance.find((a) => a.memberId === members[0]?.id);
  if (!current || !current.status.startsWith("apologies")) return say(`There are no apologies for ${meeting.title} to move. Nothing was changed.`);
  const moved = await record(req, board, members, target, current.reason, current.substituteName);
  if (!moved.card) return moved;
  await undoApology(req, input);
  return moved;
}

/** `apologies` (chair, manager): the apologies for the next meeting, by category, with the forecast. */
export async function listApologies(req: Request): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
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
      title: `Apologies for ${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone)}: ${apologies.length}`,
      lines: apologies.length ? lines : ["None yet.", ...lines.slice(-1)],
    }),
  };
}

// ---------------------------------------------------------------- after apologies change

/** The live roll call shows the apology at once; a quorum that can no longer be met is flagged once. */
async function afterApologies(req: Request, board: Board, meeting: Meeting): Promise<void> {
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  if (snapshot.roll) updateSharedRollCard(req, board, snapshot, nextSeq());
  const forecast = forecastQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  if (forecast.canBeQuorate || snapshot.roll) return;
  if (!(await req.deps.store.rollCalls.claimMarker(board.partnership.id, meeting.id, "forecast", req.now.toISOString()))) return;
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone);
  const text =
    `**${meeting.title}, ${when}, can no longer be quorate** on the apologies received: at most ${forecast.best} ` +
    `${board.partnership.quorum.count} can be there, ${forecast.required} needed. Chase a deputy from: ${forecast.lost.join(", ")}.`;
  const recipients = board.roster.filter((m) => m.status === "active" && (m.role === "chair" || m.role === "manager") && m.teamsUserId);
  req.deps.background.run("forecast.notify", async () => {
    for (const person of recipients) {
      await req.deps.proactive.postToPerson({ teamsUserId: person.teamsUserId!, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl }, text);
    }
  });
  await audit(req, board.partnership.id, "forecast.inquorate", meeting.id, undefined, { best: forecast.best, required: forecast.required, lost: forecast.lost });
}

// ---------------------------------------------------------------- resolving who and which meeting

type Who = { members: MemberRecord[] } | { members: MemberRecord[]; ambiguous: { name: string; candidates: MemberRecord[] } } | { outcome: Outcome };

function resolveWho(board: Board, reading: ApologyReading): Who {
  const actor = board.actor!;
  if (reading.onBehalfOf.length === 0) return { members: [actor] };
  const members: MemberRecord[] = [];
  let ambiguous: { name: string; candidates: MemberRecord[] } | undefined;
  for (const name of reading.onBehalfOf) {
    const match = matchMember(name, board.roster, { organisation: reading.organisation });
    if (match.kind === "one") members.push(match.member);
    else if (match.kind === "none") {
      const near = nearNames(name, board.roster);
      if (near.length === 0) return { outcome: say(`I can't find "${name}" on the roster. Nothing was recorded.`) };
      if (!ambiguous) ambiguous = { name, candidates: near };
      else return { outcome: say(`I can't find "${name}" on the roster. Nothing was recorded.`) };
    }
    else if (!ambiguous) ambiguous = { name, candidates: match.members };
    else return { outcome: say(`"${ambiguous.name}" and "${name}" each match several members: please use full names. Nothing was recorded.`) };
  }
  // Naming only yourself is not acting for others.
  if (!canActForOthers(actor) && (ambiguous || members.some((m) => m.id !== actor.id))) return { outcome: say(ON_BEHALF) };
  return ambiguous ? { members, ambiguous } : { members };
}

/** No match: members whose first name or surname starts like a word of what was typed, to ask about. */
function nearNames(typed: string, roster: MemberRecord[]): MemberRecord[] {
  const stems = typed.toLowerCase().split(/\s+/).filter((w) => w.length >= 3).map((w) => w.slice(0, 3));
  if (stems.length === 0) return [];
  return roster
    .filter((m) => m.status === "active" && m.name.toLowerCase().split(/\s+/).some((w) => stems.some((stem) => w.startsWith(stem))))
    .slice(0, 6);
}

const pending = (board: Board, meeting: Meeting, members: MemberRecord[], reading: ApologyReading) => ({
  partnershipId: board.partnership.id,
  meetingId: meeting.id,
  memberIds: members.map((m) => m.id).join(","),
  reason: reading.reason ?? "",
  deputy: reading.deputy ?? "",
});

async function resolveMeeting(req: Request, board: Board, ref: MeetingRef): Promise<{ meeting: Meeting } | { outcome: Outcome }> {
  const zone = board.partnership.timeZone;
  if (ref.kind === "next") {
    const meeting = await nextMeeting(req, board);
    return meeting ? { meeting } : { outcome: say("There is no meeting to come, so there is nothing to send apologies for yet.") };
  }
  const upcoming = await upcomingMeetings(req, board.partnership, 20);
  const onDay = upcoming.filter((m) => todayIn(zone, new Date(m.startsAt)) === ref.date);
  if (onDay.length === 1) return { meeting: onDay[0]! };
  const nearest = [...upcoming].sort((a, b) => Math.abs(Date.parse(a.startsAt) - Date.parse(ref.date)) - Math.abs(Date.parse(b.startsAt) - Date.parse(ref.date))).slice(0, 4);
  if (nearest.length === 0) return { outcome: say("There is no meeting to come, so there is nothing to send apologies for yet.") };
  return {
    outcome: {
      card: choiceCard({
        title: onDay.length ? `There are ${onDay.length} meetings that day. Which one?` : `There's no meeting on ${ref.date.split("-").reverse().join("/")}. Which did you mean?`,
        lines: [],
        buttons: nearest.map((m) => ({ title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`, verb: "apology.record", data: { partnershipId: board.partnership.id, meetingId: m.id } })),
      }),
    },
  };
}

/** A question about the meeting keeps who, why and the deputy in each answer's data. */
function withPending(outcome: Outcome, members: MemberRecord[], reading: ApologyReading): Outcome {
  const card = outcome.card as { actions?: { data?: Record<string, unknown> }[] } | undefined;
  for (const action of card?.actions ?? []) {
    if (action.data) Object.assign(action.data, { memberIds: members.map((m) => m.id).join(","), reason: reading.reason ?? "", deputy: reading.deputy ?? "" });
  }
  return outcome;
}

async function nextMeeting(req: Request, board: Board): Promise<Meeting | undefined> {
  const now = req.now.getTime();
  const upcoming = await upcomingMeetings(req, board.partnership, 10);
  return upcoming.find((m) => Date.parse(m.endsAt ?? m.startsAt) + (m.endsAt ? 0 : 2 * 3600_000) > now && m.state !== "closed");
}

type Change = { board: Board; members: MemberRecord[]; meeting: Meeting } | { outcome: Outcome };

async function mayChange(req: Request, input: z.infer<typeof undoInput>): Promise<Change> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return { outcome: board };
  const members = input.memberIds.map((id) => board.roster.find((m) => m.id === id));
  if (members.some((m) => !m)) return { outcome: say("That card names someone who isn't on the roster. Nothing was changed.") };
  const actor = board.actor;
  const allowed = actor && (canActForOthers(actor) || members.every((m) => m!.id === actor.id));
  if (!allowed) return { outcome: say("Only the person the apologies are for, the chair or the partnership manager can change them. Nothing was changed.") };
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value;
  if (!meeting) return { outcome: say("That meeting doesn't exist (any more). Nothing was changed.") };
  return { board, members: members as MemberRecord[], meeting };
}

const canActForOthers = (m: MemberRecord) => m.status === "active" && (m.role === "chair" || m.role === "manager");

function confirmation(board: Board, meeting: Meeting, members: MemberRecord[], o: { reason?: string; deputy?: string; active: boolean; others: Meeting[] }) {
  const zone = board.partnership.timeZone;
  return apologyCard({
    partnershipId: board.partnership.id,
    meetingId: meeting.id,
    memberIds: members.map((m) => m.id),
    who: members.map((m) => `${m.name} (${m.organisation})`).join(", "),
    meeting: `${meeting.title}, ${formatMeetingWhen(meeting.startsAt, meeting.endsAt, zone)}`,
    reason: o.reason,
    deputy: o.deputy,
    active: o.active,
    meetingChoices: o.others.filter((m) => m.id !== meeting.id).map((m) => ({ title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`, value: m.id })),
  });
}
