// Sign-off votes: live in the channel, one vote per statutory organisation by default, decided by a
// plain function, and carried on after an inquorate meeting by circulating the meeting's items.
import { createHash } from "node:crypto";
import { z } from "zod";
import { Partnership } from "../../domain/types";
import { meetingIdFor } from "../../../storage/keys";
import { SignOff } from "../../../storage/signOffTable";
import { audit } from "../../audit";
import { StorageUnavailableError } from "../../../storage/errors";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";
import { eligibleVoters } from "../../rules/signOff";
import { parseSignOffText } from "../../rules/signOffText";
import { todayIn, zonedInstant } from "../../rules/zonedTime";
import { ConversationTarget } from "../../teams/proactive";
import { cardFor } from "./card";
import { createInput } from "./inputs";

export const DEFAULT_DAYS = 14;

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

export async function openSignOff(
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
  // One left without its card (Teams failed and the undo failed too) is finished now, not started twice.
  const orphan = (await req.deps.store.signOffs.list(board.partnership.id)).find((o) => o.state === "open" && !o.card && o.title === draft.title);
  if (orphan) return (await postCard(req, board, orphan)) ? orphan : NOT_POSTED(orphan.title, false);
  if (!(await req.deps.store.signOffs.create(signOff))) return signOff;
  if (!(await postCard(req, board, signOff))) {
    // Nobody can vote on a sign-off without its card: undo it, and say which happened.
    const undone = await req.deps.store.signOffs.remove(signOff.partnershipId, signOff.id).then(() => true, () => false);
    return NOT_POSTED(signOff.title, undone);
  }
  await audit(req, board.partnership.id, "signoff.opened", signOff.id, undefined, { title: signOff.title, deadline, rule: signOff.rule, meetingId: draft.meetingId });
  return signOff;
}

const NOT_POSTED = (title: string, undone: boolean) =>
  undone
    ? `I couldn't post the card for "${title}" in the channel (Teams didn't take it), so the sign-off was not started and nothing was changed. Please try again.`
    : `"${title}" was saved, but its card couldn't be posted, so nobody can vote on it yet. Start it again with the same title to post its card.`;

/** Posts the sign-off's card and stores where it is; false if Teams would not take it. */
async function postCard(req: Request, board: Board, signOff: SignOff): Promise<boolean> {
  const target = channelOf(board.partnership);
  let activityId: string | undefined;
  try {
    activityId = await req.deps.proactive.post(target, cardFor(board, { signOff, votes: [] }));
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    req.deps.log.error("signoff.card_post_failed", { partnershipId: signOff.partnershipId, signOffId: signOff.id, error });
    return false;
  }
  if (!activityId) return false;
  signOff.card = { conversationId: target.conversationId, activityId, serviceUrl: target.serviceUrl };
  await req.deps.store.signOffs.saveHeader(signOff);
  return true;
}

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

const channelOf = (p: Partnership): ConversationTarget => ({ serviceUrl: p.channel.serviceUrl, conversationId: p.channel.conversationId, tenantId: p.channel.tenantId });
