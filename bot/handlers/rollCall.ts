import { createHash } from "node:crypto";
import { z } from "zod";
import { rollCallCard } from "../../cards/rollCallCard";
import { AdaptiveCard } from "../../cards/render";
import { CardMemo, VIEWER_SLOT, withViewerLine } from "../../cards/viewerSlot";
import { choiceCard } from "../../cards/choiceCard";
import { Attendance, Category, Meeting, Member, RollCall } from "../domain/types";
import { MEETING_ID } from "../../storage/keys";
import { RollCallSnapshot } from "../../storage/rollCallTable";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, cachedActor, channelPartnershipId, isBoard, loadBoard } from "../board";
import { CachedBoard } from "../boardCache";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { attendanceWords } from "../rules/attendanceWords";
import { can, whoCan } from "../rules/permissions";
import { evaluateQuorum, isPresent, QuorumStatus } from "../rules/quorum";
import { formatMeetingWhen, formatTime, todayIn, zonedInstant } from "../rules/zonedTime";
import { ConversationTarget, threadOf } from "../teams/proactive";
import { throttleOf } from "../teams/cardUpdater";
import { upcomingMeetings } from "./meetings";
import { outstandingSummary } from "./actions";
import { offerCirculation } from "./signOffs";
import { noticeCard } from "../../cards/noticeCard";
import { nextSeq } from "../snapshotSeq";

// The roll call: the chair opens it, members check themselves in, the chair records the rest, and
// everyone sees live whether the meeting is quorate and who is missing.

const rollRef = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
});
export const rollRefInput = rollRef;
export const markInput = rollRef.extend({
  memberId: z.string().max(64),
  status: z.enum(["present", "present-substitute", "left", "absent", "apologies", "apologies-substitute"], "That attendance choice isn't one I know."),
  substituteName: z.string().trim().max(120, "A substitute's name can be at most 120 characters.").optional(),
});
export const guestInput = rollRef.extend({
  guestName: z.string().trim().min(1, "Give the guest's name.").max(120, "A name can be at most 120 characters."),
  guestOrganisation: z.string().trim().max(120, "An organisation can be at most 120 characters.").optional(),
});
export const openInput = z.object({ partnershipId: z.string().max(40).optional(), meetingId: z.string().regex(MEETING_ID).optional() });

const GROUPS: { category: Category; title: string }[] = [
  { category: "statutory", title: "Statutory" },
  { category: "non-statutory", title: "Non-statutory" },
  { category: "ex-officio", title: "Ex-officio" },
  { category: "co-opted", title: "Co-opted" },
];
const NOT_OPEN = "That roll call isn't open (it may have been for another meeting), so nothing was recorded.";
const NOT_ON_ROSTER =
  "You're not on this board's roster, so I can't check you in. The partnership manager can add you; nothing was recorded.";
const SUBSTITUTE_NEEDED = "Give the substitute's name to record a substitute. Nothing was recorded.";

// ---------------------------------------------------------------- opening

/** `roll call`: opens the roll for today's meeting, or asks which meeting. */
export async function openRollCall(req: Request, input: z.infer<typeof openInput> = {}): Promise<Outcome> {
  if (req.scope === "personal") return say("Call the roll in the board's channel, so everyone sees it.");
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can call the roll.`);

  const meeting = input.meetingId ? (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value : await todaysMeeting(req, board);
  if (!meeting) return askWhichMeeting(req, board);

  const existing = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  // A roll whose card never got posted (storage or Teams failed half-way) is finished now, not refused.
  if (existing.roll && !existing.roll.activityId && existing.roll.state === "open") {
    await postRollCard(req, board, existing.roll);
    return { notice: `Roll call opened for ${meeting.title}.` };
  }
  if (existing.roll) return pointToOpenRoll(board, existing.roll);

  const roll: RollCall = {
    partnershipId: board.partnership.id,
    meetingId: meeting.id,
    state: "open",
    conversationId: req.binding.conversationId,
    serviceUrl: req.binding.serviceUrl,
    threaded: req.scope === "channel",
    meetingTitle: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    openedAt: req.now.toISOString(),
    openedBy: board.actor?.id ?? req.userKey,
  };
  if (!(await req.deps.store.rollCalls.open(roll))) {
    const raced = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
    return raced.roll ? pointToOpenRoll(board, raced.roll) : say(NOT_OPEN);
  }
  try {
    await postRollCard(req, board, roll);
  } catch (error) {
    // Without its card the roll would be unreachable: undo it so the chair can retry. If storage is down
    // too, the roll stays without a card and the next 'roll call' finishes it.
    await req.deps.store.rollCalls.deleteRoll(board.partnership.id, meeting.id).catch(() => undefined);
    throw error;
  }
  await req.deps.store.meetings.mutate(board.partnership.id, meeting.id, (m) => (m && m.state === "scheduled" ? { ...m, state: "roll-call-open" } : undefined));
  await audit(req, board.partnership.id, "roll.opened", meeting.id);
  req.deps.background.run("roll.actions_line", () => postOutstandingActions(req, board, roll));
  req.deps.log.info("roll.opened", { partnershipId: board.partnership.id, meetingId: meeting.id });
  return { notice: `Roll call opened for ${meeting.title}.` };
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

// ---------------------------------------------------------------- checking in

/**
 * "I'm here". The hot path: roster from the cache, one batch write (which also proves the roll is
 * open), one partition read for the cards. A member with apologies who turns up becomes present.
 */
export async function checkIn(req: Request, input: z.infer<typeof rollRef>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (!isCached(board)) return board;
  const actor = await cachedActor(req, board);
  if (!actor) return say(NOT_ON_ROSTER);
  const { store } = req.deps;
  const record = {
    partnershipId: board.partnership.id,
    meetingId: input.meetingId,
    memberId: actor.id,
    status: "present" as const,
    arrivedAt: req.now.toISOString(),
    recordedBy: actor.id,
    recordedAt: req.now.toISOString(),
  };
  const result = await store.rollCalls.checkIn(record);
  if (result === "no-roll") return say(NOT_OPEN);
  let seq = nextSeq();
  let snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (result === "exists") {
    // Already has a row: present already (a retry, or a second press) changes nothing; otherwise they arrive now.
    const mine = snapshot.attendance.find((a) => a.memberId === actor.id);
    if (mine && !isPresent(mine, board.partnership.quorum) && mine.status !== "present-substitute") {
      const arrived = await store.rollCalls.writeAttendance({ ...record, substituteName: undefined }, mine.etag);
      if (arrived) {
        await audit(req, board.partnership.id, "attendance.changed", `${input.meetingId}/${actor.id}`, strip(mine), strip(record));
        seq = nextSeq();
        snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
      }
    }
  } else {
    // Off the answer path: the person's card does not wait for the audit write.
    req.deps.background.run("audit.checkin", () =>
      audit(req, board.partnership.id, "attendance.checked_in", `${input.meetingId}/${actor.id}`, undefined, strip(record)),
    );
  }
  return afterChange(req, board, snapshot, seq, actor);
}

// ---------------------------------------------------------------- the chair's controls

export async function markAttendance(req: Request, input: z.infer<typeof markInput>): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const member = board.roster.find((m) => m.id === input.memberId && m.status === "active");
  if (!member) return say("That member is not on the roster, so nothing was recorded.");
  const substitute = input.status.endsWith("substitute");
  if (substitute && !input.substituteName) return say(SUBSTITUTE_NEEDED);

  const { store } = req.deps;
  for (let attempt = 0; attempt < 5; attempt++) {
    const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
    if (!snapshot.roll) return say(NOT_OPEN);
    const current = snapshot.attendance.find((a) => a.memberId === member.id);
    const now = req.now.toISOString();
    let next: Attendance;
    if (input.status === "left") {
      if (!current || !isPresent(current, { ...board.partnership.quorum, deputiesCount: true })) {
        return say(`${member.name} isn't recorded as present, so they can't be marked as having left.`);
      }
      next = { ...current, leftAt: now, recordedBy: actor.id, recordedAt: now };
    } else {
      const status = input.status as Attendance["status"];
      const staysPresent = current && !current.leftAt && current.status === status && (status === "present" || status === "present-substitute");
      next = {
        meetingId: input.meetingId,
        memberId: member.id,
        status,
        substituteName: substitute ? input.substituteName : undefined,
        arrivedAt: status === "present" || status === "present-substitute" ? (staysPresent ? current.arrivedAt : now) : undefined,
        recordedBy: actor.id,
        recordedAt: now,
      };
    }
    const written = await store.rollCalls.writeAttendance({ ...next, partnershipId: board.partnership.id }, current?.etag);
    if (!written) continue;
    await audit(req, board.partnership.id, "attendance.marked", `${input.meetingId}/${member.id}`, current && strip(current), strip(next));
    const seq = nextSeq();
    return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
  }
  throw new Error("Attendance kept changing while it was being recorded");
}

/** Invitees and observers: recorded as in attendance, never counted. */
export async function addGuest(req: Request, input: z.infer<typeof guestInput>): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  const guestId = "g" + createHash("sha256").update(input.guestName.toLowerCase()).digest("hex").slice(0, 20);
  const record = {
    partnershipId: board.partnership.id,
    meetingId: input.meetingId,
    memberId: guestId,
    status: "in-attendance" as const,
    guestName: input.guestName,
    guestOrganisation: input.guestOrganisation || undefined,
    arrivedAt: req.now.toISOString(),
    recordedBy: actor.id,
    recordedAt: req.now.toISOString(),
  };
  if (await store.rollCalls.writeAttendance(record)) {
    await audit(req, board.partnership.id, "attendance.guest_added", `${input.meetingId}/${guestId}`, undefined, strip(record));
  }
  const seq = nextSeq();
  return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
}

/** Closing keeps recording late arrivals and departures; it marks the moment for the minutes. */
export async function setRollState(req: Request, input: z.infer<typeof rollRef>, state: "open" | "closed"): Promise<Outcome> {
  const chair = await chairBoard(req, input.partnershipId);
  if (!isCached(chair)) return chair;
  const { board, actor } = chair;
  const { store } = req.deps;
  const snapshot = await store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  if (snapshot.roll.state !== state) {
    const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
    const roll: RollCall =
      state === "closed"
        ? { ...snapshot.roll, state, closedAt: req.now.toISOString(), closingQuorum: JSON.stringify(quorumSnapshot(board, snapshot, status)) }
        : { ...snapshot.roll, state, closedAt: undefined };
    await store.rollCalls.saveRoll(roll);
    await store.meetings.mutate(board.partnership.id, input.meetingId, (m) =>
      m ? { ...m, state: state === "closed" ? "in-progress" : "roll-call-open" } : undefined,
    );
    await audit(req, board.partnership.id, state === "closed" ? "roll.closed" : "roll.reopened", input.meetingId, undefined, state === "closed" ? { quorate: status.quorate, count: status.count } : undefined);
    if (state === "closed" && !status.quorate && snapshot.roll.activityId) {
      const target = targetOf(req, snapshot.roll);
      const thread = snapshot.roll.threaded ? threadOf(target, snapshot.roll.activityId) : target;
      req.deps.background.run("signoff.offer", () => offerCirculation(req, board, input.meetingId, thread));
    }
  }
  const seq = nextSeq();
  return afterChange(req, board, await store.rollCalls.read(board.partnership.id, input.meetingId), seq, actor);
}

/** Teams asks for the viewer's own card when it is shown (refresh) . */
export async function refreshRollCall(req: Request, input: z.infer<typeof rollRef>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (!isCached(board)) return board;
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, input.meetingId);
  if (!snapshot.roll) return say(NOT_OPEN);
  const viewer = board.roster.find((m) => m.aadObjectId === req.userKey && m.status === "active");
  return { card: buildCard(board, snapshot, evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum), viewer) };
}

// ---------------------------------------------------------------- after every change

/**
 * The presser's own card comes back at once; the shared message follows through the coalescing
 * updater; a change of quorum is announced once in the card's thread.
 */
function afterChange(req: Request, board: CachedBoard, snapshot: RollCallSnapshot, seq: number, viewer: Member): Outcome {
  if (!snapshot.roll) return say(NOT_OPEN);
  const status = updateSharedRollCard(req, board, snapshot, seq);
  return { card: buildCard(board, snapshot, status, viewer) };
}

/**
 * Brings the shared roll-call card (if the roll is open) up to `snapshot`, and announces a change of
 * quorum. Also used when an apology arrives while the roll is open.
 */
export function updateSharedRollCard(req: Request, board: CachedBoard, snapshot: RollCallSnapshot, seq = nextSeq()): QuorumStatus {
  const status = evaluateQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  const roll = snapshot.roll;
  if (!roll) return status;
  if (roll.activityId) {
    // Built only if this state is the one the updater sends: most presses in a burst are coalesced away.
    req.deps.cards.request(targetOf(req, roll), roll.activityId, seq, async () => buildCard(board, snapshot, status));
  }
  const markKey = `${req.deps.config.tablePrefix}/${roll.partnershipId}/${roll.meetingId}`;
  if (snapshot.quorumMark?.quorate !== status.quorate && markedHere.get(markKey) !== status.quorate) {
    // Presses in the same burst see the same change: only the first in this process tries to mark it.
    markedHere.set(markKey, status.quorate);
    req.deps.background.run("quorum.announce", () => announce(req, board, roll, status, snapshot.quorumMark?.etag));
  }
  return status;
}

/** The quorum state this process last marked (or is marking) per roll call. */
const markedHere = new Map<string, boolean>();

async function announce(req: Request, board: CachedBoard, roll: RollCall, status: QuorumStatus, etag?: string): Promise<void> {
  const at = req.now.toISOString();
  // Only the writer that moves the mark announces: concurrent check-ins never say it twice.
  if (!(await req.deps.store.rollCalls.markQuorum(roll.partnershipId, roll.meetingId, status.quorate, at, etag))) return;
  await audit(req, roll.partnershipId, "quorum.changed", roll.meetingId, undefined, { quorate: status.quorate, count: status.count, at });
  if (!roll.activityId) return;
  const time = formatTime(at, board.partnership.timeZone);
  const counts = status.headline.replace(/^(Not quorate|Quorate): /, "");
  const text = status.quorate
    ? `The meeting became **quorate** at ${time}: ${counts}`
    : `The meeting is **no longer quorate** as of ${time}: ${counts} ${status.missingText}`;
  const target = targetOf(req, roll);
  await postWithRetry(req, roll.threaded ? threadOf(target, roll.activityId) : target, text.trim());
}

/** The announcement has been marked as made: keep trying (Teams' Retry-After first) until it is. */
async function postWithRetry(req: Request, target: ConversationTarget, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await req.deps.proactive.post(target, text);
      return;
    } catch (error) {
      const { status, retryAfterMs } = throttleOf(error);
      if (attempt >= 6 || (status !== undefined && status < 500 && status !== 429 && status !== 412)) throw error;
      await new Promise((resolve) => setTimeout(resolve, (retryAfterMs ?? 500 * 2 ** attempt) + Math.random() * 100));
    }
  }
}

const rollCards = new CardMemo<RollCallSnapshot, CachedBoard>();

function buildCard(board: CachedBoard, snapshot: RollCallSnapshot, status: QuorumStatus, viewer?: Member): AdaptiveCard {
  const isChair = viewer !== undefined && can(viewer, "callRoll");
  const own = viewer ? `You: ${attendanceWords(snapshot.attendance.find((a) => a.memberId === viewer.id), board.partnership.timeZone)}` : "";
  const base = rollCards.get(snapshot, board, isChair ? "chair" : "member", () => renderRollCard(board, snapshot, status, isChair, VIEWER_SLOT));
  return withViewerLine(base, own) ?? renderRollCard(board, snapshot, status, isChair, own);
}

function renderRollCard(board: CachedBoard, snapshot: RollCallSnapshot, status: QuorumStatus, isChair: boolean, viewerText: string): AdaptiveCard {
  const roll = snapshot.roll!;
  const zone = board.partnership.timeZone;
  const byMember = new Map(snapshot.attendance.map((a) => [a.memberId, a]));
  const active = board.roster.filter((m) => m.status === "active").sort((a, b) => a.name.localeCompare(b.name));
  const groups = GROUPS.map((g) => ({
    title: g.title,
    rows: active.filter((m) => m.category === g.category).map((m) => ({ name: m.name, organisation: m.organisation, status: attendanceWords(byMember.get(m.id), zone) })),
  }));
  const guests = snapshot.attendance.filter((a) => a.status === "in-attendance" && a.guestName);
  groups.push({
    title: "In attendance (guests, not counted)",
    rows: guests.map((g) => ({ name: g.guestName ?? "", organisation: g.guestOrganisation ?? "", status: attendanceWords(g, zone) })),
  });
  return rollCallCard({
    partnershipId: board.partnership.id,
    meetingId: roll.meetingId,
    meetingTitle: roll.meetingTitle,
    when: formatMeetingWhen(roll.startsAt, roll.endsAt, zone),
    where: roll.location,
    open: roll.state === "open",
    stateText:
      roll.state === "open"
        ? `Roll call open since ${formatTime(roll.openedAt, zone)}.`
        : `Roll call closed at ${formatTime(roll.closedAt ?? roll.openedAt, zone)}; late arrivals and departures are still recorded.`,
    quorate: status.quorate,
    headline: status.headline,
    missingText: status.missingText,
    groups,
    viewerText,
    chair: isChair,
    memberChoices: isChair ? active.map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })) : [],
    refreshUserIds: active.flatMap((m) => (m.teamsUserId ? [m.teamsUserId] : [])),
  });
}

// ---------------------------------------------------------------- helpers


const strip = (a: Attendance) => ({ status: a.status, arrivedAt: a.arrivedAt, leftAt: a.leftAt, substituteName: a.substituteName, guestName: a.guestName });

function targetOf(req: Request, roll: RollCall): ConversationTarget {
  return { serviceUrl: roll.serviceUrl, conversationId: roll.conversationId, tenantId: req.binding.tenantId };
}

function quorumSnapshot(board: CachedBoard, snapshot: RollCallSnapshot, status: QuorumStatus) {
  const present = snapshot.attendance.filter((a) => isPresent(a, { ...board.partnership.quorum, deputiesCount: true }));
  return { quorate: status.quorate, headline: status.headline, missing: status.missing, present: present.map((a) => a.memberId) };
}

const isCached = <T>(x: T | Outcome): x is T => (x as Outcome).notice === undefined && (x as Outcome).card === undefined;

async function cachedBoard(req: Request, cardPartnershipId: string): Promise<CachedBoard | Outcome> {
  if (req.scope === "personal") return say("The roll call is in the board's channel.");
  const partnershipId = channelPartnershipId(req);
  if (cardPartnershipId !== partnershipId) return say("That card belongs to another board, so nothing was recorded.");
  const board = await req.deps.boards.get(partnershipId);
  return board ?? say("This channel isn't set up for a partnership board.");
}

async function chairBoard(req: Request, cardPartnershipId: string): Promise<{ board: CachedBoard; actor: MemberRecord } | Outcome> {
  const board = await cachedBoard(req, cardPartnershipId);
  if (!isCached(board)) return board;
  const actor = await cachedActor(req, board);
  if (!actor || !can(actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can do that.`);
  return { board, actor };
}
