import { choiceCard } from "../../../cards/choiceCard";
import { Meeting } from "../../domain/types";
import { Board, boardsOfPerson, isBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { ApologyReading, readApology } from "../../rules/apology/readApology";
import { boardList, boardNamedIn } from "../../rules/boardChoice";
import { formatMeetingWhen, todayIn } from "../../rules/zonedTime";
import { upcomingMeetings } from "../meetings";

// An apology typed in the 1:1 chat of someone on several boards: the board named in the text, else the
// only board that meets on the day meant, else a question. Nothing is recorded until it is answered.

const isOpen = (m: Meeting, now: Date) => m.state !== "closed" && Date.parse(m.endsAt ?? m.startsAt) + (m.endsAt ? 0 : 2 * 3600_000) > now.getTime();

/** The meetings of this board the reading could mean: those on its date, or the next one. */
async function candidates(req: Request, board: Board, reading: ApologyReading): Promise<Meeting[]> {
  const upcoming = (await upcomingMeetings(req, board.partnership, 20)).filter((m) => isOpen(m, req.now));
  if (reading.meeting.kind === "next") return upcoming.slice(0, 1);
  const date = reading.meeting.date;
  return upcoming.filter((m) => todayIn(board.partnership.timeZone, new Date(m.startsAt)) === date);
}

export async function boardForApology(req: Request, text: string): Promise<Board | Outcome> {
  const boards = await boardsOfPerson(req);
  if (!Array.isArray(boards)) return boards;
  if (boards.length === 1) return boards[0]!;
  const named = boardNamedIn(text.split("\n")[0]!.slice(0, 300), boards.map((b) => b.partnership));
  const picked = named && boards.find((b) => b.partnership.id === named.id);
  if (picked) return picked;

  const readings = boards.map((b) => readApology(text, { timeZone: b.partnership.timeZone, now: req.now }));
  const found = await Promise.all(boards.map(async (b, i) => ({ board: b, reading: readings[i], meetings: readings[i] ? await candidates(req, b, readings[i]!) : [] })));
  const meeting = found.filter((f) => f.meetings.length > 0);
  // Only one board meets then: that is the one meant.
  if (meeting.length === 1) return meeting[0]!.board;
  const names = boardList(boards.map((b) => b.partnership));
  const reading = readings.find((r) => r !== undefined);
  if (!reading) return say("I couldn't read that as apologies. Try: Please send my apologies for Thursday.");
  // On someone's behalf the members differ by board: the board must be named.
  if (reading.onBehalfOf.length > 0 || meeting.length === 0) {
    return say(`You're on ${boards.length} boards, ${names}. Say which board the apologies are for, for example "apologies for the ${boards[0]!.partnership.name} meeting on Thursday". Nothing was recorded.`);
  }
  const when = reading.meeting.kind === "date" ? "meet that day" : "have a meeting to come";
  return {
    card: choiceCard({
      title: "Which board are these apologies for?",
      lines: [`You're on ${meeting.length} boards that ${when}. Nothing is recorded until you choose.`],
      buttons: meeting.flatMap(({ board, reading: r, meetings }) =>
        meetings.slice(0, 3).map((m) => ({
          title: `${board.partnership.name}: ${m.title}, ${formatMeetingWhen(m.startsAt, m.endsAt, board.partnership.timeZone)}`,
          verb: "apology.record",
          data: { partnershipId: board.partnership.id, meetingId: m.id, reason: r?.reason ?? "", deputy: r?.deputy ?? "" },
        })),
      ),
    }),
  };
}
