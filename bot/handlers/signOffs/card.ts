// The sign-off card: the tally in words, each viewer's own line, and the shared copy kept up to date.
import { signOffCard } from "../../../cards/signOffCard";
import { AdaptiveCard } from "../../../cards/render";
import { CardMemo, VIEWER_SLOT, withViewerLine } from "../../../cards/viewerSlot";
import { SignOffSnapshot } from "../../../storage/signOffTable";
import { MemberRecord } from "../../../storage/store";
import { CachedBoard } from "../../boardCache";
import { Deps } from "../../deps";
import { decide, describeVoters, describePass, OPTION_WORDS, Tally, voterKey } from "../../rules/signOff";
import { formatDate, formatTime } from "../../rules/zonedTime";
import { nextSeq } from "../../snapshotSeq";

export function tallyOf(snapshot: SignOffSnapshot, now: Date): Tally {
  const s = snapshot.signOff!;
  const votes = new Map(snapshot.votes.map((v) => [v.voterKey, v.option]));
  const tally = decide(Object.keys(s.eligible), votes, s.rule, now, new Date(s.deadline));
  return s.state === "open" ? tally : { ...tally, state: s.state };
}

export const tallyWords = (t: Tally) =>
  `${t.approvals} approved, ${t.rejections} rejected, ${t.abstentions} abstained, ${t.notVoted} not voted; ${t.needed} approvals needed`;

const signOffCards = new CardMemo<SignOffSnapshot, CachedBoard>();

/** The sign-off card as `viewer` sees it: built once per snapshot, the viewer's own line swapped in. */
export function cardFor(board: CachedBoard, snapshot: SignOffSnapshot, viewer?: MemberRecord, note?: string): AdaptiveCard {
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
    votersText: describeVoters(s.rule),
    passText: describePass(s.rule, Object.keys(s.eligible).length),
    deadlineText: `${formatDate(s.deadline, zone)}, ${formatTime(s.deadline, zone)}`,
    tallyText: tallyWords(tally),
    rows,
    viewerText,
    refreshUserIds: board.roster.flatMap((m) => (m.teamsUserId && voterKey(m, s.rule) && (voterKey(m, s.rule)! in s.eligible) ? [m.teamsUserId] : [])),
  });
}

export function shareCard(deps: Deps, board: CachedBoard, snapshot: SignOffSnapshot): void {
  const s = snapshot.signOff!;
  if (!s.card) return;
  // Another instance may have changed it since this snapshot: the updater reads afresh when it must.
  const reload = async () => {
    const fresh = await deps.store.signOffs.read(s.partnershipId, s.id);
    return fresh.signOff ? cardFor(board, fresh) : undefined;
  };
  deps.cards.request({ serviceUrl: s.card.serviceUrl, conversationId: s.card.conversationId }, s.card.activityId, nextSeq(), async () => cardFor(board, snapshot), reload);
}
