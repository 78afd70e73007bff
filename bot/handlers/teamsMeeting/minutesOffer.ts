import { choiceCard } from "../../../cards/choiceCard";
import { CachedBoard } from "../../boardCache";
import { Meeting } from "../../domain/types";
import { Request } from "../../request";
import { formatDate } from "../../rules/zonedTime";

// When the Teams meeting ends, the partnership manager is offered the draft minutes in their 1:1 chat.
// Once per meeting across every instance (a claimed marker), to each active manager Teams can reach.

export async function offerMinutes(req: Request, board: CachedBoard, meeting: Meeting): Promise<void> {
  const pid = board.partnership.id;
  if (!(await req.deps.store.rollCalls.claimMarker(pid, meeting.id, "teams-minutes", req.now.toISOString()))) return;
  const managers = board.roster.filter((m) => m.status === "active" && m.role === "manager" && m.teamsUserId);
  if (managers.length === 0) {
    req.deps.log.info("minutes.offer_nobody", { partnershipId: pid, meetingId: meeting.id });
    return;
  }
  const day = formatDate(meeting.startsAt, board.partnership.timeZone);
  // The button runs the papers' own `minutes` for this meeting (checked again when pressed).
  const card = choiceCard({
    title: `${meeting.title} (${day}) has ended: draft its minutes?`,
    lines: [
      "The roll call closed when the Teams meeting ended, and the quorum at that moment is stored for the minutes.",
      `The button drafts them as Word and Markdown; or say **minutes ${day}** here.`,
    ],
    buttons: [{ title: "Draft the minutes", verb: "papers.minutes", data: { partnershipId: pid, meetingId: meeting.id } }],
  });
  const results = await Promise.allSettled(
    managers.map((m) =>
      req.deps.proactive.postToPerson({ teamsUserId: m.teamsUserId!, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl }, card),
    ),
  );
  const failed = results.filter((r) => r.status === "rejected").length;
  if (failed === results.length) {
    // Nobody got it: give the claim back so the next end event (or a retry) can offer it again.
    await req.deps.store.rollCalls.releaseMarker(pid, meeting.id, "teams-minutes").catch(() => undefined);
    req.deps.log.warn("minutes.offer_failed", { partnershipId: pid, meetingId: meeting.id });
  }
}
