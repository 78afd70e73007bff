import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import {
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  examplePeople,
  installInTeam,
  invokeCard,
  person,
  personalMessage,
  registerPeople,
  startTestBot,
  TEAM,
  TENANT,
  TestBot,
} from "../support/teams";

// A fresh board: Quorate installed in the team, set up and the roster imported, and nobody but the
// manager has ever spoken to it. Identities come from the team's paged member list, not first presses.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const outsider = person(people, "Shelia Coates");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let bot: TestBot;

const roster = () => bot.store.members.list(partnershipId);
const lastCardText = () => {
  const last = [...bot.connector.sent].reverse().find((s) => cardsIn(s.activity).length > 0);
  return cardText(cardsIn(last!.activity)[0]);
};

beforeAll(async () => {
  bot = await startTestBot({}, () => new Date("2024-03-21T13:55:00Z"));
  registerPeople(bot, people);
  // Shelia Coates is on the roster but not (yet) in the team.
  bot.connector.notInTeam.add(outsider.id);
  await bot.send(installInTeam());
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
});
afterAll(() => bot.close());

test("an import links every member in the team in one paged read, and lists the one who isn't to the manager", async () => {
  const pages = bot.connector.pagedReads;
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  expect(bot.connector.pagedReads).toBe(pages + 1);
  const members = await roster();
  for (const p of people.filter((p) => p !== outsider)) {
    expect(members.find((m) => m.email === p.email)).toMatchObject({ aadObjectId: p.aadObjectId, teamsUserId: p.id });
  }
  expect(members.find((m) => m.email === outsider.email)?.aadObjectId).toBeUndefined();
  expect(lastCardText()).toMatch(/Not in this team: Shelia Coates\./);
  // Each of them finds the board from a 1:1 chat through the directory, with no lookup.
  expect(await bot.store.directory.list(`aad~${chair.aadObjectId}`)).toEqual([expect.objectContaining({ partnershipId })]);
  expect(bot.connector.memberLookups).toBe(1); // the manager's own, at setup
});

test("members who never spoke are known at their first message: no member lookup", async () => {
  const lookups = bot.connector.memberLookups;
  await bot.send(personalMessage(chair, "roster"));
  await bot.send(channelMessage(person(people, "Cheryl Wells"), "roster"));
  expect(bot.connector.memberLookups).toBe(lookups);
  expect(lastCardText()).toContain("Thurrock CSP");
});

test("when Teams says someone joined the team, they are linked at once", async () => {
  bot.connector.notInTeam.delete(outsider.id);
  await bot.send({
    ...installInTeam(),
    from: { id: manager.id, aadObjectId: manager.aadObjectId },
    membersAdded: [{ id: outsider.id, aadObjectId: outsider.aadObjectId }],
  });
  const sam = (await roster()).find((m) => m.email === outsider.email);
  expect(sam).toMatchObject({ aadObjectId: outsider.aadObjectId, teamsUserId: outsider.id });
});

test("a paged read refused with 429 is retried after its Retry-After", async () => {
  bot.connector.failMatching((r) => r.path.endsWith("/pagedmembers"), 429, 1, 0);
  const refusedBefore = bot.connector.refused.length;
  const pages = bot.connector.pagedReads;
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  expect(bot.connector.refused.slice(refusedBefore)).toEqual([expect.objectContaining({ status: 429, path: `/v3/conversations/${TEAM}/pagedmembers` })]);
  expect(bot.connector.pagedReads).toBe(pages + 1);
  expect(lastCardText()).not.toMatch(/couldn't read the team/);
});

describe("a big team", () => {
  const crowd: Person[] = Array.from({ length: 1_100 }, (_, i) => ({
    id: `29:crowd-${i}`,
    name: `Crowd ${i}`,
    email: `crowd${i}@example.org`,
    aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
  }));

  test("is read in pages of 500, and a member on the last page is linked", async () => {
    registerPeople(bot, crowd);
    const pages = bot.connector.pagedReads;
    const last = crowd.at(-1)!;
    await bot.send(channelMessage(manager, `add member ${last.name}, , Thurrock Council, non-statutory, member, ${last.email}`));
    // 23 + 1,100 people in the team: three pages, and the one added is linked at once.
    expect(bot.connector.pagedReads).toBe(pages + 3);
    expect((await roster()).find((m) => m.email === last.email)).toMatchObject({ aadObjectId: last.aadObjectId, teamsUserId: last.id });
    await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV.trim()}\n${last.name},,Thurrock Council,non-statutory,member,${last.email}`));
    expect(bot.connector.pagedReads).toBe(pages + 6);
    expect((await roster()).find((m) => m.email === last.email)).toMatchObject({ aadObjectId: last.aadObjectId, teamsUserId: last.id });
    expect(bot.connector.memberReadBreaches).toBe(0);
  });
});

test("a member added who is not in the team is named to the manager on the roster card", async () => {
  await bot.send(channelMessage(manager, "add member Kate Taylor, Inspector, Essex Police, statutory, member, kate.taylor@example.org"));
  expect(lastCardText()).toMatch(/Kate Taylor added to the roster\. Not in this team: Kate Taylor\./);
});

test("a card press from a member linked by the import needs no lookup either", async () => {
  const lookups = bot.connector.memberLookups;
  const reply = await bot.send(cardAction(person(people, "Helen Forster"), "command.run", { command: "roster" }));
  expect(cardText(invokeCard(reply))).toContain("Thurrock CSP");
  expect(bot.connector.memberLookups).toBe(lookups);
});
