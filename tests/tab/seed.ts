import { playgroundConfig } from "../../bot/dev/playgroundConfig";
import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { channelMessage, CHANNEL, examplePeople, person, registerPeople, TENANT, TestBot } from "../support/teams";

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
export async function seedExampleBoard(bot: TestBot): Promise<{ boardId: string }> {
  const people = others();
  registerPeople(bot, [me, ...people]);
  await bot.send(channelMessage(me, "demo"));
  await bot.send(channelMessage(person(people, "Martin Lucas"), "Apologies for the 21st – urgent operational matter"));
  await bot.send(channelMessage(me, "agenda 6.2 Annual report 23/24 for sign-off"));
  await bot.send(channelMessage(me, "action for Cheryl Wells: circulate the Prevent strategy to statutory partners by 20 June"));
  await bot.send(channelMessage(me, 'sign-off "Annual report 2023/24" by 8 April'));
  return { boardId: channelPartnershipId() };
}
