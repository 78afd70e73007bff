// After apologies change: the live roll call shows them, and a quorum that can no longer be met is flagged.
import { Meeting } from "../../domain/types";
import { audit } from "../../audit";
import { Board } from "../../board";
import { Request } from "../../request";
import { forecastQuorum } from "../../rules/forecast";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { updateSharedRollCard } from "../rollCall/afterChange";
import { nextSeq } from "../../snapshotSeq";
import { messageMember, tellManagers } from "../../memberMessages";

/** The live roll call shows the apology at once; a quorum that can no longer be met is flagged once. */
export async function afterApologies(req: Request, board: Board, meeting: Meeting): Promise<void> {
  const snapshot = await req.deps.store.rollCalls.read(board.partnership.id, meeting.id);
  if (snapshot.roll) updateSharedRollCard(req, board, snapshot, nextSeq());
  const forecast = forecastQuorum(board.roster, snapshot.attendance, board.partnership.quorum);
  if (forecast.canBeQuorate || snapshot.roll) return;
  if (!(await req.deps.store.rollCalls.claimMarker(board.partnership.id, meeting.id, "forecast", req.now.toISOString()))) return;
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, board.partnership.timeZone);
  const text =
    `${board.partnership.name}: **${meeting.title}, ${when}, can no longer be quorate** on the apologies received: at most ${forecast.best} ` +
    `${board.partnership.quorum.count} can be there, ${forecast.required} needed. Chase a deputy from: ${forecast.lost.join(", ")}.`;
  const recipients = board.roster.filter((m) => m.status === "active" && (m.role === "chair" || m.role === "manager"));
  req.deps.background.run("forecast.notify", async () => {
    const unreachable: typeof recipients = [];
    // Whether or not they have ever spoken to the bot: their 1:1 chat is created if need be.
    for (const person of recipients) if (!(await messageMember(req.deps, board.partnership, person, text)).reached) unreachable.push(person);
    await tellManagers(req.deps, board.partnership, board.roster, unreachable, "them the quorum forecast");
  });
  await audit(req, board.partnership.id, "forecast.inquorate", meeting.id, undefined, { best: forecast.best, required: forecast.required, lost: forecast.lost });
}
