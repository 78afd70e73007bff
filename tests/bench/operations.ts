import { VERBS } from "../../bot/routes";
import { Person, Sent } from "../support/connector";
import { cardsIn, cardText } from "../support/teams";
import { channelAction } from "./activities";
import { BenchBot, Board, openRound, openSignOffRound, raiseActions, Round, SeededAction } from "./seed";

// What the load phase measures. Each operation brings its own per-round setup (so every round starts
// from the same state) and the invoke one member sends. Add an operation here as it lands in the bot.

export interface Operation {
  name: string;
  /** Set while the bot cannot do it yet: the table says so instead of inventing a figure. */
  unavailable?: string;
  /** Once, after the boards are seeded (the measured ones and the probe board): what every round presses on. */
  seed?(bot: BenchBot, boards: Board[], people: Person[]): Promise<void>;
  /** This operation's rounds as a share of the others' (default 1), and why: printed with the results. */
  rounds?: { share: number; why: string };
  setupRound?(bot: BenchBot, board: Board): Promise<Round>;
  activity?(round: Round, member: Person): Record<string, unknown>;
  /** The answer is the real thing, not a refusal that would be fast for the wrong reason. */
  answered?(body: unknown, round: Round, member: Person): boolean;
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
    const snapshot = await bot.store.rollCalls.read(round.board.partnershipId, round.id);
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
    const snapshot = await bot.store.signOffs.read(round.board.partnershipId, round.id);
    return { stored: snapshot.votes.length, shown: sharedCardCount(bot, round, /\(Member \d+\)/g) };
  },
});

/**
 * Each of 30 owners updates their own action at the same moment: a progress note unique to the round
 * (status in progress). Each update re-sends that action's card in the channel and in the owner's 1:1
 * chat, so a round is 30 card updates in one channel: the bot paces them at 7 per 2 s, and the round
 * ends (app.idle()) once they are all out, about 9 s. Hence half the rounds of the other operations.
 */
export const actionUpdate = (chair: Person): Operation => {
  /** By board (partnership id), then by owner (Teams user id). */
  const owned = new Map<string, Map<string, SeededAction>>();
  let rounds = 0;
  const actionOf = (board: Board, member: Person) => {
    const action = owned.get(board.partnershipId)?.get(member.id);
    if (!action) throw new Error(`action update: no action seeded for ${member.name} on board ${board.index}`);
    return action;
  };
  // "u12:" is unique to the round (and the colon keeps u1 from matching u12).
  const tag = (round: Round) => `Update ${round.id}:`;
  const note = (round: Round, member: Person) => `${tag(round)} ${member.name} reports progress`;
  return {
    name: "action update",
    rounds: { share: 0.5, why: "each round is 30 card updates in one channel, paced by the bot at 7 per 2 s: a round lasts ~9 s until its cards are out" },
    async seed(bot, boards, people) {
      // Boards side by side (each its own channel), each board's actions one at a time.
      await Promise.all(boards.map(async (board, i) => owned.set(board.partnershipId, await raiseActions(bot, board, chair, people, i * 6))));
    },
    setupRound: async (_bot, board) => ({ board, id: `u${++rounds}` }),
    activity: (round, member) =>
      channelAction(member, "action.update", { partnershipId: round.board.partnershipId, ref: actionOf(round.board, member).ref, status: "in-progress", note: note(round, member) }, round.board.channel),
    answered: (body, round, member) => {
      const b = body as { type?: string; value?: unknown };
      return b?.type === CARD && cardText(b.value).includes(note(round, member));
    },
    async verifyRound(bot, round) {
      const actions = await bot.store.actions.all(round.board.partnershipId);
      const stored = actions.filter((a) => a.history.at(-1)?.note?.startsWith(tag(round))).length;
      const cards = new Set([...owned.get(round.board.partnershipId)!.values()].map((a) => a.channelActivityId));
      const last = new Map<string, Sent>();
      for (const s of bot.connector.sent) if (s.method === "PUT" && s.conversationId === round.board.channel && cards.has(s.activityId)) last.set(s.activityId, s);
      const shown = [...last.values()].filter((s) => cardText(cardsIn(s.activity)[0]).includes(tag(round))).length;
      return { stored, shown };
    },
  };
};

/** How many times the last version of the shared card says `pattern`. */
function sharedCardCount(bot: BenchBot, round: Round, pattern: RegExp): number {
  const last = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === round.cardActivityId).at(-1);
  return last ? (cardText(cardsIn(last.activity)[0]).match(pattern) ?? []).length : 0;
}

/** For an operation the harness does not drive yet: says whether the bot has it yet. */
export function pending(name: string, verb: RegExp, what: string): Operation {
  const found = Object.keys(VERBS).find((v) => verb.test(v));
  return { name, unavailable: found ? `in the bot (${found}) but not yet driven by this harness` : `not yet available (no ${what} in the bot yet)` };
}

export function operations(chair: Person): Operation[] {
  return [checkIn(chair), vote(chair), actionUpdate(chair)];
}
