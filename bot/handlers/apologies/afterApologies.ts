// After apologies change: the live roll call shows them, and a quorum that can no longer be met is flagged.
import { Meeting } from "../../domain/types";
import { audit } from "../../audit";
import { Board } from "../../board";
import { Request } from "../../request";
import { forecastQuorum } from "../../rules/forecast";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { updateSharedRollCard } from "../rollCall/afterChange";
import { nextSeq } from "../../snapshotSeq";

/** The live roll call shows the apology at once; a quorum that can no longer be met is flagged once. */
export async function afterApologies(req: Request, board: Board, meeting: Meeting): Promise<void> {
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  if (snapshot.roll) updateSharedRollCard(req, board, snapshot, nextSeq());
  const forecast = forecastQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  if (forecast.canBeQuorate || snapshot.roll) return;
  if (!(await req.deps.store.rollCalls.claimMarker(board.partnership.id, meeting.id, "forecast", req.now.toISOString()))) return;
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone);
  const text =
    `**${meeting.title}, ${when}, can no longer be quorate** on the apologies received: at most ${forecast.best} ` +
    `${board.partnership.quorum.count} can be there, ${forecast.required} needed. Chase a deputy from: ${forecast.lost.join(", ")}.`;
  const recipients = board.roster.filter((m) => m.status === "active" && (m.role === "chair" || m.role === "manager") && m.teamsUserId);
  req.deps.background.run("forecast.notify", async () => {
    for (const person of recipients) {
      await req.deps.proactive.postToPerson({ teamsUserId: person.teamsUserId!, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl }, text);
    }
  });
  await audit(req, board.partnership.id, "forecast.inquorate", meeting.id, undefined, { best: forecast.best, required: forecast.required, lost: forecast.lost });
}
