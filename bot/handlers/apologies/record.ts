// Apologies: typed in plain chat or sent from the meeting card, confirmed on a card with Undo and
// Change meeting, shown on the live roll call, and watched for a quorum that can no longer be met.
import { z } from "zod";
import { choiceCard } from "../../../cards/choiceCard";
import { Attendance, Meeting } from "../../domain/types";
import { MemberRecord } from "../../../storage/store";
import { audit } from "../../audit";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { readApology } from "../../rules/apology/readApology";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { upcomingMeetings } from "../meetings";
import { ON_BEHALF, canActForOthers, nextMeeting, pending, resolveMeeting, resolveWho, withPending } from "./resolve";
import { recordInput } from "./inputs";
import { afterApologies } from "./afterApologies";
import { confirmation } from "./confirmation";
import { boardForApology } from "./whichBoard";

/** True when the text reads as an apology: the turn then routes it here rather than to "unknown command". */
export function looksLikeApology(text: string, now: Date): boolean {
  return readApology(text, { timeZone: "Europe/London", now }) !== undefined;
}

/** An apology typed in a 1:1 chat or a channel @mention. */
export async function apologyFromText(req: Request, text: string): Promise<Outcome> {
  // In a 1:1 chat the person may be on several boards: the words or the day's meetings pick one, or they are asked.
  const board = req.scope === "personal" ? await boardForApology(req, text) : await loadBoard(req);
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

export async function record(req: Request, board: Board, members: MemberRecord[], meeting: Meeting, reason?: string, deputy?: string): Promise<Outcome> {
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
