// Voting from the sign-off card, the card's refresh, and `sign-offs`.
import { z } from "zod";
import { signOffListCard } from "../../../cards/signOffCard";
import { SignOff, Vote } from "../../../storage/signOffTable";
import { Board, cachedActor, channelPartnershipId, forEachBoard, isBoard, loadBoard } from "../../board";
import { CachedBoard } from "../../boardCache";
import { Outcome, say } from "../../outcome";
import { isLate, Request } from "../../request";
import { can } from "../../rules/permissions";
import { voterKey } from "../../rules/signOff";
import { formatDate } from "../../rules/zonedTime";
import { refInput, voteInput } from "./inputs";
import { cardFor, shareCard, tallyOf } from "./card";
import { finish } from "./decide";

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
  if (isLate(req)) {
    // Pressed long ago (Teams redelivering it): a vote cast for the organisation since then stands,
    // and this one changes nothing. Only such presses pay this read.
    const current = await req.deps.store.signOffs.read(board.partnership.id, header.id);
    const standing = current.votes.find((v) => v.voterKey === key);
    if (standing && standing.at > req.pressedAt.toISOString()) return { card: cardFor(board, current, actor) };
  }
  // The audit entry goes in the vote's own batch: it survives the process dying after the answer.
  const entry = { partnershipId: board.partnership.id, at: vote.at, actor: req.userKey, action: "signoff.voted", target: `${header.id}/${actor.id}`, after: { option: vote.option, organisation: header.eligible[key] } };
  const written = await req.deps.store.signOffs.vote(board.partnership.id, header.id, vote, entry);
  if (written === "closed") return say("Voting on that sign-off has closed. Nothing was recorded.");

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
/** `sign-offs`: open and recent ones; in a 1:1 chat, for every board the person is on, one card each. */
export function listSignOffs(req: Request): Promise<Outcome> {
  return forEachBoard(req, (board) => signOffsOf(req, board));
}

async function signOffsOf(req: Request, board: Board): Promise<Outcome> {
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
