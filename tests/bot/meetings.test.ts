import { partnershipIdFor } from "../../storage/keys";
import {
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  examplePeople,
  invokeCard,
  invokeMessage,
  person,
  personalMessage,
  startExampleBoard,
  TENANT,
  TestBot,
} from "../support/teams";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const member = person(people, "Howard Oldstein");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
// A fixed "now" in the board's time zone: Monday 4 March 2024, 09:00 GMT.
const NOW = new Date("2024-03-04T09:00:00Z");
let bot: TestBot;

beforeAll(async () => {
  bot = await startExampleBoard(() => NOW);
});
afterAll(() => bot.close());

const lastSent = () => bot.connector.lastPost()!.activity;

test("`meeting` in plain words schedules it in the board's time zone and posts the meeting card", async () => {
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  const meetings = await bot.store.meetings.list(partnershipId);
  expect(meetings).toHaveLength(1);
  expect(meetings[0]).toMatchObject({
    title: "Board meeting",
    startsAt: "2024-03-21T14:00:00.000Z",
    endsAt: "2024-03-21T16:30:00.000Z",
    location: "Civic Offices",
    state: "scheduled",
  });
  const card = bot.connector.sent.flatMap((s) => cardsIn(s.activity)).at(-1);
  const text = cardText(card);
  expect(text).toContain("Thursday 21 March 2024, 2pm to 4:30pm");
  expect(text).toContain("Civic Offices");
});

test("after the clocks change the same words mean British Summer Time", async () => {
  await bot.send(channelMessage(manager, "meeting 20/06/2024 14:00-16:00, Board, Teams"));
  const june = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt.startsWith("2024-06-20"));
  expect(june?.startsAt).toBe("2024-06-20T13:00:00.000Z");
});

test("a date it cannot read gets a clear answer and nothing is scheduled", async () => {
  const before = (await bot.store.meetings.list(partnershipId)).length;
  await bot.send(channelMessage(manager, "meeting sometime soon, Board"));
  expect(String(lastSent().text)).toMatch(/couldn't find a date/i);
  await bot.send(channelMessage(manager, "meeting 31 February 2025 2pm, Board"));
  expect(String(lastSent().text)).not.toMatch(/Scheduled/);
  expect((await bot.store.meetings.list(partnershipId)).length).toBe(before);
});

test("`meetings` lists those to come, soonest first", async () => {
  await bot.send(channelMessage(member, "meetings"));
  const text = cardText(cardsIn(lastSent())[0]);
  expect(text.indexOf("21 March 2024")).toBeGreaterThan(-1);
  expect(text.indexOf("21 March 2024")).toBeLessThan(text.indexOf("20 June 2024"));
});

test("the card form schedules a meeting; a member who is not chair or manager is refused", async () => {
  const refused = await bot.send(cardAction(member, "meeting.create", { partnershipId, title: "Away day", date: "2024-09-12", start: "10:00", end: "16:00" }));
  expect(invokeMessage(refused)).toMatch(/Only the partnership manager, the chair or the vice-chair/);
  const reply = await bot.send(cardAction(manager, "meeting.create", { partnershipId, title: "Away day", date: "2024-09-12", start: "10:00", end: "16:00", location: "" }));
  expect(invokeMessage(reply)).toMatch(/Scheduled: Away day/);
  const away = (await bot.store.meetings.list(partnershipId)).find((m) => m.title === "Away day");
  expect(away?.startsAt).toBe("2024-09-12T09:00:00.000Z");
  const backwards = await bot.send(cardAction(manager, "meeting.create", { partnershipId, title: "Odd", date: "2024-10-01", start: "16:00", end: "10:00" }));
  expect(invokeMessage(backwards)).toMatch(/end after it starts/);
});

test("help lists the commands on a card with buttons; an unknown command points to help", async () => {
  await bot.send(channelMessage(member, "help"));
  const help = cardsIn(lastSent())[0]!;
  expect(cardText(help)).toContain("import roster");
  const buttons = (help.actions as { verb: string; data: { command: string } }[]).map((a) => a.data.command);
  expect(buttons).toEqual(expect.arrayContaining(["roster", "meetings"]));
  const pressed = await bot.send(cardAction(member, "command.run", { command: "roster" }));
  expect(cardText(invokeCard(pressed))).toContain("Members: 23");

  await bot.send(channelMessage(member, "frobnicate the minutes"));
  expect(String(lastSent().text)).toMatch(/didn't recognise.*help/);
});

test("in a 1:1 chat a member finds their board by email, without any mention", async () => {
  await bot.send(personalMessage(person(people, "Simon Bell"), "roster"));
  expect(cardText(cardsIn(lastSent())[0])).toContain("Members: 23");
  await bot.send(personalMessage(person(people, "Simon Bell"), "meeting tomorrow 2pm"));
  expect(String(lastSent().text)).toMatch(/in the board's channel/);
});
