// The roll-call card: members by category with their attendance, the quorum, and the chair's controls.
import { rollCallCard } from "../../../cards/rollCallCard";
import { AdaptiveCard } from "../../../cards/render";
import { CardMemo, VIEWER_SLOT, withViewerLine } from "../../../cards/viewerSlot";
import { Category, Member } from "../../domain/types";
import { RollCallSnapshot } from "../../../storage/rollCallTable";
import { CachedBoard } from "../../boardCache";
import { attendanceWords } from "../../rules/attendanceWords";
import { can } from "../../rules/permissions";
import { QuorumStatus } from "../../rules/quorum";
import { formatMeetingWhen, formatTime } from "../../rules/zonedTime";

const GROUPS: { category: Category; title: string }[] = [
  { category: "statutory", title: "Statutory" },
  { category: "non-statutory", title: "Non-statutory" },
  { category: "ex-officio", title: "Ex-officio" },
  { category: "co-opted", title: "Co-opted" },
];

const rollCards = new CardMemo<RollCallSnapshot, CachedBoard>();

export function buildCard(board: CachedBoard, snapshot: RollCallSnapshot, status: QuorumStatus, viewer?: Member): AdaptiveCard {
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
