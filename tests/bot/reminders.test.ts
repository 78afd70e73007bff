import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, personalMessage, person, registerPeople, startTestBot, TestBot } from "../support/teams";
import { uniquePrefix } from "../support/storage";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
let a: TestBot;
let b: TestBot;

beforeAll(async () => {
  // Two instances of the bot on the same storage, as behind Azure Bot Service.
  const shared = { TABLE_PREFIX: uniquePrefix() };
  a = await startTestBot(shared, () => new Date("2024-03-01T09:00:00Z"));
  b = await startTestBot(shared, () => new Date("2024-03-01T09:00:00Z"));
  registerPeople(a, people);
  await a.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
  await a.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await a.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
});
afterAll(async () => {
  await a.close();
  await b.close();
});

// Both bots post to the channel's service URL, which is instance a's connector stub.
const reminders = () => a.connector.sent.filter((s) => cardsIn(s.activity).some((c) => cardText(c).startsWith("Reminder:")));

test("nothing is due eight days before", async () => {
  expect(await a.app.runReminders(new Date("2024-03-13T13:00:00Z"))).toBe(0);
  expect(reminders()).toHaveLength(0);
});

test("two instances on the same storage send the 7-day reminder once, with a Send apologies form", async () => {
  const at = new Date("2024-03-14T15:00:00Z");
  const [x, y] = await Promise.all([a.app.runReminders(at), b.app.runReminders(at)]);
  expect(x + y).toBe(1);
  expect(reminders()).toHaveLength(1);
  const card = cardsIn(reminders()[0]!.activity)[0]!;
  expect(cardText(card)).toContain("Reminder: Board meeting is on Thursday 21 March 2024, 2pm to 4:30pm");
  expect((card.actions as { title: string }[]).map((t) => t.title)).toContain("Send apologies");
  // Later rounds (another instance, or after a restart) find it claimed.
  expect(await b.app.runReminders(new Date("2024-03-15T09:00:00Z"))).toBe(0);
});

test("the 2-day reminder follows, once, and everyone who has said nothing is asked in their own 1:1 chat, once", async () => {
  const cheryl = person(people, "Cheryl Wells");
  a.connector.notInTeam.add(person(people, "Shelia Coates").id);
  await a.send(personalMessage(cheryl, "Please send my apologies for the 21st, urgent operational matter"));
  const at = new Date("2024-03-19T14:30:00Z");
  const [x, y] = await Promise.all([a.app.runReminders(at), b.app.runReminders(at)]);
  expect(reminders().filter((r) => r.conversationId.startsWith(CHANNEL))).toHaveLength(2);
  const dms = a.connector.sent.filter((s) => s.conversationId.startsWith("a:dm-") && cardsIn(s.activity).some((c) => cardText(c).includes("If you can't attend, reply here")));
  const asked = dms.map((s) => s.conversationId.slice("a:dm-".length));
  // Every active member with a Teams identity but Cheryl (who sent apologies) and Shelia (not in the team), each once.
  const expected = people.filter((p) => p.name !== "Cheryl Wells" && p.name !== "Shelia Coates").map((p) => p.id);
  expect([...asked].sort()).toEqual([...expected].sort());
  expect(x + y).toBe(1 + expected.length);
  const toManager = a.connector.sent.filter((s) => s.conversationId === `a:dm-${manager.id}`).map((s) => String(s.activity.text ?? ""));
  expect(toManager.filter((t) => t.includes("Shelia Coates is not in this team, so I couldn't send them the apologies reminder"))).toHaveLength(1);
  // The next round asks nobody again.
  const count = a.connector.sent.length;
  await b.app.runReminders(new Date("2024-03-19T16:00:00Z"));
  expect(a.connector.sent.slice(count)).toHaveLength(0);
  a.connector.notInTeam.clear();
});

test("a reminder that failed to post is tried again on the next round", async () => {
  await a.send(channelMessage(manager, "meeting 28 March 2024 2pm, Extra board"));
  a.connector.failNext(403, 1);
  const at = new Date("2024-03-21T15:00:00Z");
  expect(await a.app.runReminders(at)).toBe(0);
  expect(await b.app.runReminders(at)).toBe(1);
  expect(reminders().map((r) => cardText(cardsIn(r.activity)[0]))).toEqual(
    expect.arrayContaining([expect.stringContaining("Reminder: Extra board is on Thursday 28 March 2024")]),
  );
});
