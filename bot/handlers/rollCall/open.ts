// The roll call: the chair opens it, members check themselves in, the chair records the rest, and
// everyone sees live whether the meeting is quorate and who is missing.
import { z } from "zod";
import { choiceCard } from "../../../cards/choiceCard";
import { Meeting, RollCall } from "../../domain/types";
import { audit } from "../../audit";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { StorageUnavailableError } from "../../../storage/errors";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";
import { evaluateQuorum } from "../../rules/quorum";
import { formatMeetingWhen, formatTime, todayIn, zonedInstant } from "../../rules/zonedTime";
import { threadOf } from "../../teams/proactive";
import { upcomingMeetings } from "../meetings";
import { outstandingSummary } from "../actions/log";
import { noticeCard } from "../../../cards/noticeCard";
import { NOT_OPEN, openInput } from "./inputs";
import { targetOf } from "./records";
import { buildCard } from "./card";

/** `roll call`: opens the roll for today's meeting, or asks which meeting. */
export async function openRollCall(req: Request, input: z.infer<typeof openInput> = {}): Promise<Outcome> {
  if (req.scope === "personal") return say("Call the roll in the board's channel, so everyone sees it.");
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can call the roll.`);

  const meeting = input.meetingId ? (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value : await todaysMeeting(req, board);
  if (!meeting) return askWhichMeeting(req, board);
  if (meeting.state === "cancelled") return say(`${meeting.title} was cancelled, so there is no roll to call.`);

  const opened = await openRollFor(req, board, meeting, { conversationId: req.binding.conversationId, serviceUrl: req.binding.serviceUrl, threaded: req.scope === "channel" });
  if (opened.state === "failed") return opened.outcome;
  if (opened.state === "opened") return { notice: `Roll call opened for ${meeting.title}.` };
  return opened.roll ? pointToOpenRoll(board, opened.roll) : say(NOT_OPEN);
}

/**
 * Opens the meeting's roll with its card posted `where` (the chair's channel, or the board's channel
 * when the Teams meeting starts), or finds it: "open" or "closed" if it was there already.
 */
export async function openRollFor(
  req: Request,
  board: Board,
  meeting: Meeting,
  where: { conversationId: string; serviceUrl: string; threaded: boolean },
): Promise<{ state: "opened" | "open" | "closed"; roll?: RollCall } | { state: "failed"; outcome: Outcome }> {
  const existing = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  // A roll whose card never got posted (storage or Teams failed half-way) is finished now, not refused.
  if (existing.roll && !existing.roll.activityId && existing.roll.state === "open") {
    await postRollCard(req, board, existing.roll);
    return { state: "opened", roll: existing.roll };
  }
  if (existing.roll) return { state: existing.roll.state, roll: existing.roll };

  const roll: RollCall = {
    partnershipId: board.partnership.id,
    meetingId: meeting.id,
    state: "open",
    ...where,
    meetingTitle: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    openedAt: req.now.toISOString(),
    openedBy: board.actor?.id ?? req.userKey,
  };
  if (!(await req.deps.store.rollCalls.open(roll))) {
    const raced = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
    return { state: raced.roll?.state ?? "open", roll: raced.roll };
  }
  try {
    await postRollCard(req, board, roll);
  } catch (error) {
    // Without its card the roll would be unreachable: undo it so the chair can retry. If storage is down
    // too, the roll stays without a card, the chair is told so, and the next 'roll call' finishes it.
    const undone = await req.deps.store.rollCalls.deleteRoll(board.partnership.id, meeting.id).then(() => true, () => false);
    // Storage failing on the way is "not saved, try again" (the next 'roll call' finishes what is left).
    if (error instanceof StorageUnavailableError) throw error;
    req.deps.log.error("roll.card_post_failed", { partnershipId: board.partnership.id, meetingId: meeting.id, undone, error });
    const outcome = say(
      undone
        ? "I couldn't post the roll-call card (Teams didn't take it), so the roll call was not opened and nothing was changed. Please try again."
        : "The roll call was saved, but its card couldn't be posted and I couldn't undo it. Say **roll call** again to post its card.",
    );
    return { state: "failed", outcome };
  }
  await req.deps.store.meetings.mutate(board.partnership.id, meeting.id, (m) => (m && m.state === "scheduled" ? { ...m, state: "roll-call-open" } : undefined));
  await audit(req, board.partnership.id, "roll.opened", meeting.id);
  req.deps.background.run("roll.actions_line", () =>
    // Posts are retried on Teams' "later" answers; if it still fails, the operator sees it, by ids.
    postOutstandingActions(req, board, roll).catch((error) =>
      req.deps.log.error("roll.actions_line_failed", { partnershipId: board.partnership.id, meetingId: meeting.id, error }),
    ),
  );
  req.deps.log.info("roll.opened", { partnershipId: board.partnership.id, meetingId: meeting.id });
  return { state: "opened", roll };
}

async function postRollCard(req: Request, board: Board, roll: RollCall): Promise<void> {
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, roll.meetingId);
  const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  if (!snapshot.quorumMark) await req.deps.store.rollCalls.markQuorum(board.partnership.id, roll.meetingId, status.quorate, roll.openedAt);
  const activityId = await req.deps.proactive.post(targetOf(req, roll), buildCard(board, { ...snapshot, roll }, status));
  if (!activityId) throw new Error("Teams did not return an id for the roll-call card");
  await req.deps.store.rollCalls.saveRoll({ ...roll, activityId });
}

async function todaysMeeting(req: Request, board: Board): Promise<Meeting | undefined> {
  const zone = board.partnership.timeZone;
  const today = todayIn(zone, req.now);
  const todays = (await upcomingMeetings(req, board.partnership, 10)).filter((m) => todayIn(zone, new Date(m.startsAt)) === today);
  return todays.length === 1 ? todays[0] : undefined;
}

async function askWhichMeeting(req: Request, board: Board): Promise<Outcome> {
  const zone = board.partnership.timeZone;
  const dayStart = zonedInstant(todayIn(zone, req.now), "00:00", zone) ?? req.now.toISOString();
  const recentFrom = new Date(Date.parse(dayStart) - 14 * 86_400_000).toISOString();
  const meetings = (await req.deps.store.meetings.list(board.partnership.id))
    .filter((m) => m.startsAt >= recentFrom)
    .slice(0, 6);
  if (meetings.length === 0) {
    return say("There is no meeting to call the roll for. Schedule one first, for example: meeting today 2pm, Board meeting.");
  }
  return {
    card: choiceCard({
      title: "Which meeting is the roll call for?",
      lines: ["There isn't exactly one meeting today. Choose one:"],
      buttons: meetings.map((m) => ({
        title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`,
        verb: "roll.open",
        data: { partnershipId: board.partnership.id, meetingId: m.id },
      })),
    }),
  };
}

function pointToOpenRoll(board: Board, roll: RollCall): Outcome {
  const zone = board.partnership.timeZone;
  if (roll.state === "closed") {
    return say(`The roll call for ${roll.meetingTitle} was closed at ${formatTime(roll.closedAt ?? roll.openedAt, zone)}. The chair can reopen it from its card.`);
  }
  return say(`The roll call for ${roll.meetingTitle} is already open: it's the card posted at ${formatTime(roll.openedAt, zone)}.`);
}

/** At the meeting, the roll-call thread says how many actions are outstanding, with the log a press away. */
async function postOutstandingActions(req: Request, board: Board, roll: RollCall): Promise<void> {
  const saved = (await req.deps.store.rollCalls.read(roll.partnershipId, roll.meetingId)).roll;
  if (!saved?.activityId) return;
  const { outstanding, overdue } = await outstandingSummary(req, board);
  if (outstanding === 0) return;
  const target = targetOf(req, saved);
  await req.deps.proactive.post(
    saved.threaded ? threadOf(target, saved.activityId) : target,
    noticeCard({ title: `Outstanding actions: ${outstanding}, ${overdue} overdue`, lines: [], buttons: [{ title: "Show the action log", command: "actions" }] }),
  );
}
