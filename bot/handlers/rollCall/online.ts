// The roll call driven by the board's Teams meeting: its start opens the roll in the board's channel,
// people joining and leaving the call are checked in and out, its end closes the roll. Every change
// goes through the roll call's own check-in, mark and close code, so the records, the audit, the shared
// card and the quorum announcements are exactly those of presses and the chair's controls.
import { CachedBoard } from "../../boardCache";
import { Meeting } from "../../domain/types";
import { Request } from "../../request";
import { MemberRecord } from "../../../storage/store";
import { evaluateQuorum } from "../../rules/quorum";
import { joinDecision, leaveDecision } from "../../rules/onlineAttendance";
import { updateSharedRollCard } from "./afterChange";
import { arrive } from "./checkIn";
import { changeRollState, guestIdOf, writeRecord } from "./chair";
import { openRollFor } from "./open";

type Change = { snapshot: Parameters<typeof updateSharedRollCard>[2]; seq: number } | "no-roll";
const shared = (req: Request, board: CachedBoard, change: Change) => {
  if (change !== "no-roll") updateSharedRollCard(req, board, change.snapshot, change.seq);
};

/** The roll opens in the board's own channel, wherever the meeting's events arrive. */
export async function openRollForMeeting(req: Request, board: CachedBoard, meeting: Meeting): Promise<"opened" | "open" | "closed" | "failed"> {
  const channel = board.partnership.channel;
  const opened = await openRollFor(req, board, meeting, { conversationId: channel.conversationId, serviceUrl: channel.serviceUrl, threaded: channel.teamId !== undefined });
  return opened.state;
}

/** A member joining the call: "I'm here", at the time they joined. */
export async function joinedOnline(req: Request, board: CachedBoard, meetingId: string, member: MemberRecord, at: string): Promise<void> {
  shared(req, board, await arrive(req, board, meetingId, member, { at, online: true }));
}

/** Someone leaving the call (a member, or the member a deputy stands in for): Left, at that time. */
export async function leftOnline(req: Request, board: CachedBoard, meetingId: string, recordId: string, actorId: string, at: string): Promise<void> {
  const rule = board.partnership.quorum;
  const change = await writeRecord(req, board, meetingId, recordId, "attendance.marked", (current) =>
    current && leaveDecision(current, at, rule).change ? { ...current, leftAt: at, online: true, recordedBy: actorId, recordedAt: at } : undefined,
  );
  if (change !== "no-roll" && change.changed) shared(req, board, change);
}

/** A deputy named in the member's apology joining: Present as substitute for that member. */
export async function substituteOnline(req: Request, board: CachedBoard, meetingId: string, memberId: string, deputy: string, at: string): Promise<void> {
  const rule = board.partnership.quorum;
  const change = await writeRecord(req, board, meetingId, memberId, "attendance.marked", (current) =>
    joinDecision(current, at, rule).change
      ? { meetingId, memberId, status: "present-substitute", substituteName: deputy.slice(0, 120), arrivedAt: at, online: true, recordedBy: memberId, recordedAt: at }
      : undefined,
  );
  if (change !== "no-roll" && change.changed) shared(req, board, change);
}

/** Someone not on the roster: In attendance by the name Teams gives, never counted; leaving is recorded too. */
export async function guestOnline(req: Request, board: CachedBoard, meetingId: string, name: string, kind: "join" | "leave", at: string): Promise<void> {
  const rule = board.partnership.quorum;
  const guestName = name.slice(0, 120);
  const guestId = guestIdOf(guestName);
  const change = await writeRecord(req, board, meetingId, guestId, kind === "join" ? "attendance.guest_added" : "attendance.marked", (current) => {
    if (kind === "leave") return current && leaveDecision(current, at, rule).change ? { ...current, leftAt: at, recordedAt: at } : undefined;
    if (!joinDecision(current, at, rule).change) return undefined;
    return { meetingId, memberId: guestId, status: "in-attendance", guestName, guestOrganisation: current?.guestOrganisation, arrivedAt: at, online: true, recordedBy: req.userKey.slice(0, 200), recordedAt: at };
  });
  if (change !== "no-roll" && change.changed) shared(req, board, change);
}

/** The meeting's end closes the roll (the quorum stored for the minutes); undefined if there was none open. */
export async function closeRollForMeeting(req: Request, board: CachedBoard, meetingId: string): Promise<{ closedAt: string; headline: string } | undefined> {
  const before = (await req.deps.store.rollCalls.read(board.partnership.id, meetingId)).roll;
  if (!before || before.state !== "open") return undefined;
  const changed = await changeRollState(req, board, meetingId, "closed");
  if (!changed?.snapshot.roll) return undefined;
  updateSharedRollCard(req, board, changed.snapshot, changed.seq);
  const status = evaluateQuorum(board.roster, changed.snapshot.attendance, board.partnership.quorum);
  return { closedAt: changed.snapshot.roll.closedAt ?? req.now.toISOString(), headline: status.headline };
}
