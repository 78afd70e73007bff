// After an inquorate meeting: the chair is offered, and can circulate, the meeting's items for sign-off.
import { z } from "zod";
import { choiceCard } from "../../../cards/choiceCard";
import { isBoard, loadBoard } from "../../board";
import { CachedBoard } from "../../boardCache";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { formatDate, todayIn } from "../../rules/zonedTime";
import { ConversationTarget } from "../../teams/proactive";
import { DEFAULT_DAYS, openSignOff } from "./start";
import { circulateInput } from "./inputs";

/** Offered to the chair when a roll call closes not quorate: one card, the meeting's sign-off items. */
export async function offerCirculation(req: Request, board: CachedBoard, meetingId: string, target: ConversationTarget): Promise<void> {
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, meetingId))?.value;
  const items = meeting?.agenda.filter((a) => a.forSignOff) ?? [];
  if (!meeting || items.length === 0) return;
  const deadline = todayIn(board.partnership.timeZone, new Date(req.now.getTime() + DEFAULT_DAYS * 86_400_000));
  await req.deps.proactive.post(target, {
    ...choiceCard({
      title: "The meeting was not quorate. Circulate its sign-off items to the statutory partners?",
      lines: items.map((i) => `${i.ref} ${i.title}`),
      buttons: [{ title: `Circulate (deadline ${formatDate(`${deadline}T12:00:00Z`, board.partnership.timeZone)})`, verb: "signoff.circulate", data: { partnershipId: board.partnership.id, meetingId, deadlineDate: deadline } }],
    }),
  });
}

export async function circulate(req: Request, input: z.infer<typeof circulateInput>): Promise<Outcome> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!board.actor || !(board.actor.role === "chair" || board.actor.role === "manager")) return say("Only the chair or the partnership manager can circulate items for sign-off.");
  const meeting = (await req.deps.store.meetings.get(board.partnership.id, input.meetingId))?.value;
  if (!meeting) return say("That meeting doesn't exist. Nothing was circulated.");
  const items = meeting.agenda.filter((a) => a.forSignOff);
  const started: string[] = [];
  for (const item of items) {
    const result = await openSignOff(req, board, {
      title: `${item.title} (item ${item.ref}, ${formatDate(meeting.startsAt, board.partnership.timeZone)})`,
      deadlineDate: input.deadlineDate,
      rule: { voters: "statutory-organisations", pass: { kind: "majority" } },
      meetingId: meeting.id,
      salt: `${meeting.id}/${item.ref}`,
    });
    if (typeof result !== "string") started.push(item.ref);
  }
  return say(`Circulated ${started.length} item(s) for sign-off to the statutory partners.`);
}
