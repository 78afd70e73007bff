// Undo and Change meeting on the confirmation card: only the person, the chair or the manager.
import { z } from "zod";
import { Meeting } from "../../domain/types";
import { MemberRecord } from "../../../storage/store";
import { audit } from "../../audit";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { moveInput, undoInput } from "./inputs";
import { afterApologies } from "./afterApologies";
import { confirmation } from "./confirmation";
import { record } from "./record";
import { canActForOthers } from "./resolve";

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
