import { decide, describePass, describeVoters, OPTION_WORDS } from "../../rules/signOff";
import { formatDate, formatTime } from "../../rules/zonedTime";
import { Request } from "../../request";
import { BoardAccess } from "../access";
import { boardHeader } from "./common";

/** Decided sign-offs shown beside the open ones (the newest first). */
const DECIDED_SHOWN = 20;

const STATE_WORDS = { open: "Open", approved: "Approved", rejected: "Not approved", expired: "Expired without a decision" } as const;

/** Sign-offs: open and decided, each with its tally by organisation and its deadline. */
export async function signOffsView(req: Request, access: BoardAccess) {
  const p = access.board.partnership;
  const zone = p.timeZone;
  const all = await req.deps.store.signOffs.list(p.id);
  const open = all.filter((s) => s.state === "open").sort((a, b) => a.deadline.localeCompare(b.deadline));
  const decided = all.filter((s) => s.state !== "open").sort((a, b) => (b.decidedAt ?? b.deadline).localeCompare(a.decidedAt ?? a.deadline)).slice(0, DECIDED_SHOWN);
  const shown = [...open, ...decided];
  const snapshots = await Promise.all(shown.map((s) => req.deps.store.signOffs.read(p.id, s.id)));
  return {
    board: boardHeader(access),
    signOffs: shown.map((s, i) => {
      const votes = new Map((snapshots[i]?.votes ?? []).map((v) => [v.voterKey, v]));
      const tally = decide(Object.keys(s.eligible), new Map([...votes].map(([k, v]) => [k, v.option])), s.rule, req.now, new Date(s.deadline));
      return {
        id: s.id,
        title: s.title,
        link: s.link,
        state: s.state,
        stateText: s.state === "open" ? `Open: ${tally.moreNeeded} more approval${tally.moreNeeded === 1 ? "" : "s"} needed` : `${STATE_WORDS[s.state]} on ${formatDate(s.decidedAt ?? s.deadline, zone)}`,
        deadline: `${formatDate(s.deadline, zone)}, ${formatTime(s.deadline, zone)}`,
        voters: describeVoters(s.rule),
        passes: describePass(s.rule, Object.keys(s.eligible).length),
        tally: `${tally.approvals} approved, ${tally.rejections} rejected, ${tally.abstentions} abstained, ${tally.notVoted} not voted; ${tally.needed} approvals needed`,
        rows: Object.entries(s.eligible)
          .sort((a, b) => a[1].localeCompare(b[1]))
          .map(([key, name]) => {
            const v = votes.get(key);
            return { voter: name, vote: v ? `${OPTION_WORDS[v.option]}${v.comment ? `: ${v.comment}` : ""} (${v.memberName})` : "Yet to vote" };
          }),
      };
    }),
  };
}
