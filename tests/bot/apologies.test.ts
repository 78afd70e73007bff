import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
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

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
// Monday 18 March 2024, 9am: the board meets on Thursday 21 March at 2pm.
let now = new Date("2024-03-18T09:00:00Z");
let bot: TestBot;
let thursday: string;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  await bot.send(channelMessage(manager, "meeting 20 June 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  thursday = (await bot.store.meetings.list(partnershipId))[0]!.id;
  await bot.send(channelMessage(chair, "roster")); // the chair has spoken to the bot: linked, reachable 1:1
});
afterAll(() => bot.close());

const rows = async () => (await bot.store.rollCalls.read(partnershipId, thursday)).attendance;
const row = async (email: string) => (await rows()).find((a) => a.memberId === memberIdForEmail(email));
const lastCard = () => cardsIn([...bot.connector.sent].reverse().find((s) => cardsIn(s.activity).length)!.activity)[0]!;
const lastText = () => String(bot.connector.lastPost()?.activity.text ?? "");
const auditCount = async () => (await bot.store.audit.list(partnershipId)).length;

test("in a 1:1 chat: 'Please send my apologies for Thursday' is recorded for the sender and confirmed on a card", async () => {
  const cheryl = person(people, "Cheryl Wells");
  await bot.send(personalMessage(cheryl, "Please send my apologies for Thursday"));
  const text = cardText(lastCard());
  expect(text).toContain("Apologies recorded");
  expect(text).toContain("Cheryl Wells (Thurrock Council)");
  expect(text).toContain("Board meeting, Thursday 21 March 2024, 2pm to 4:30pm");
  expect(await row(cheryl.email)).toMatchObject({ status: "apologies" });
  const actions = (lastCard().actions as { title: string }[]).map((a) => a.title);
  expect(actions).toEqual(["Undo", "Change meeting"]);
});

test("in the channel, with a reason; sending the same apology twice records it once", async () => {
  const martin = person(people, "Martin Lucas");
  await bot.send(channelMessage(martin, "Apologies for the 21st – urgent operational matter"));
  expect(await row(martin.email)).toMatchObject({ status: "apologies", reason: "urgent operational matter" });
  const audits = await auditCount();
  await bot.send(channelMessage(martin, "Apologies for the 21st – urgent operational matter"));
  expect(await auditCount()).toBe(audits);
  expect((await rows()).filter((a) => a.memberId === memberIdForEmail(martin.email))).toHaveLength(1);
});

test("with a deputy: recorded as 'Apologies (sent substitute)'", async () => {
  const margaret = person(people, "Margaret Allen");
  await bot.send(personalMessage(margaret, "Can't make Thursday's board, Sam Okafor will attend for the ICB"));
  expect(await row(margaret.email)).toMatchObject({ status: "apologies-substitute", substituteName: "Sam Okafor" });
  expect(cardText(lastCard())).toContain("Sam Okafor");
});

test("only the manager or chair may send apologies on someone's behalf", async () => {
  const howard = person(people, "Howard Oldstein");
  const audits = await auditCount();
  await bot.send(personalMessage(howard, "apologies from Mark Eaglestone and Russ Freeman (ECFRS), operational incident"));
  expect(lastText()).toMatch(/Only the chair or the partnership manager/);
  expect(await row("mark.eaglestone@example.org")).toBeUndefined();
  expect(await auditCount()).toBe(audits);

  await bot.send(channelMessage(manager, "apologies from Mark Eaglestone and Russ Freeman (ECFRS), operational incident"));
  expect(cardText(lastCard())).toContain("Mark Eaglestone (Essex County Fire and Rescue Service), Russ Freeman (Essex County Fire and Rescue Service)");
  expect(await row("mark.eaglestone@example.org")).toMatchObject({ status: "apologies", reason: "operational incident" });
  expect(await row("russ.freeman@example.org")).toMatchObject({ status: "apologies" });
});

test("undo by someone else is refused; by the person it removes the apology", async () => {
  const cheryl = person(people, "Cheryl Wells");
  const undo = { partnershipId, meetingId: thursday, memberIds: memberIdForEmail(cheryl.email) };
  const refused = await bot.send(cardAction(person(people, "Howard Oldstein"), "apology.undo", undo, "personal"));
  expect(invokeMessage(refused)).toMatch(/Only the person the apologies are for, the chair or the partnership manager/);
  expect(await row(cheryl.email)).toBeDefined();
  const done = await bot.send(cardAction(cheryl, "apology.undo", undo, "personal"));
  expect(cardText(invokeCard(done))).toContain("Apologies withdrawn");
  expect(await row(cheryl.email)).toBeUndefined();
});

test("change meeting moves the apology, reason and all", async () => {
  const martin = person(people, "Martin Lucas");
  const june = (await bot.store.meetings.list(partnershipId))[1]!.id;
  const reply = await bot.send(cardAction(martin, "apology.move", { partnershipId, meetingId: thursday, memberIds: memberIdForEmail(martin.email), toMeetingId: june }, "personal"));
  expect(cardText(invokeCard(reply))).toContain("20 June 2024");
  expect(await row(martin.email)).toBeUndefined();
  const moved = (await bot.store.rollCalls.read(partnershipId, june)).attendance.find((a) => a.memberId === memberIdForEmail(martin.email));
  expect(moved).toMatchObject({ status: "apologies", reason: "urgent operational matter" });
});

test("the forecast tells the chair and manager once when the third of six organisations can no longer be represented", async () => {
  const personalPosts = () => bot.connector.sent.filter((s) => s.conversationId.startsWith("a:dm-")).map((s) => String(s.activity.text));
  // Fire and Rescue (both members) are already lost; Police Fire and Crime Panel makes two.
  await bot.send(personalMessage(person(people, "Cllr G Collins"), "Unable to attend on 21/03, sorry"));
  await bot.app.idle();
  expect(personalPosts()).toHaveLength(0);
  // The Probation Service: Martin moved his to June, so both Probation members now send apologies for Thursday.
  await bot.send(personalMessage(person(people, "Michelle Fraser"), "Please send my apologies for Thursday"));
  await bot.send(personalMessage(person(people, "Martin Lucas"), "Please send my apologies for Thursday"));
  await bot.app.idle();
  const posts = personalPosts();
  expect(posts.length).toBe(2); // the chair and the manager, once each
  expect(posts[0]).toMatch(/can no longer be quorate.*at most 3.*4 needed.*Essex County Fire and Rescue Service, Police Fire and Crime Panel, The Probation Service/);
  // A fourth organisation's apologies do not repeat it.
  await bot.send(personalMessage(person(people, "Cllr Jefferies"), "Please send my apologies for Thursday"));
  await bot.app.idle();
  expect(personalPosts()).toHaveLength(2);
});

test("`apologies` lists them by category for the chair; a member is refused", async () => {
  await bot.send(personalMessage(chair, "apologies"));
  const text = cardText(lastCard());
  expect(text).toMatch(/Apologies for Board meeting, Thursday 21 March 2024.*: \d+/);
  expect(text).toContain("Statutory");
  expect(text).toContain("Sam Okafor");
  expect(text).toMatch(/Can no longer be quorate/);
  await bot.send(personalMessage(person(people, "Simon Bell"), "apologies"));
  expect(lastText()).toMatch(/Only the chair or the partnership manager/);
});

test("other sorrys are not apologies", async () => {
  const audits = await auditCount();
  await bot.send(personalMessage(person(people, "Simon Bell"), "apologies for the late reply"));
  expect(lastText()).toMatch(/didn't recognise/);
  expect(await auditCount()).toBe(audits);
});

test("an apology sent after the roll call opened shows on the live card", async () => {
  now = new Date("2024-03-21T13:50:00Z");
  await bot.send(channelMessage(chair, "roll call"));
  const cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length).at(-1)!.activityId;
  expect(cardText(cardsIn(bot.connector.sent.find((s) => s.activityId === cardId)!.activity)[0])).toContain("Apologies (sent substitute: Sam Okafor)");
  await bot.send(personalMessage(person(people, "Helen Forster"), "Sorry, I can't attend the board today due to annual leave"));
  await bot.app.idle();
  const update = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId).at(-1);
  const shared = cardText(cardsIn(update!.activity)[0]);
  expect(shared).toMatch(/Helen Forster[\s\S]*?Apologies/);
});

test("a name that matches several members, or none exactly, is asked about; the answer records it", async () => {
  now = new Date("2024-03-25T09:00:00Z");
  await bot.send(channelMessage(manager, "apologies from Mark, operational incident"));
  const question = lastCard();
  expect(cardText(question)).toContain('Who did you mean by "Mark"?');
  const buttons = question.actions as { title: string; verb: string; data: Record<string, string> }[];
  expect(buttons.map((b) => b.title)).toEqual(expect.arrayContaining(["Mark Eaglestone (Essex County Fire and Rescue Service)", "Mark Tebbs (Thurrock CVS)"]));
  const tebbs = buttons.find((b) => b.title.startsWith("Mark Tebbs"))!;
  const reply = await bot.send(cardAction(manager, tebbs.verb, tebbs.data));
  expect(cardText(invokeCard(reply))).toContain("Mark Tebbs (Thurrock CVS)");
  expect(cardText(invokeCard(reply))).toContain("operational incident");

  await bot.send(channelMessage(manager, "apologies from Shelia Smith"));
  expect(cardText(lastCard())).toContain('Who did you mean by "Shelia Smith"?');
  await bot.send(channelMessage(manager, "apologies from Zebedee Quux"));
  expect(lastText()).toMatch(/can't find "Zebedee Quux"/);
});
