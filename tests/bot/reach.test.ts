import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, mentionMessage, examplePeople, person, registerPeople, startTestBot, TENANT, TestBot } from "../support/teams";

// Everyone on the roster is reachable in a 1:1 chat from the day the roster is imported, whether or not
// they have ever spoken to the bot: the chat is created with their Teams user id and the tenant.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const cheryl = person(people, "Cheryl Wells");
/** On the roster, not in the team. */
const shelia = person(people, "Shelia Coates");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-11T09:00:00Z");
let bot: TestBot;

const dmsTo = (p: Person) => bot.connector.sent.filter((s) => s.conversationId === `a:dm-${p.id}`);

beforeAll(async () => {
  bot = await startTestBot({}, () => now);
  registerPeople(bot, people);
  bot.connector.notInTeam.add(shelia.id);
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
});
afterAll(() => bot.close());

test("an action for an owner who never spoke to the bot sends the card to her new 1:1 chat", async () => {
  await bot.send(mentionMessage(manager, "action for @Cheryl Wells: circulate the Prevent strategy to statutory partners by 20 June", [cheryl]));
  const copies = dmsTo(cheryl).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("Circulate the Prevent strategy")));
  expect(copies).toHaveLength(1);
  // The chat was created as Teams needs it: the person, the tenant, the bot.
  expect(bot.connector.created).toContainEqual(expect.objectContaining({ members: [expect.objectContaining({ id: cheryl.id })], tenantId: TENANT, bot: expect.objectContaining({ id: expect.stringMatching(/^28:/) }) }));
  const notices = bot.connector.sent.filter((s) => /talk to me|not in this team/.test(String(s.activity.text ?? "")));
  expect(notices).toHaveLength(0);
  const action = (await bot.store.actions.all(partnershipId)).at(-1)!;
  expect(action.copies.map((c) => c.conversationId)).toContain(`a:dm-${cheryl.id}`);
});

test("an action reminder round reaches owners who never spoke; only an owner not in the team is reported, by name, to the manager", async () => {
  await bot.send(channelMessage(manager, "action for Shelia Coates: share the SERICC referral figures by 30 April"));
  expect(String(bot.connector.lastPost()!.activity.text)).toMatch(/Shelia Coates is not in this team, so I couldn't send them their copy/);
  const before = dmsTo(cheryl).length;
  const toManager = dmsTo(manager).length;
  now = new Date("2024-03-18T15:00:00Z");
  expect(await bot.app.runReminders(now)).toBeGreaterThanOrEqual(1);
  const reminders = dmsTo(cheryl).slice(before).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("your outstanding actions")));
  expect(reminders).toHaveLength(1);
  const told = dmsTo(manager).slice(toManager).map((s) => String(s.activity.text ?? ""));
  expect(told).toEqual([expect.stringMatching(/Shelia Coates is not in this team, so I couldn't send them their action reminders/)]);
  expect(told.join(" ")).not.toContain("Cheryl");
  // The next round neither repeats the reminders nor the report.
  const count = bot.connector.sent.length;
  await bot.app.runReminders(new Date("2024-03-18T16:00:00Z"));
  expect(bot.connector.sent.slice(count).filter((s) => s.conversationId.startsWith("a:dm-"))).toHaveLength(0);
});

test("an action the chair raises for a member not in the team: the chair is told, and so is the manager, by name", async () => {
  const toManager = dmsTo(manager).length;
  await bot.send(channelMessage(chair, "action for Shelia Coates: circulate the SERICC annual report by 30 April"));
  expect(String(bot.connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL)).at(-1)!.activity.text)).toMatch(/Shelia Coates is not in this team/);
  expect(dmsTo(manager).slice(toManager).map((s) => String(s.activity.text))).toEqual([expect.stringMatching(/Shelia Coates is not in this team, so I couldn't send them their copy of action A-2024-\d+/)]);
  expect(dmsTo(shelia)).toHaveLength(0);
});

test("the quorum forecast reaches the chair and the manager, though neither ever spoke in a 1:1 chat", async () => {
  for (const name of ["Mark Eaglestone", "Russ Freeman", "Cllr G Collins", "Michelle Fraser", "Martin Lucas"]) {
    await bot.send(channelMessage(person(people, name), "Please send my apologies for Thursday"));
  }
  await bot.app.idle();
  for (const p of [chair, manager]) {
    expect(dmsTo(p).map((s) => String(s.activity.text))).toContainEqual(expect.stringMatching(/can no longer be quorate/));
  }
});
