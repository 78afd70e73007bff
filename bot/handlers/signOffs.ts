import { createHash } from "node:crypto";
import { z } from "zod";
import { choiceCard } from "../../cards/choiceCard";
import { signOffCard, signOffListCard } from "../../cards/signOffCard";
import { AdaptiveCard } from "../../cards/render";
import { CardMemo, VIEWER_SLOT, withViewerLine } from "../../cards/viewerSlot";
import { Partnership } from "../domain/types";
import { MEETING_ID, meetingIdFor } from "../../storage/keys";
import { SignOff, SignOffSnapshot, Vote } from "../../storage/signOffTable";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, cachedActor, channelPartnershipId, isBoard, loadBoard } from "../board";
import { CachedBoard } from "../boardCache";
import { Deps } from "../deps";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { can, whoCan } from "../rules/permissions";
import { evaluateQuorum } from "../rules/quorum";
import { decide, describeSignOffRule, eligibleVoters, needsComment, OPTION_WORDS, Tally, VOTE_OPTIONS, voterKey } from "../rules/signOff";
import { parseSignOffText } from "../rules/signOffText";
import { formatDate, formatTime, todayIn, zonedInstant } from "../rules/zonedTime";
import { ConversationTarget, threadOf } from "../teams/proactive";
import { nextSeq } from "../snapshotSeq";

// Sign-off votes: live in the channel, one vote per statutory organisation by default, decided by a
// plain function, and carried on after an inquorate meeting by circulating the meeting's items.

const DEFAULT_DAYS = 14;
const SIGN_OFF_ID = MEETING_ID; // same shape: a sortable time and a short suffix

export const voteInput = z
  .object({
    partnershipId: z.string().max(40),
    signOffId: z.string().regex(SIGN_OFF_ID, "That card does not name a sign-off."),
    option: z.enum(VOTE_OPTIONS, "That isn't one of the options: approve, approve with amendments, reject or abstain."),
    comment: z.string().trim().max(1000, "A comment can be at most 1000 characters.").optional(),
  })
  .refine((v) => !needsComment(v.option) || Boolean(v.comment), {
    message: "Say what needs changing, or why you reject it: a comment is needed for that vote",
  });
export const refInput = z.object({ partnershipId: z.string().max(40), signOffId: z.string().regex(SIGN_OFF_ID, "That card does not name a sign-off.") });
export const circulateInput = z.object({
  partnershipId: z.string().max(40),
  meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting."),
  deadlineDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a deadline."),
});

// ---------------------------------------------------------------- starting one

/** `sign-off "Annual report 2023/24" https://… by 8 April` (chair or manager). */
export async function startSignOff(req: Request, text: string): Promise<Outcome> {
  if (req.scope === "personal") return say("Start sign-offs in the board's channel, where the board votes.");
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can start a sign-off.`);
  const parsed = parseSignOffText(text, { timeZone: board.partnership.timeZone, now: req.now });
  if (!parsed.ok) return say(parsed.message);
  const created = await openSignOff(req, board, { ...parsed.draft, salt: req.context.activity.id ?? req.now.toISOString() });
  return typeof created === "string" ? say(created) : {};
}

async function openSignOff(
  req: Request,
  board: Board,
  draft: { title: string; link?: string; deadlineDate?: string; rule: SignOff["rule"]; meetingId?: string; salt: string },
): Promise<SignOff | string> {
  const zone = board.partnership.timeZone;
  const deadlineDay = draft.deadlineDate ?? todayIn(zone, new Date(req.now.getTime() + DEFAULT_DAYS * 86_400_000));
  const deadline = zonedInstant(deadlineDay, "23:59", zone);
  if (!deadline) return `There is no such deadline as ${deadlineDay}.`;
  const eligible = Object.fromEntries(eligibleVoters(board.roster, draft.rule));
  if (Object.keys(eligible).length === 0) return "Nobody on the roster could vote on that: add statutory members first.";
  const signOff: SignOff = {
    partnershipId: board.partnership.id,
    // Derived from the request, so a redelivered request finds the sign-off it made.
    id: meetingIdFor(req.now.toISOString(), createHash("sha256").update(draft.salt).digest("hex").slice(0, 6)),
    title: draft.title,
    link: draft.link,
    deadline,
    rule: draft.rule,
    eligible,
    state: "open",
    createdBy: board.actor?.id ?? req.userKey,
    createdAt: req.now.toISOString(),
    meetingId: draft.meetingId,
    threaded: Boolean(board.partnership.channel.teamId) || req.scope === "channel",
  };
  if (!(await req.deps.store.signOffs.create(signOff))) return signOff;
  const target = channelOf(board.partnership);
  const activityId = await req.deps.proactive.post(target, cardFor(board, { signOff, votes: [] }));
  if (activityId) {
    signOff.card = { conversationId: target.conversationId, activityId, serviceUrl: target.serviceUrl };
    await req.deps.store.signOffs.saveHeader(signOff);
  }
  await audit(req, board.partnership.id, "signoff.opened", signOff.id, undefined, { title: signOff.title, deadline, rule: signOff.rule, meetingId: draft.meetingId });
  return signOff;
}

export const createInput = z
  .object({
    partnershipId: z.string().max(40),
    title: z.string().trim().min(1, "Give the sign-off a title.").max(200, "A sign-off's title can be at most 200 characters."),
    link: z.union([z.string().trim().url("Give the link as https://…").startsWith("https://", "Give the link as https://…").max(2000), z.literal("")]).default(""),
    deadlineDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
    voters: z.enum(["statutory-organisations", "all-members"]).default("statutory-organisations"),
    pass: z.enum(["majority", "unanimous", "at-least"]).default("majority"),
    atLeast: z.union([z.coerce.number().int().min(1).max(500), z.literal("")]).default(""),
  })
  .refine((i) => i.pass !== "at-least" || i.atLeast !== "", { message: "Say how many approvals are needed" });

/** The "Start a sign-off" form on the sign-offs card. */
export async function startFromForm(req: Request, input: z.infer<typeof createInput>): Promise<Outcome> {
  if (req.scope === "personal") return say("Start sign-offs in the board's channel, where the board votes.");
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can start a sign-off.`);
  if (input.deadlineDate && input.deadlineDate < todayIn(board.partnership.timeZone, req.now)) return say("That deadline has passed. Nothing was started.");
  const pass = input.pass === "at-least" ? { kind: "at-least" as const, count: Number(input.atLeast) } : { kind: input.pass };
  const created = await openSignOff(req, board, {
    title: input.title,
    link: input.link || undefined,
    deadlineDate: input.deadlineDate || undefined,
    rule: { voters: input.voters, pass },
    salt: req.context.activity.id ?? req.now.toISOString(),
  });
  return typeof created === "string" ? say(created) : say(`Sign-off started: ${created.title}.`);
}

// ---------------------------------------------------------------- voting

/**
 * A vote: the sign-off's rule from memory (it never changes), one batch that lands only while the
 * sign-off is open, one partition read for the tally. The latest vote of an organisation stands.
 */
export async function castVote(req: Request, input: z.infer<typeof voteInput>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (typeof board === "string") return say(board);
  const actor = await cachedActor(req, board);
  if (!actor) return say("You're not on this board's roster, so you can't vote. Nothing was recorded.");
  const header = await headerOf(req, board.partnership.id, input.signOffId);
  if (!header) return say("That sign-off doesn't exist. Nothing was recorded.");
  const key = voterKey(actor, header.rule);
  if (!key || !(key in header.eligible)) {
    return say(header.rule.voters === "statutory-organisations" ? "Only statutory members vote on this sign-off, one vote per organisation. Nothing was recorded." : "You're not eligible to vote on this sign-off. Nothing was recorded.");
  }
  const vote: Vote = { voterKey: key, option: input.option, comment: input.comment || undefined, memberId: actor.id, memberName: actor.name, at: req.now.toISOString() };
  const written = await req.deps.store.signOffs.vote(board.partnership.id, header.id, vote);
  if (written === "closed") return say("Voting on that sign-off has closed. Nothing was recorded.");
  req.deps.background.run("audit.vote", () => audit(req, board.partnership.id, "signoff.voted", `${header.id}/${actor.id}`, undefined, { option: vote.option, organisation: header.eligible[key] }));

  const snapshot = await req.deps.store.signOffs.read(board.partnership.id, header.id);
  const tally = tallyOf(snapshot, req.now);
  if (tally.state !== "open") await finish(req.deps, board, snapshot, tally, req.binding.tenantId);
  else shareCard(req.deps, board, snapshot);
  const after = tally.state === "open" ? snapshot : await req.deps.store.signOffs.read(board.partnership.id, header.id);
  return { card: cardFor(board, after, actor) };
}

export async function refreshSignOff(req: Request, input: z.infer<typeof refInput>): Promise<Outcome> {
  const board = await cachedBoard(req, input.partnershipId);
  if (typeof board === "string") return say(board);
  const snapshot = await req.deps.store.signOffs.read(board.partnership.id, input.signOffId);
  if (!snapshot.signOff) return say("That sign-off doesn't exist.");
  const viewer = board.roster.find((m) => m.aadObjectId === req.userKey && m.status === "active");
  return { card: cardFor(board, snapshot, viewer) };
}

/** `sign-offs`: the open ones and those decided in the last 30 days. */
export async function listSignOffs(req: Request): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("Only members of this board can see its sign-offs.");
  const zone = board.partnership.timeZone;
  const since = new Date(req.now.getTime() - 30 * 86_400_000).toISOString();
  const all = (await req.deps.store.signOffs.list(board.partnership.id)).filter((s) => s.state === "open" || (s.decidedAt ?? s.createdAt) >= since);
  all.sort((a, b) => (a.state === "open" ? 0 : 1) - (b.state === "open" ? 0 : 1) || b.createdAt.localeCompare(a.createdAt));
  return {
    card: signOffListCard({
      partnershipId: board.partnership.id,
      title: `${board.partnership.name}: sign-offs`,
      lines: all.length
        ? all.map((s) => `**${s.title}**: ${s.state === "open" ? `open until ${formatDate(s.deadline, zone)}` : `${s.state} ${formatDate(s.decidedAt ?? s.deadline, zone)}`}`)
        : ["No open or recent sign-offs. Start one with: sign-off \"Annual report 2023/24\" by 8 April"],
      canStart: req.scope !== "personal" && can(board.actor, "raiseActions"),
    }),
  };
}

// ---------------------------------------------------------------- after an inquorate meeting

/** Offered to the chair when a roll call closes not quorate: one card, the meeting's sign-off items. */
export async function offerCirculation(req: Request, board: CachedBoard, meetingId: string, target: ConversationTarget): Promise<void> {
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, meetingId))?.value;
  const items = meeting?.agenda.filter((a) => a.forSignOff) ?? [];
  if (!meeting || items.length === 0) return;
  const deadline = todayIn(board.partnership.timeZone, new Date(req.now.getTime() + DEFAULT_DAYS * 86_400_000));
  await req.deps.proactive.post(target, {
    ...choiceCard({
      title: "The meeting was not quorate. Circulate its sign-off items to the statutory partners?",
      lines: items.map((i) => `${i.ref} ${i.title}`),
      buttons: [{ title: `Circulate (deadline ${formatDate(`${deadline}T12:00:00Z`, board.partnership.timeZone)})`, verb: "signoff.circulate", data: { partnershipId: board.partnership.id, meetingId, deadlineDate: deadline } }],
    }),
  });
}

export async function circulate(req: Request, input: z.infer<typeof circulateInput>): Promise<Outcome> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!board.actor || !(board.actor.role === "chair" || board.actor.role === "manager")) return say("Only the chair or the partnership manager can circulate items for sign-off.");
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value;
  if (!meeting) return say("That meeting doesn't exist. Nothing was circulated.");
  const items = meeting.agenda.filter((a) => a.forSignOff);
  const started: string[] = [];
  for (const item of items) {
    const result = await openSignOff(req, board, {
      title: `${item.title} (item ${item.ref}, ${formatDate(meeting.startsAt, board.partnership.timeZone)})`,
      deadlineDate: input.deadlineDate,
      rule: { voters: "statutory-organisations", pass: { kind: "majority" } },
      meetingId: meeting.id,
      salt: `${meeting.id}/${item.ref}`,
    });
    if (typeof result !== "string") started.push(item.ref);
  }
  return say(`Circulated ${started.length} item(s) for sign-off to the statutory partners.`);
}

// ---------------------------------------------------------------- deciding

/** Closes the vote (once, whoever gets there first), stores the result and says it once in the thread. */
async function finish(deps: Deps, board: CachedBoard, seen: SignOffSnapshot, tally: Tally, tenantId: string): Promise<void> {
  const signOff = seen.signOff!;
  if (!(await deps.store.signOffs.close(signOff.partnershipId, signOff.id))) return;
  // Votes that landed before the close count: decide again on what is now final.
  const final = await deps.store.signOffs.read(signOff.partnershipId, signOff.id);
  const now = deps.now();
  let result = tallyOf(final, now);
  if (result.state === "open") result = { ...result, state: tally.state === "expired" ? "expired" : tally.state };
  const decided: SignOff = { ...final.signOff!, state: result.state, decidedAt: now.toISOString(), quorumSnapshot: await quorumNow(deps, board, now) };
  await deps.store.signOffs.saveHeader(decided);
  const snapshot = { ...final, signOff: decided };
  shareCard(deps, board, snapshot);
  if (decided.card) {
    const target = { serviceUrl: decided.card.serviceUrl, conversationId: decided.card.conversationId, tenantId };
    const words = { approved: "approved", rejected: "not approved", expired: "expired without a decision", open: "open" }[result.state];
    await deps.proactive.post(decided.threaded ? threadOf(target, decided.card.activityId) : target, `**${decided.title}** is ${words}: ${tallyWords(result)}.`);
  }
  deps.log.info("signoff.decided", { partnershipId: decided.partnershipId, signOffId: decided.id, state: result.state });
}

/** Reminders two days before the deadline, and expiry at it; run by every instance's reminder round. */
export async function signOffRound(deps: Deps, partnerships: Partnership[], now: Date): Promise<number> {
  let sent = 0;
  for (const partnership of partnerships) {
    const open = (await deps.store.signOffs.list(partnership.id)).filter((s) => s.state === "open");
    if (open.length === 0) continue;
    const board = await deps.boards.get(partnership.id);
    if (!board) continue;
    for (const header of open) {
      const snapshot = await deps.store.signOffs.read(partnership.id, header.id);
      const tally = tallyOf(snapshot, now);
      if (tally.state !== "open") {
        await finish(deps, board, snapshot, tally, partnership.channel.tenantId);
        continue;
      }
      if (now.getTime() < Date.parse(header.deadline) - 2 * 86_400_000) continue;
      const voted = new Set(snapshot.votes.map((v) => v.voterKey));
      for (const member of board.roster) {
        const key = voterKey(member, header.rule);
        if (!key || voted.has(key) || !(key in header.eligible) || !member.teamsUserId) continue;
        if (!(await deps.store.signOffs.claimMarker(partnership.id, header.id, `remind-${member.id}`, now.toISOString()))) continue;
        await deps.proactive.postToPerson(
          { teamsUserId: member.teamsUserId, tenantId: partnership.channel.tenantId, serviceUrl: partnership.channel.serviceUrl },
          cardFor(board, snapshot, member, `Reminder: ${header.eligible[key]} has not voted yet. Voting closes ${formatDate(header.deadline, partnership.timeZone)} at ${formatTime(header.deadline, partnership.timeZone)}.`),
        );
        sent++;
      }
    }
  }
  return sent;
}

// ---------------------------------------------------------------- helpers

function tallyOf(snapshot: SignOffSnapshot, now: Date): Tally {
  const s = snapshot.signOff!;
  const votes = new Map(snapshot.votes.map((v) => [v.voterKey, v.option]));
  const tally = decide(Object.keys(s.eligible), votes, s.rule, now, new Date(s.deadline));
  return s.state === "open" ? tally : { ...tally, state: s.state };
}

const tallyWords = (t: Tally) =>
  `${t.approvals} approved, ${t.rejections} rejected, ${t.abstentions} abstained, ${t.notVoted} not voted; ${t.needed} approvals needed`;

const signOffCards = new CardMemo<SignOffSnapshot, CachedBoard>();

/** The sign-off card as `viewer` sees it: built once per snapshot, the viewer's own line swapped in. */
function cardFor(board: CachedBoard, snapshot: SignOffSnapshot, viewer?: MemberRecord, note?: string): AdaptiveCard {
  const own = note ?? (viewer ? viewerLine(snapshot, viewer) : "");
  const base = signOffCards.get(snapshot, board, "all", () => renderSignOffCard(board, snapshot, VIEWER_SLOT));
  return withViewerLine(base, own) ?? renderSignOffCard(board, snapshot, own);
}

function viewerLine(snapshot: SignOffSnapshot, viewer: MemberRecord): string {
  const s = snapshot.signOff!;
  const myKey = voterKey(viewer, s.rule);
  if (!myKey || !(myKey in s.eligible)) return "You don't vote on this one.";
  const mine = snapshot.votes.find((v) => v.voterKey === myKey);
  return mine ? `Your ${s.rule.voters === "all-members" ? "" : "organisation's "}vote: ${OPTION_WORDS[mine.option]} (${mine.memberName})` : "You have not voted yet.";
}

function renderSignOffCard(board: CachedBoard, snapshot: SignOffSnapshot, viewerText: string): AdaptiveCard {
  const s = snapshot.signOff!;
  const zone = board.partnership.timeZone;
  const tally = decide(Object.keys(s.eligible), new Map(snapshot.votes.map((v) => [v.voterKey, v.option])), s.rule, new Date(0), new Date(s.deadline));
  const votes = new Map(snapshot.votes.map((v) => [v.voterKey, v]));
  const rows = Object.entries(s.eligible)
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([key, name]) => {
      const v = votes.get(key);
      return { voter: name, vote: v ? `${OPTION_WORDS[v.option]}${v.comment ? `: ${v.comment}` : ""} (${v.memberName})` : "Yet to vote", pending: !v };
    });
  const open = s.state === "open";
  return signOffCard({
    partnershipId: s.partnershipId,
    signOffId: s.id,
    title: s.title,
    link: s.link,
    open,
    stateText: open
      ? `Open: ${tally.moreNeeded} more approval${tally.moreNeeded === 1 ? "" : "s"} needed`
      : `${s.state === "approved" ? "Approved" : s.state === "rejected" ? "Not approved" : "Expired without a decision"} on ${formatDate(s.decidedAt ?? s.deadline, zone)}`,
    tone: open ? "open" : s.state === "approved" ? "good" : s.state === "rejected" ? "bad" : "neutral",
    ruleText: describeSignOffRule(s.rule),
    deadlineText: `${formatDate(s.deadline, zone)}, ${formatTime(s.deadline, zone)}`,
    tallyText: tallyWords(tally),
    rows,
    viewerText,
    refreshUserIds: board.roster.flatMap((m) => (m.teamsUserId && voterKey(m, s.rule) && (voterKey(m, s.rule)! in s.eligible) ? [m.teamsUserId] : [])),
  });
}

function shareCard(deps: Deps, board: CachedBoard, snapshot: SignOffSnapshot): void {
  const s = snapshot.signOff!;
  if (!s.card) return;
  deps.cards.request({ serviceUrl: s.card.serviceUrl, conversationId: s.card.conversationId }, s.card.activityId, nextSeq(), async () => cardFor(board, snapshot));
}

/** The quorum at the moment of decision, when a meeting of the board is running today. */
async function quorumNow(deps: Deps, board: CachedBoard, now: Date): Promise<string | undefined> {
  const today = todayIn(board.partnership.timeZone, now);
  const meetings = await deps.store.meetings.query(`PartitionKey eq '${board.partnership.id}' and RowKey ge '${today.replace(/-/g, "")}'`, 5);
  const running = meetings.find((m) => (m.state === "roll-call-open" || m.state === "in-progress") && todayIn(board.partnership.timeZone, new Date(m.startsAt)) === today);
  if (!running) return undefined;
  const roll = await deps.store.rollCalls.read(board.partnership.id, running.id);
  const status = evaluateQuorum(board.roster, roll.attendance, board.partnership.quorum);
  return JSON.stringify({ meetingId: running.id, quorate: status.quorate, headline: status.headline, present: roll.attendance.filter((a) => !a.leftAt && a.status.startsWith("present")).map((a) => a.memberId) });
}

const headers = new Map<string, Promise<SignOff | undefined>>();
/** A sign-off's rule and voters never change after it opens: read once per process (and shared while in flight). */
function headerOf(req: Request, partnershipId: string, id: string): Promise<SignOff | undefined> {
  const key = `${req.deps.config.tablePrefix}/${partnershipId}/${id}`;
  const hit = headers.get(key);
  if (hit) return hit;
  if (headers.size > 5_000) headers.clear();
  const read = req.deps.store.signOffs.read(partnershipId, id).then((s) => s.signOff);
  headers.set(key, read);
  // Neither a failed read nor "no such sign-off" is remembered.
  read.then((found) => !found && headers.delete(key), () => headers.delete(key));
  return read;
}

async function cachedBoard(req: Request, cardPartnershipId: string): Promise<CachedBoard | string> {
  if (req.scope !== "personal" && cardPartnershipId !== channelPartnershipId(req)) return "That card belongs to another board, so nothing was recorded.";
  if (req.scope === "personal") {
    const board = await loadBoard(req, cardPartnershipId);
    return isBoard(board) ? board : board.notice ?? "I can't find that board.";
  }
  return (await req.deps.boards.get(cardPartnershipId)) ?? "This channel isn't set up for a partnership board.";
}

const channelOf = (p: Partnership): ConversationTarget => ({ serviceUrl: p.channel.serviceUrl, conversationId: p.channel.conversationId, tenantId: p.channel.tenantId });
