import { z } from "zod";
import { choiceCard } from "../../../cards/choiceCard";
import { MEETING_ID } from "../../../storage/keys";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { loadMinutesRecords } from "../../papers/load";
import { Request } from "../../request";
import { draftMinutes } from "../../rules/papers/minutes";
import { chooseMeeting } from "../../rules/papers/whichMeeting";
import { can, whoCan } from "../../rules/permissions";
import { formatMeetingWhen } from "../../rules/zonedTime";
import { deliverPapers } from "./deliver";

// `minutes [meeting]`: the draft minutes of a meeting as Word and Markdown, for the manager, the chair
// and the vice-chair. No meeting named: the latest one whose roll was called; not sure which: a question.

export const minutesInput = z.object({ partnershipId: z.string().max(40), meetingId: z.string().regex(MEETING_ID, "That card does not name a meeting.") });

export async function minutesFromText(req: Request, text: string): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "draftMinutes")) return say(`Only ${whoCan("draftMinutes")} can draft the minutes.`);
  const zone = board.partnership.timeZone;
  const choice = chooseMeeting(await req.deps.store.meetings.list(board.partnership.id), text, zone, req.now);
  if ("meeting" in choice) return minutesOf(req, board, choice.meeting.id);
  if (choice.candidates.length === 0) return say("There is no meeting to draft minutes for yet.");
  return {
    card: choiceCard({
      title: "Which meeting are the minutes for?",
      lines: [choice.named ? `I couldn't tell which meeting "${text.trim().slice(0, 80)}" is. Choose one:` : "No meeting has had its roll called yet. Choose one:"],
      buttons: choice.candidates.map((m) => ({ title: `${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, zone)}`, verb: "papers.minutes", data: { partnershipId: board.partnership.id, meetingId: m.id } })),
    }),
  };
}

export async function minutesFromCard(req: Request, input: z.infer<typeof minutesInput>): Promise<Outcome> {
  const board = await loadBoard(req, input.partnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "draftMinutes")) return say(`Only ${whoCan("draftMinutes")} can draft the minutes.`);
  return minutesOf(req, board, input.meetingId);
}

async function minutesOf(req: Request, board: Board, meetingId: string): Promise<Outcome> {
  const records = await loadMinutesRecords(req.deps.store, board.partnership.id, meetingId, req.now);
  if (!records) return say("That meeting isn't there any more. No minutes drafted.");
  const doc = draftMinutes(records);
  const people = doc.attendance.filter((t) => t.title !== "In attendance").flatMap((t) => t.rows);
  const count = (word: string) => people.filter((r) => r.attendance === word).length;
  return deliverPapers(
    req,
    board,
    {
      title: `Draft minutes: ${doc.title}, ${doc.date}`,
      lines: [
        ...doc.quorum.slice(0, 1),
        `${count("Attended")} attended, ${people.filter((r) => r.attendance.startsWith("Apologies")).length} sent apologies, ${people.filter((r) => r.attendance === "").length} with nothing recorded.`,
        `${doc.items.length} agenda item(s), ${doc.actionsRaised.length} action(s) raised, ${doc.outstanding.length} outstanding from earlier meetings.`,
        "The discussion under each item is left for the secretariat to write.",
      ],
      sections: [],
    },
    [
      { request: { kind: "minutes-docx", meetingId }, label: "Draft minutes (Word)" },
      { request: { kind: "minutes-md", meetingId }, label: "Draft minutes (Markdown)" },
    ],
  );
}
