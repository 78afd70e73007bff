import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { partnershipIdFor } from "../../storage/keys";
import {
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  examplePeople,
  installInTeam,
  invokeCard,
  invokeMessage,
  person,
  registerPeople,
  startTestBot,
  stranger,
  TENANT,
  TestBot,
} from "../support/teams";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  registerPeople(bot, [...people, stranger]);
});
afterAll(() => bot.close());

const lastCard = () => {
  const last = [...bot.connector.sent].reverse().find((s) => cardsIn(s.activity).length > 0);
  if (!last) throw new Error("no card was sent");
  return cardsIn(last.activity)[0];
};
const roster = () => bot.store.members.list(partnershipId);
const auditCount = async () => (await bot.store.audit.list(partnershipId)).length;

test("installing in a team posts a welcome card in the channel that says how to start", async () => {
  const reply = await bot.send(installInTeam());
  expect(reply.status).toBe(200);
  const sent = bot.connector.lastPost();
  expect(sent?.conversationId).toBe(CHANNEL);
  const text = cardText(cardsIn(sent!.activity)[0]);
  expect(text).toMatch(/setup/);
  expect(text).toMatch(/import roster/);
});

test("setup binds the channel and makes the person who ran it the first manager", async () => {
  const reply = await bot.send(
    cardAction(manager, "setup.save", {
      name: "Thurrock Community Safety Partnership",
      timeZone: "Europe/London",
      quorumCount: "organisations",
      quorumCategories: "statutory",
      quorumRequired: "4",
      deputiesCount: "true",
    }),
  );
  expect(reply.status).toBe(200);
  expect(cardText(invokeCard(reply))).toContain("Thurrock Community Safety Partnership");
  const saved = await bot.store.partnerships.get(partnershipId, "settings");
  expect(saved?.value.quorum).toEqual({ count: "organisations", categories: ["statutory"], required: 4, deputiesCount: true });
  expect(saved?.value.channel.conversationId).toBe(CHANNEL);
  const members = await roster();
  expect(members).toHaveLength(1);
  expect(members[0]).toMatchObject({ email: manager.email, role: "manager", aadObjectId: manager.aadObjectId });
});

test("pasting the fixture roster shows 23 members, 11 statutory across 6 organisations, quorum 4 of 6", async () => {
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  const text = cardText(lastCard());
  expect(text).toContain("Members: 23");
  expect(text).toContain("11 members across 6 organisations");
  expect(text).toContain("4 of 6");
  const members = await roster();
  expect(members.filter((m) => m.status === "active")).toHaveLength(23);
  // The manager who ran setup is the same person as the roster's Michelle Cunningham: matched by email.
  expect(members.filter((m) => m.email === manager.email)).toHaveLength(1);
  expect(members.find((m) => m.email === manager.email)).toMatchObject({ name: "Michelle Cunningham", category: "ex-officio" });
});

test("the import linked members to their Teams identity by email from the team's member list: a first message needs no lookup", async () => {
  const jenny = (await roster()).find((m) => m.email === chair.email);
  expect(jenny?.aadObjectId).toBe(chair.aadObjectId);
  expect(jenny?.teamsUserId).toBe(chair.id);
  const lookupsBefore = bot.connector.memberLookups;
  await bot.send(channelMessage(chair, "roster"));
  expect(bot.connector.memberLookups).toBe(lookupsBefore);
});

test("a CSV with a bad category on line 5 is refused naming line 5, and nothing changes", async () => {
  const before = await roster();
  const audits = await auditCount();
  const lines = EXAMPLE_ROSTER_CSV.trim().split("\n");
  lines[4] = lines[4]!.replace(",statutory,", ",statuatory,");
  await bot.send(channelMessage(manager, `import roster\n${lines.join("\n")}`));
  const text = cardText(lastCard());
  expect(text).toMatch(/Nothing was imported/);
  expect(text).toMatch(/Line 5\b.*statuatory/);
  expect(await roster()).toEqual(before);
  expect(await auditCount()).toBe(audits);
});

test("a non-manager's import and setup are refused and nothing is written", async () => {
  const before = await roster();
  const settings = await bot.store.partnerships.get(partnershipId, "settings");
  const audits = await auditCount();

  await bot.send(channelMessage(chair, `import roster\nname,organisation,category,email\nX,Y,statutory,x@example.org`));
  expect(String(bot.connector.lastPost()?.activity.text)).toMatch(/Only the partnership manager can import/);

  const reply = await bot.send(cardAction(chair, "setup.save", { name: "Hijacked", quorumRequired: "1" }));
  expect(cardText(invokeCard(reply))).not.toContain("Hijacked");

  const strangerReply = await bot.send(cardAction(stranger, "setup.save", { name: "Hijacked" }));
  expect(strangerReply.status).toBe(200);

  expect(await roster()).toEqual(before);
  expect((await bot.store.partnerships.get(partnershipId, "settings"))?.value).toEqual(settings?.value);
  expect(await auditCount()).toBe(audits);
});

test("the manager can change the settings by running setup again", async () => {
  const reply = await bot.send(
    cardAction(manager, "setup.save", { partnershipId, name: "Thurrock CSP Board", quorumRequired: "majority", quorumCategories: "statutory" }),
  );
  const text = cardText(invokeCard(reply));
  expect(text).toContain("Settings saved");
  expect(text).toContain("4 of 6");
  expect((await bot.store.partnerships.get(partnershipId, "settings"))?.value.name).toBe("Thurrock CSP Board");
});

test("re-importing updates members by email, never duplicates, and marks the missing as former", async () => {
  const lines = EXAMPLE_ROSTER_CSV.trim().split("\n");
  const withoutLast2 = lines.filter((l) => !l.startsWith("Jo Broadbent") && !l.startsWith("Greg Myddelton"));
  const renamed = withoutLast2.map((l) => (l.startsWith("Margaret Allen") ? l.replace(",,Mid", ",Director of Nursing,Mid") : l));
  const invoke = await bot.send(cardAction(manager, "roster.import", { partnershipId, csv: renamed.join("\n") }));
  const text = cardText(invokeCard(invoke));
  expect(text).toContain("1 updated");
  expect(text).toContain("2 now former members");
  const members = await roster();
  expect(members).toHaveLength(23);
  expect(members.filter((m) => m.status === "former").map((m) => m.name).sort()).toEqual(["Greg Myddelton", "Jo Broadbent"]);
  expect(members.find((m) => m.name === "Margaret Allen")?.title).toBe("Director of Nursing");
});

test("a redelivered import is applied once", async () => {
  const activity = channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`);
  const audits = await auditCount();
  const sentBefore = bot.connector.sent.length;
  await bot.send(activity);
  await bot.send(activity);
  expect(await auditCount()).toBe(audits + 1);
  expect(bot.connector.sent.length).toBe(sentBefore + 1);
  expect((await roster()).filter((m) => m.status === "active")).toHaveLength(23);
});

test("a card forged with another board's id is refused and writes nothing", async () => {
  const audits = await auditCount();
  const reply = await bot.send(cardAction(manager, "roster.import", { partnershipId: "p0123456789abcdef0123", csv: EXAMPLE_ROSTER_CSV }));
  expect(invokeMessage(reply)).toMatch(/another board/);
  const unknownVerb = await bot.send(cardAction(manager, "roster.wipe", { partnershipId }));
  expect(invokeMessage(unknownVerb)).toMatch(/isn't one I know/);
  expect(await auditCount()).toBe(audits);
});

test("a person not on the roster cannot see it", async () => {
  await bot.send(channelMessage(stranger, "roster"));
  expect(String(bot.connector.lastPost()?.activity.text)).toMatch(/Only members/);
});
