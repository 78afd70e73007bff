import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { partnershipIdFor } from "../../storage/keys";
import {
  cardAction,
  CHANNEL,
  channelMessage,
  examplePeople,
  invokeCard,
  cardText,
  person,
  registerPeople,
  startTestBot,
  TENANT,
  TestBot,
} from "../support/teams";

// The first roll call of a freshly imported board: nobody has spoken to the bot, everyone presses at once.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const pressers = people.filter((p) => p !== manager && p !== chair).slice(0, 20);

async function freshBoard(options: { teamReadable: boolean }): Promise<{ bot: TestBot; ref: { partnershipId: string; meetingId: string } }> {
  const bot = await startTestBot({}, () => new Date("2024-03-21T13:58:00Z"));
  registerPeople(bot, people);
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
  if (!options.teamReadable) bot.connector.failMatching((r) => r.path.endsWith("/pagedmembers"), 500, 10);
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await bot.send(channelMessage(manager, "meeting today 2pm, Board meeting"));
  await bot.send(channelMessage(chair, "roll call"));
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  return { bot, ref: { partnershipId, meetingId } };
}

test("20 first presses at once make no member lookups and break no limit", async () => {
  const { bot, ref } = await freshBoard({ teamReadable: true });
  try {
    const lookups = bot.connector.memberLookups;
    const replies = await Promise.all(pressers.map((p) => bot.send(cardAction(p, "roll.checkin", ref))));
    replies.forEach((r) => expect(cardText(invokeCard(r))).toContain("You: Present"));
    expect((await bot.store.rollCalls.read(partnershipId, ref.meetingId)).attendance).toHaveLength(20);
    expect(bot.connector.memberLookups).toBe(lookups);
    expect(bot.connector.memberReadBreaches).toBe(0);
    expect(bot.connector.breaches).toBe(0);
  } finally {
    await bot.close();
  }
});

test("when the team could not be read, 20 first presses look each person up once, paced under the member-read limits", async () => {
  const { bot, ref } = await freshBoard({ teamReadable: false });
  try {
    const lookups = bot.connector.memberLookups;
    const replies = await Promise.all(pressers.map((p) => bot.send(cardAction(p, "roll.checkin", ref))));
    replies.forEach((r) => expect(cardText(invokeCard(r))).toContain("You: Present"));
    expect((await bot.store.rollCalls.read(partnershipId, ref.meetingId)).attendance).toHaveLength(20);
    expect(bot.connector.memberLookups - lookups).toBe(20);
    expect(bot.connector.memberReadBreaches).toBe(0);
    // Linked now: the next press is free.
    await bot.send(cardAction(pressers[0]!, "roll.checkin", ref));
    expect(bot.connector.memberLookups - lookups).toBe(20);
  } finally {
    await bot.close();
  }
});

test("a lookup Teams refuses with 429 is retried after its Retry-After and the press is stored", async () => {
  const { bot, ref } = await freshBoard({ teamReadable: false });
  try {
    bot.connector.failMatching((r) => r.method === "GET" && r.path.includes("/members/"), 429, 1, 0);
    const reply = await bot.send(cardAction(pressers[0]!, "roll.checkin", ref));
    expect(cardText(invokeCard(reply))).toContain("You: Present");
    expect(bot.connector.refused.filter((r) => r.status === 429 && r.path.includes("/members/"))).toHaveLength(1);
  } finally {
    await bot.close();
  }
});
