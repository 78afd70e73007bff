import { audit } from "../../audit";
import { DEFAULT_REGISTER_MEETINGS, PaperRequest } from "../../papers/files";
import { chooseMeeting } from "../../rules/papers/whichMeeting";
import { can } from "../../rules/permissions";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { Request } from "../../request";
import { BoardAccess, Refusal } from "../access";
import { boardHeader } from "./common";

/**
 * Papers: download links for the draft minutes of the latest meeting whose roll was called (manager,
 * chair, vice-chair), the attendance register and the action log (members). The links are the signed,
 * short-lived ones the bot's cards carry, made for this request and never stored.
 */
export async function papersView(req: Request, access: BoardAccess) {
  const { board, member } = access;
  const p = board.partnership;
  if (!can(member, "viewPapers")) return { status: 403, message: "Only members of this board can have its papers." } satisfies Refusal;
  const link = (paper: PaperRequest) => req.deps.links.url({ partnershipId: p.id, ...paper }, req.now);
  const papers: { title: string; detail: string; links: { label: string; url?: string }[] }[] = [];
  if (can(member, "draftMinutes")) {
    const choice = chooseMeeting(await req.deps.store.meetings.list(p.id), "", p.timeZone, req.now);
    if ("meeting" in choice) {
      const m = choice.meeting;
      papers.push({
        title: "Draft minutes",
        detail: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, p.timeZone)}: from the roll call, the agenda, the actions and the sign-offs.`,
        links: [
          { label: "Draft minutes (Word)", url: link({ kind: "minutes-docx", meetingId: m.id }) },
          { label: "Draft minutes (Markdown)", url: link({ kind: "minutes-md", meetingId: m.id }) },
        ],
      });
    }
  }
  papers.push({
    title: "Attendance register",
    detail: `Every member at the last ${DEFAULT_REGISTER_MEETINGS} meetings held, in council words, with percentages.`,
    links: [
      { label: "Attendance register (CSV)", url: link({ kind: "register-csv", last: DEFAULT_REGISTER_MEETINGS }) },
      { label: "Attendance register (Excel)", url: link({ kind: "register-xlsx", last: DEFAULT_REGISTER_MEETINGS }) },
    ],
  });
  papers.push({ title: "Action log", detail: "Every action: reference, words, owners, where raised, due, status and the latest note.", links: [{ label: "Action log (CSV)", url: link({ kind: "actions-csv" }) }] });
  const linked = papers.every((x) => x.links.every((l) => l.url !== undefined));
  if (linked) await audit(req, p.id, "papers.links_made", "tab", undefined, papers.flatMap((x) => x.links.map((l) => l.label)));
  return {
    board: boardHeader(access),
    papers: linked ? papers : [],
    footnote: linked
      ? "The links work for 15 minutes: open Papers again for new ones."
      : "This Quorate has no public address (PUBLIC_URL) for download links: say minutes, attendance register or export actions to the bot in a 1:1 chat for the files.",
  };
}
