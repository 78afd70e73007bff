import { partnershipIdFor } from "../../storage/keys";
import { cardsIn, cardText, CHANNEL, channelMessage, examplePeople, person, startExampleBoard, TENANT, TestBot } from "../support/teams";

// A meeting to come can be called off. It stays in the records as cancelled: no reminder, no roll call,
// and nothing that asks "which meeting" offers it again.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const member = person(people, "Howard Oldstein");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-04-01T09:00:00Z");
let bot: TestBot;

const lastText = () => String(bot.connector.lastPost()!.activity.text ?? "");
const meeting = async (title: string) => (await bot.store.meetings.list(partnershipId)).find((m) => m.title === title)!;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting 18 April 2024 2pm to 4pm, Board meeting, Civic Offices"));
  await bot.send(channelMessage(manager, "meeting 18 April 2024 5pm, Prevent panel, Teams"));
  await bot.send(channelMessage(manager, "meeting 16 May 2024 2pm, Board meeting, Civic Offices"));
});
afterAll(() => bot.close());

test("a member may not cancel a meeting, and nothing changes", async () => {
  await bot.send(channelMessage(member, "cancel meeting 16 May 2024"));
  expect(lastText()).toMatch(/Only .* can cancel meetings. Nothing was cancelled/);
  expect((await meeting("Board meeting")).state).toBe("scheduled");
});

test("a date with no meeting, or no date, gets a clear answer and changes nothing", async () => {
  await bot.send(channelMessage(manager, "cancel meeting 17 April 2024"));
  expect(lastText()).toMatch(/no meeting to come on 2024-04-17. Nothing was cancelled/);
  await bot.send(channelMessage(manager, "cancel meeting"));
  expect(lastText()).toMatch(/Say which meeting, by its date/);
  expect((await bot.store.meetings.list(partnershipId)).every((m) => m.state === "scheduled")).toBe(true);
});

test("two meetings that day: asked which; the title picks one", async () => {
  await bot.send(channelMessage(manager, "cancel meeting 18 April 2024"));
  expect(lastText()).toMatch(/2 meetings that day: \*\*Board meeting\*\*, \*\*Prevent panel\*\*/);
  await bot.send(channelMessage(chair, "cancel meeting 18 April 2024, Prevent panel"));
  expect(lastText()).toMatch(/Cancelled: \*\*Prevent panel\*\*, Thursday 18 April 2024/);
  const all = await bot.store.meetings.list(partnershipId);
  expect(all.filter((m) => m.state === "cancelled").map((m) => m.title)).toEqual(["Prevent panel"]);
  expect((await bot.store.audit.list(partnershipId)).filter((a) => a.action === "meeting.cancelled")).toHaveLength(1);
});

test("a cancelled meeting is not listed, gets no reminder and no roll call", async () => {
  await bot.send(channelMessage(manager, "meetings"));
  const list = cardText(cardsIn(bot.connector.lastPost()!.activity)[0]);
  expect(list).toContain("Board meeting");
  expect(list).not.toContain("Prevent panel");

  const before = bot.connector.sent.length;
  await bot.app.runReminders(new Date("2024-04-16T16:00:00Z"));
  const reminders = bot.connector.sent.slice(before).flatMap((s) => cardsIn(s.activity).map(cardText)).filter((t) => t.includes("Prevent panel"));
  expect(reminders).toHaveLength(0);

  // On the day, the roll call is for the meeting that is still on.
  now = new Date("2024-04-18T13:55:00Z");
  await bot.send(channelMessage(chair, "roll call"));
  expect(lastText() + cardsIn(bot.connector.lastPost()!.activity).map(cardText).join(" ")).not.toContain("Prevent panel");
  expect((await meeting("Board meeting")).state).toBe("roll-call-open");
});

test("a meeting whose roll has been called can't be cancelled", async () => {
  await bot.send(channelMessage(manager, "cancel meeting 18 April 2024, Board meeting"));
  expect(lastText()).toMatch(/has already begun \(its roll has been called\), so it can't be cancelled/);
  expect((await meeting("Board meeting")).state).toBe("roll-call-open");
});
