import { EXAMPLE_BOARD_NAME, EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { partnershipIdFor } from "../../storage/keys";
import { cardProblems } from "../support/cardValidity";
import {
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  examplePeople,
  invokeCard,
  person,
  personalMessage,
  registerPeople,
  startTestBot,
  stranger,
  TEAM,
  TENANT,
  TestBot,
} from "../support/teams";

// `demo` on a first run, over HTTP as the playground sends it: said in the 1:1 chat, the example board
// goes to the demo channel (npm start: the playground's Board channel) with a meeting today and the
// record of its inquorate March 2024 meeting; saying it again duplicates nothing.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
// A Tuesday in December, mid-morning in London: "today" for the demo's meeting.
const now = new Date("2026-12-01T10:30:00Z");
let bot: TestBot;
let reply: Awaited<ReturnType<TestBot["send"]>>;

const counts = async () => {
  const meetings = await bot.store.meetings.list(partnershipId);
  const march = meetings.find((m) => m.startsAt.startsWith("2024-03-21"))!;
  return {
    meetings: meetings.length,
    members: (await bot.store.members.list(partnershipId)).length,
    actions: (await bot.store.actions.all(partnershipId)).length,
    signOffs: (await bot.store.signOffs.list(partnershipId)).length,
    marchRows: (await bot.store.rollCalls.read(partnershipId, march.id)).attendance.length,
  };
};
const channelCards = () => bot.connector.sent.filter((s) => s.method === "POST" && s.conversationId === CHANNEL).flatMap((s) => cardsIn(s.activity)).map(cardText);
const lastCardText = () => cardText(cardsIn([...bot.connector.sent].reverse().find((s) => cardsIn(s.activity).length > 0)!.activity)[0]);

beforeAll(async () => {
  bot = await startTestBot({ DEMO_CHANNEL_ID: CHANNEL, DEMO_TEAM_ID: TEAM }, () => now);
  registerPeople(bot, [...people, stranger]);
  reply = await bot.send(personalMessage(manager, "demo"));
});
afterAll(() => bot.close());

test("demo in the 1:1 chat loads the example board into the board's channel, and says so in both", async () => {
  expect(reply.status).toBe(200);
  const partnership = (await bot.store.partnerships.get(partnershipId, "settings"))?.value;
  expect(partnership).toMatchObject({ name: EXAMPLE_BOARD_NAME, channel: { conversationId: CHANNEL, teamId: TEAM, tenantId: TENANT } });
  // Not into the 1:1 chat itself.
  expect(await bot.store.partnerships.get(partnershipIdFor(TENANT, `a:1on1-${manager.aadObjectId}`), "settings")).toBeUndefined();
  const inChat = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${manager.aadObjectId}`).map((s) => String(s.activity.text ?? ""));
  expect(inChat.join("\n")).toMatch(/board's channel.*roll call/s);
  expect(channelCards()[0]).toContain("is set up in this channel");
});

test("it carries the March 2024 meeting: the roll as recorded, closed not quorate, 3 of 6", async () => {
  const march = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt.startsWith("2024-03-21"))!;
  expect(march).toMatchObject({ state: "closed", title: "Board meeting" });
  const { roll, attendance } = await bot.store.rollCalls.read(partnershipId, march.id);
  expect(roll?.state).toBe("closed");
  const closing = JSON.parse(roll!.closingQuorum!) as { quorate: boolean; headline: string };
  expect(closing.quorate).toBe(false);
  expect(closing.headline).toMatch(/3 of 6/);
  const lines = EXAMPLE_ROSTER_CSV.trim().split("\n").slice(1);
  expect(attendance.filter((a) => a.status === "present")).toHaveLength(lines.filter((l) => l.endsWith(",attended")).length);
  expect(attendance.filter((a) => a.status === "apologies")).toHaveLength(lines.filter((l) => l.endsWith(",apologies")).length);
});

test("its items were circulated for sign-off after it: cards in the channel, listed by sign-offs", async () => {
  const signOffs = await bot.store.signOffs.list(partnershipId);
  expect(signOffs.map((s) => s.title).sort()).toEqual([
    "Annual report 2023/24 (item 6.2, 21 March 2024)",
    "Delivery plan 2024/25 (item 6.5, 21 March 2024)",
    "Strategic assessment 2023 (item 6.4, 21 March 2024)",
  ]);
  expect(signOffs.every((s) => s.state === "open" && s.card?.conversationId === CHANNEL)).toBe(true);
  expect(channelCards().filter((t) => t.includes("Sign-off:"))).toHaveLength(3);
  await bot.send(channelMessage(manager, "sign-offs"));
  expect(lastCardText()).toMatch(/Strategic assessment 2023/);
});

test("my actions and actions show the minutes' actions, with owners and updates", async () => {
  await bot.send(personalMessage(manager, "my actions"));
  const mine = lastCardText();
  expect(mine).toContain("Share a self-assessment");
  expect(mine).toContain("Review the strategic assessment's fixed cohort data");
  expect(mine).toContain("Cohort figures re-run");
  // The chair, who has never spoken to the bot, finds hers in her own 1:1 chat.
  await bot.send(personalMessage(chair, "my actions"));
  expect(lastCardText()).toContain("Draft a letter to statutory partners");
  await bot.send(channelMessage(manager, "actions"));
  expect(lastCardText()).toMatch(/A-2024-00\d/);
  const all = await bot.store.actions.all(partnershipId);
  expect(all.find((a) => a.text.startsWith("Follow up the cancelled"))).toMatchObject({ status: "done", history: [expect.anything(), expect.objectContaining({ to: "done" })] });
});

test("the meeting today means roll call opens at once in the channel, and I'm here checks in", async () => {
  await bot.send(channelMessage(manager, "roll call"));
  const rollCard = bot.connector.sent.filter((s) => s.conversationId === CHANNEL && cardsIn(s.activity).some((c) => cardText(c).startsWith("Roll call:"))).at(-1);
  expect(rollCard).toBeDefined();
  const today = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt.startsWith("2026-12-01"))!;
  const checkIn = await bot.send(cardAction(manager, "roll.checkin", { partnershipId, meetingId: today.id }));
  expect(cardText(invokeCard(checkIn))).toMatch(/You: Present/);
});

test("demo again duplicates nothing and leaves today's open roll alone", async () => {
  const before = await counts();
  const today = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt.startsWith("2026-12-01"))!;
  await bot.send(personalMessage(manager, "demo"));
  expect(await counts()).toEqual(before);
  expect(before).toMatchObject({ meetings: 3, actions: 5, signOffs: 3 });
  expect((await bot.store.meetings.get(partnershipId, today.id))?.value.state).toBe("roll-call-open");
  expect((await bot.store.rollCalls.read(partnershipId, today.id)).roll?.state).toBe("open");
});

test("a demo channel that already belongs to another board is left alone", async () => {
  const other = await startTestBot({ DEMO_CHANNEL_ID: CHANNEL, DEMO_TEAM_ID: TEAM }, () => now);
  try {
    registerPeople(other, people);
    await other.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
    const answer = await other.send(personalMessage(manager, "demo"));
    expect(answer.status).toBe(200);
    expect(String(other.connector.lastPost()?.activity.text)).toMatch(/already belongs to Thurrock CSP/);
    expect((await other.store.partnerships.get(partnershipId, "settings"))?.value.name).toBe("Thurrock CSP");
    expect(await other.store.actions.all(partnershipId)).toEqual([]);
  } finally {
    await other.close();
  }
});

test("README's first tour works with the words it gives, in its order", async () => {
  const say = async (text: string) => {
    await bot.send(channelMessage(manager, text));
    const last = bot.connector.lastPost()!.activity;
    return cardsIn(last).length > 0 ? cardText(cardsIn(last)[0]) : String(last.text);
  };
  expect(await say("roster")).toMatch(/4 of 6/);
  const today = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt.startsWith("2026-12-01"))!;
  await say("roll call"); // opened by the test above when run in order; opens it when run alone
  expect(cardText(invokeCard(await bot.send(cardAction(manager, "roll.checkin", { partnershipId, meetingId: today.id }))))).toMatch(/You: Present/);
  let answer = "";
  for (const name of ["Jenny Barnett", "Michael Dineen", "Michelle Fraser", "Margaret Allen"]) {
    const member = (await bot.store.members.list(partnershipId)).find((m) => m.name === name)!;
    answer = cardText(invokeCard(await bot.send(cardAction(manager, "roll.mark", { partnershipId, meetingId: today.id, memberId: member.id, status: "present" }))));
  }
  expect(answer).toMatch(/✔ Quorate/);
  await say("apologies from Mark Eaglestone for today, operational incident, Russ Freeman will deputise");
  const mark = (await bot.store.rollCalls.read(partnershipId, today.id)).attendance.find((a) => a.reason === "operational incident");
  expect(mark).toMatchObject({ status: "apologies-substitute", substituteName: "Russ Freeman" });
  expect(await say("apologies")).toMatch(/Mark Eaglestone/);
  expect(await say("action for Kate Taylor (Police): share the ASB hotspot figures by the next meeting")).toContain("Owner: Kate Taylor (Police)");
  expect((await bot.store.actions.all(partnershipId)).find((a) => a.text.startsWith("Share the ASB"))).toMatchObject({ ref: "A-2026-001", owners: [{ kind: "outside", name: "Kate Taylor" }] });
  expect(await say("sign-offs")).toMatch(/Annual report 2023\/24/);
  const [signOff] = await bot.store.signOffs.list(partnershipId);
  const vote = await bot.send(cardAction(manager, "signoff.vote", { partnershipId, signOffId: signOff!.id, option: "approve" }));
  expect(JSON.stringify(vote.body)).toMatch(/statutory/i);
  await say('sign-off "Terms of Reference 2024" by 15 December');
  expect((await bot.store.signOffs.list(partnershipId)).map((s) => s.title)).toContain("Terms of Reference 2024");
});

test("every card the demo and the tour sent reads cleanly in Microsoft's renderer", () => {
  const cards = bot.connector.sent.flatMap((s) => cardsIn(s.activity));
  expect(cards.length).toBeGreaterThan(8);
  expect(cards.flatMap((c) => cardProblems(c))).toEqual([]);
});
