import { partnershipIdFor } from "../../storage/keys";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, invokeCard, person, startExampleBoard, TENANT, TestBot } from "../support/teams";

// Who votes and what passes are two things: in the command, the help and the card. "all members" once
// read as who votes, and passed on a majority with ten members silent.

const people = examplePeople();
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let bot: TestBot;

beforeAll(async () => {
  bot = await startExampleBoard(() => new Date("2024-03-25T10:00:00Z"));
});
afterAll(() => bot.close());

const signOffCalled = async (title: string) => (await bot.store.signOffs.list(partnershipId)).find((s) => s.title === title);
const cardOf = (activityId: string) => cardText(cardsIn(bot.connector.sent.find((s) => s.activityId === activityId)!.activity)[0]);

test("the card says who votes and what passes as two separate things", async () => {
  await bot.send(channelMessage(chair, `sign-off "Annual report 2023/24" by 8 April`));
  const text = cardOf((await signOffCalled("Annual report 2023/24"))!.card!.activityId);
  expect(text).toContain("Who votes: Statutory partners, one vote per organisation");
  expect(text).toContain("What passes: A majority of the organisations who may vote approves (4 of 6); silence is not a vote");
});

test('"all members" on its own is asked about, and nothing is started', async () => {
  await bot.send(channelMessage(chair, `sign-off "Terms of reference" all members`));
  expect(String(bot.connector.lastPost()!.activity.text)).toMatch(/could mean who votes or what passes.*votes: all members.*passes: unanimous/);
  expect(await signOffCalled("Terms of reference")).toBeUndefined();
});

test("every member votes and every one must approve: a majority with the rest silent does not pass it", async () => {
  await bot.send(channelMessage(chair, `sign-off "Terms of reference", votes: all members, passes: unanimous`));
  const signOff = (await signOffCalled("Terms of reference"))!;
  expect(signOff.rule).toEqual({ voters: "all-members", pass: { kind: "unanimous" } });
  const text = cardOf(signOff.card!.activityId);
  expect(text).toContain("Who votes: All members, one vote each");
  expect(text).toContain("What passes: Every one of the members who may vote approves (23 of 23)");
  const voters = people.slice(0, 13);
  let last;
  for (const p of voters) last = await bot.send(cardAction(p, "signoff.vote", { partnershipId, signOffId: signOff.id, option: "approve" }));
  expect(cardText(invokeCard(last!))).toMatch(/Open: 10 more approvals needed/);
  expect((await bot.store.signOffs.read(partnershipId, signOff.id)).signOff!.state).toBe("open");
});

test("the help lists who votes and what passes as two choices", async () => {
  await bot.send(channelMessage(chair, "help"));
  const help = cardText(cardsIn(bot.connector.lastPost()!.activity)[0]);
  expect(help).toContain("[votes: statutory partners | all members] [passes: majority | unanimous | at least N]");
});
