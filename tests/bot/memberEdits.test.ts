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
  startExampleBoard,
  TENANT,
  TestBot,
} from "../support/teams";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let bot: TestBot;

beforeAll(async () => {
  bot = await startExampleBoard();
});
afterAll(() => bot.close());

const lastText = () => {
  const activity = bot.connector.lastPost()!.activity;
  return String(activity.text ?? "") + cardsIn(activity).map(cardText).join("\n");
};
const find = async (email: string) => (await bot.store.members.get(partnershipId, memberIdForEmail(email)))?.value;

test("add member by command goes through the import checks and adds one member", async () => {
  await bot.send(channelMessage(manager, "add member Kate Taylor, Inspector, Essex Police, statutory, member, kate.taylor@example.org"));
  expect(lastText()).toContain("Kate Taylor added");
  expect(await find("kate.taylor@example.org")).toMatchObject({ organisation: "Essex Police", category: "statutory", status: "active" });

  await bot.send(channelMessage(manager, "add member Bad Person, , Somewhere, wizard, member, bad@example.org"));
  expect(lastText()).toMatch(/Nothing was added.*wizard/);
  expect(await find("bad@example.org")).toBeUndefined();
});

test("add member from the roster card form", async () => {
  const reply = await bot.send(
    cardAction(manager, "member.add", { partnershipId, name: "Ravi Patel", title: "", organisation: "Mid and South Essex ICB", addCategory: "statutory", addRole: "member", email: "ravi.patel@example.org" }),
  );
  expect(cardText(invokeCard(reply))).toContain("Ravi Patel added");
  expect(await find("ravi.patel@example.org")).toMatchObject({ name: "Ravi Patel", status: "active" });
});

test("set role and set category change one member, and are audited", async () => {
  await bot.send(channelMessage(manager, "set role Cheryl Wells to vice-chair"));
  expect(lastText()).toContain("Cheryl Wells is now statutory, vice-chair");
  await bot.send(channelMessage(manager, "set category helen.forster@example.org to statutory"));
  expect((await find("helen.forster@example.org"))?.category).toBe("statutory");
  const audit = await bot.store.audit.list(partnershipId);
  expect(audit.filter((a) => a.action === "member.changed")).toHaveLength(2);
});

test("an ambiguous name is asked about, never guessed", async () => {
  await bot.send(channelMessage(manager, "set role Mark to chair"));
  expect(lastText()).toMatch(/matches .*Mark Eaglestone.*Mark Tebbs/);
});

test("remove member marks them former; the last manager cannot be removed or demoted", async () => {
  const reply = await bot.send(cardAction(manager, "member.remove", { partnershipId, memberId: memberIdForEmail("mark.tebbs@example.org") }));
  expect(cardText(invokeCard(reply))).toContain("Mark Tebbs is now a former member");
  expect((await find("mark.tebbs@example.org"))?.status).toBe("former");

  await bot.send(channelMessage(manager, `remove member ${manager.email}`));
  expect(lastText()).toMatch(/at least one partnership manager/);
  await bot.send(channelMessage(manager, `set role ${manager.email} to member`));
  expect(lastText()).toMatch(/at least one partnership manager/);
  expect((await find(manager.email))?.role).toBe("manager");
});

test("the chair cannot edit the roster, and nothing changes", async () => {
  await bot.send(channelMessage(chair, "roster")); // first contact links the chair's Teams identity
  const before = await bot.store.members.list(partnershipId);
  const reply = await bot.send(cardAction(chair, "member.update", { partnershipId, memberId: memberIdForEmail(chair.email), editRole: "manager" }));
  expect(invokeMessage(reply)).toMatch(/Only the partnership manager can change the roster/);
  await bot.send(channelMessage(chair, "remove member Cheryl Wells"));
  expect(lastText()).toMatch(/Only the partnership manager/);
  expect(await bot.store.members.list(partnershipId)).toEqual(before);
});

test("a forged member id or role value is refused with a message", async () => {
  const forgedId = await bot.send(cardAction(manager, "member.update", { partnershipId, memberId: "m00000000000000000000", editRole: "chair" }));
  expect(invokeMessage(forgedId)).toMatch(/not on the roster/);
  const forgedRole = await bot.send(cardAction(manager, "member.update", { partnershipId, memberId: memberIdForEmail(chair.email), editRole: "emperor" }));
  expect(invokeMessage(forgedRole)).toMatch(/Nothing was changed/);
  expect((await find(chair.email))?.role).toBe("chair");
});
