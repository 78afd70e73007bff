import { playgroundConfig } from "../../bot/dev/playgroundConfig";
import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { cardAction, channelMessage, CHANNEL, examplePeople, person, registerPeople, TENANT, TestBot } from "../support/teams";

/** The test channel's board id, as the bot derives it. */
export const channelPartnershipId = (tenant = TENANT, channel = CHANNEL) => partnershipIdFor(tenant, channel);

/** The playground's user, whom the tab plays in local mode: Michelle Cunningham, the manager. */
export const me: Person = {
  id: playgroundConfig.currentUser.id,
  name: playgroundConfig.currentUser.name,
  email: playgroundConfig.currentUser.email,
  aadObjectId: playgroundConfig.currentUser.aadObjectId,
};

export const others = () => examplePeople().filter((p) => p.email !== me.email);

/**
 * The example board as a newcomer gets it (`demo` in the channel, as the playground's user), with what
 * the views show said to the bot as people would: apologies, an agenda item, an action, a sign-off.
 */
export async function seedExampleBoard(bot: TestBot, today: string): Promise<{ boardId: string; meetingId: string; ref: string }> {
  const people = others();
  registerPeople(bot, [me, ...people]);
  const boardId = channelPartnershipId();
  await bot.send(channelMessage(me, "demo"));
  const meeting = (await bot.store.meetings.list(boardId)).find((m) => m.startsAt.startsWith(today));
  if (!meeting) throw new Error("demo made no meeting today");
  await bot.send(cardAction(person(people, "Martin Lucas"), "apology.record", { partnershipId: boardId, meetingId: meeting.id, reason: "urgent operational matter" }));
  await bot.send(channelMessage(me, "agenda 9.1 Serious violence duty for sign-off"));
  const before = new Set((await bot.store.actions.all(boardId)).map((a) => a.ref));
  await bot.send(channelMessage(me, "action for Cheryl Wells: circulate the Prevent strategy to statutory partners by 30 June"));
  const raised = (await bot.store.actions.all(boardId)).find((a) => !before.has(a.ref));
  if (!raised) throw new Error("the action was not raised");
  await bot.send(channelMessage(me, 'sign-off "Serious violence duty strategy" by 30 June'));
  return { boardId, meetingId: meeting.id, ref: raised.ref };
}
