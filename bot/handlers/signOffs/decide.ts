// Deciding a sign-off: closed once when its tally is settled or its deadline passes, and said once in the channel.
import { Member, Partnership } from "../../domain/types";
import { SignOff, SignOffSnapshot } from "../../../storage/signOffTable";
import { CachedBoard } from "../../boardCache";
import { Deps } from "../../deps";
import { evaluateQuorum } from "../../rules/quorum";
import { Tally, voterKey } from "../../rules/signOff";
import { formatDate, formatTime, todayIn } from "../../rules/zonedTime";
import { threadOf } from "../../teams/proactive";
import { cardFor, shareCard, tallyOf, tallyWords } from "./card";
import { messageMember, tellManagers } from "../../memberMessages";

/** Closes the vote (once, whoever gets there first), stores the result and says it once in the thread. */
export async function finish(deps: Deps, board: CachedBoard, seen: SignOffSnapshot, tally: Tally, tenantId: string): Promise<void> {
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
      const unreachable: Member[] = [];
      for (const member of board.roster) {
        const key = voterKey(member, header.rule);
        if (!key || voted.has(key) || !(key in header.eligible)) continue;
        if (!(await deps.store.signOffs.claimMarker(partnership.id, header.id, `remind-${member.id}`, now.toISOString()))) continue;
        const card = cardFor(board, snapshot, member, `Reminder: ${header.eligible[key]} has not voted yet. Voting closes ${formatDate(header.deadline, partnership.timeZone)} at ${formatTime(header.deadline, partnership.timeZone)}.`);
        if ((await messageMember(deps, partnership, member, card)).reached) sent++;
        else unreachable.push(member);
      }
      await tellManagers(deps, partnership, board.roster, unreachable, `them the reminder to vote on "${header.title}"`);
    }
  }
  return sent;
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
