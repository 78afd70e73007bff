import { VERBS } from "../../bot/routes";
import { Person } from "../support/connector";
import { cardsIn, cardText } from "../support/teams";
import { channelAction } from "./activities";
import { BenchBot, Board, openRound, openSignOffRound, Round } from "./seed";

// What the load phase measures. Each operation brings its own per-round setup (so every round starts
// from the same state) and the invoke one member sends. Add an operation here as it lands in the bot.

export interface Operation {
  name: string;
  /** Set while the bot cannot do it yet: the table says so instead of inventing a figure. */
  unavailable?: string;
  setupRound?(bot: BenchBot, board: Board): Promise<Round>;
  activity?(round: Round, member: Person): Record<string, unknown>;
  /** The answer is the real thing, not a refusal that would be fast for the wrong reason. */
  answered?(body: unknown): boolean;
  /** After a round: how many presses were stored, and how many the final shared card shows. */
  verifyRound?(bot: BenchBot, round: Round): Promise<{ stored: number; shown: number }>;
}

const CARD = "application/vnd.microsoft.card.adaptive";

export const checkIn = (chair: Person): Operation => ({
  name: "check-in",
  setupRound: (bot, board) => openRound(bot, board, chair),
  activity: (round, member) =>
    channelAction(member, "roll.checkin", { partnershipId: round.board.partnershipId, meetingId: round.id }, round.board.channel),
  answered: (body) => {
    const b = body as { type?: string; value?: unknown };
    return b?.type === CARD && cardText(b.value).includes("You: Present");
  },
  async verifyRound(bot, round) {
    const snapshot = await bot.app.store.rollCalls.read(round.board.partnershipId, round.id);
    return { stored: snapshot.attendance.filter((a) => a.status === "present").length, shown: sharedCardCount(bot, round, /Present \(/g) };
  },
});

/** Half approve, half abstain: a majority of all 40 members is never reached, so the vote stays open all round. */
export const vote = (chair: Person): Operation => ({
  name: "vote (sign-off)",
  setupRound: (bot, board) => openSignOffRound(bot, board, chair),
  activity: (round, member) =>
    channelAction(member, "signoff.vote", { partnershipId: round.board.partnershipId, signOffId: round.id, option: Number(member.id.split("-").at(-1)) % 2 ? "abstain" : "approve" }, round.board.channel),
  answered: (body) => {
    const b = body as { type?: string; value?: unknown };
    return b?.type === CARD && cardText(b.value).includes("Your vote:");
  },
  async verifyRound(bot, round) {
    const snapshot = await bot.app.store.signOffs.read(round.board.partnershipId, round.id);
    return { stored: snapshot.votes.length, shown: sharedCardCount(bot, round, /\(Member \d+\)/g) };
  },
});

/** How many times the last version of the shared card says `pattern`. */
function sharedCardCount(bot: BenchBot, round: Round, pattern: RegExp): number {
  const last = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === round.cardActivityId).at(-1);
  return last ? (cardText(cardsIn(last.activity)[0]).match(pattern) ?? []).length : 0;
}

/** For an operation the harness does not drive yet: says whether the bot has it yet. */
function pending(name: string, verb: RegExp, what: string): Operation {
  const found = Object.keys(VERBS).find((v) => verb.test(v));
  return { name, unavailable: found ? `in the bot (${found}) but not yet driven by this harness` : `not yet available (no ${what} in the bot yet)` };
}

export function operations(chair: Person): Operation[] {
  return [
    checkIn(chair),
    vote(chair),
    // Each update re-sends every copy of the action's card (channel and owners' 1:1s), so a round of 30
    // needs 30 fresh actions and paced rounds to stay inside Teams' limits: to add when it matters.
    pending("action update", /^action\.update$/, "actions"),
  ];
}
