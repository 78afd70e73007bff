import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import {
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  mentionMessage,
  examplePeople,
  invokeCard,
  person,
  personalMessage,
  registerPeople,
  startTestBot,
  TENANT,
  TestBot,
} from "../support/teams";

// Mark Eaglestone sits on two boards, Thurrock and Basildon, both meeting on Thursday 21 March 2024.
// In his 1:1 chat every command works for both.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const mark = person(people, "Mark Eaglestone");
const BASILDON = "19:channel-basildon@thread.tacv2";
const thurrockId = partnershipIdFor(TENANT, CHANNEL);
const basildonId = partnershipIdFor(TENANT, BASILDON);
const basildonRoster = [
  "name,title,organisation,category,role,email",
  `Jenny Barnett,Chief Inspector,Essex Police,statutory,chair,${chair.email}`,
  `Mark Eaglestone,Group Manager,Essex County Fire and Rescue Service,statutory,member,${mark.email}`,
  `Michelle Cunningham,CSP Manager,Basildon Council,ex-officio,manager,${manager.email}`,
].join("\n");
let bot: TestBot;

const markId = memberIdForEmail(mark.email);
const apologyOf = async (partnershipId: string, meetingId: string) =>
  (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.find((a) => a.memberId === markId);
const meetingOf = async (partnershipId: string) => (await bot.store.meetings.list(partnershipId))[0]!.id;
const lastTo = (p: Person) => [...bot.connector.sent].reverse().find((s) => s.conversationId === `a:1on1-${p.aadObjectId}`);
const lastCardTo = (p: Person) => cardsIn(lastTo(p)!.activity)[0]!;

beforeAll(async () => {
  bot = await startTestBot({}, () => new Date("2024-03-18T09:00:00Z"));
  registerPeople(bot, people);
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  await bot.send(channelMessage(manager, "setup Basildon CSP", BASILDON));
  await bot.send(channelMessage(manager, `import roster\n${basildonRoster}`, BASILDON));
  await bot.send(channelMessage(manager, "meeting 21 March 2024 10am to 12pm, Partnership board, Basildon Centre", BASILDON));
});
afterAll(() => bot.close());

test("an apology for a day both boards meet asks which board, and records only the one chosen", async () => {
  const [thurrockMeeting, basildonMeeting] = [await meetingOf(thurrockId), await meetingOf(basildonId)];
  await bot.send(personalMessage(mark, "Apologies for 21 March, family commitment"));
  const question = lastCardTo(mark);
  expect(cardText(question)).toMatch(/Which board/);
  const buttons = question.actions as { title: string; verb: string; data: Record<string, string> }[];
  expect(buttons.map((b) => b.title)).toEqual([expect.stringContaining("Basildon CSP"), expect.stringContaining("Thurrock CSP")]);
  expect(await apologyOf(thurrockId, thurrockMeeting)).toBeUndefined();
  expect(await apologyOf(basildonId, basildonMeeting)).toBeUndefined();

  const basildon = buttons.find((b) => b.title.includes("Basildon"))!;
  const reply = await bot.send(cardAction(mark, basildon.verb, basildon.data, "personal"));
  expect(cardText(invokeCard(reply))).toContain("Basildon CSP");
  expect(await apologyOf(basildonId, basildonMeeting)).toMatchObject({ status: "apologies", reason: "family commitment" });
  expect(await apologyOf(thurrockId, thurrockMeeting)).toBeUndefined();
});

test("naming the board records it at once, and the confirmation names the board", async () => {
  const thurrockMeeting = await meetingOf(thurrockId);
  await bot.send(personalMessage(mark, "apologies for the Thurrock board on the 21st, hospital appointment"));
  expect(await apologyOf(thurrockId, thurrockMeeting)).toMatchObject({ status: "apologies", reason: "hospital appointment" });
  const text = cardText(lastCardTo(mark));
  expect(text).toContain("Thurrock CSP");
  expect(text).not.toContain("Basildon");
});

test("an apology with no date, when both boards have a meeting to come, asks which", async () => {
  const before = bot.connector.sent.length;
  await bot.send(personalMessage(person(people, "Jenny Barnett"), "Please send my apologies, I'm on a course"));
  const question = cardsIn(bot.connector.sent.slice(before).at(-1)!.activity)[0]!;
  expect(cardText(question)).toMatch(/Which board/);
  const attendance = [
    ...(await bot.store.rollCalls.read(thurrockId, await meetingOf(thurrockId))).attendance,
    ...(await bot.store.rollCalls.read(basildonId, await meetingOf(basildonId))).attendance,
  ];
  expect(attendance.filter((a) => a.memberId === memberIdForEmail(chair.email))).toEqual([]);
});

test("`my actions` lists both boards' actions, grouped by board", async () => {
  await bot.send(mentionMessage(manager, "action for @Mark Eaglestone: review the fire safety visits by 30 April", [mark], CHANNEL));
  await bot.send(mentionMessage(manager, "action for @Mark Eaglestone: share the arson figures by 30 April", [mark], BASILDON));
  await bot.send(personalMessage(mark, "my actions"));
  const sent = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${mark.aadObjectId}`).slice(-2);
  const text = sent.map((s) => cardsIn(s.activity).map(cardText).join("\n")).join("\n");
  expect(text).toContain("Review the fire safety visits");
  expect(text).toContain("Share the arson figures");
  expect(text.indexOf("Basildon CSP")).toBeGreaterThanOrEqual(0);
  expect(text.indexOf("Basildon CSP")).toBeLessThan(text.indexOf("Share the arson figures"));
  expect(text.indexOf("Thurrock CSP")).toBeLessThan(text.indexOf("Review the fire safety visits"));
});

test("`apologies` and `sign-offs` in 1:1 cover every board, grouped by board", async () => {
  await bot.send(personalMessage(chair, "apologies"));
  const text = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${chair.aadObjectId}`).slice(-2).map((s) => cardsIn(s.activity).map(cardText).join("\n")).join("\n");
  expect(text).toMatch(/Basildon CSP[\s\S]*Mark Eaglestone[\s\S]*family commitment/);
  expect(text).toMatch(/Thurrock CSP[\s\S]*Mark Eaglestone[\s\S]*hospital appointment/);
  await bot.send(channelMessage(chair, `sign-off "Basildon delivery plan"`, BASILDON));
  await bot.send(channelMessage(chair, `sign-off "Thurrock annual report"`));
  await bot.send(personalMessage(mark, "sign-offs"));
  const list = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${mark.aadObjectId}`).slice(-2).map((s) => cardsIn(s.activity).map(cardText).join("\n")).join("\n");
  expect(list).toMatch(/Basildon CSP[\s\S]*Basildon delivery plan/);
  expect(list).toMatch(/Thurrock CSP[\s\S]*Thurrock annual report/);
});

test("another command in 1:1 asks which board unless the text names one", async () => {
  await bot.send(personalMessage(mark, "roster"));
  expect(String(lastTo(mark)!.activity.text)).toMatch(/You're on 2 boards, \*\*Basildon CSP\*\* and \*\*Thurrock CSP\*\*: which one\?/);
  await bot.send(personalMessage(mark, "roster Basildon"));
  expect(cardText(lastCardTo(mark))).toContain("Basildon CSP");
});
