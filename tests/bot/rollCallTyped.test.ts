import { Attendance } from "../../bot/domain/types";
import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { cardAction, CHANNEL, channelMessage, examplePeople, person, startExampleBoard, TENANT, TestBot } from "../support/teams";

// The roll-call card's chair controls typed in the channel: the same records, audit entries and shared
// card as the buttons, and refused to members just as the buttons are.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const member = person(people, "Howard Oldstein");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const now = new Date("2024-03-21T14:05:00Z");
let bot: TestBot;
let meetingId: string;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting today 2pm to 4:30pm, Board meeting, Civic Offices"));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  await bot.send(channelMessage(chair, "roll call"));
});
afterAll(() => bot.close());

const ref = () => ({ partnershipId, meetingId });
const idOf = (name: string) => memberIdForEmail(person(people, name).email);
const rowOf = async (id: string) => (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.find((a) => a.memberId === id);
// The bot's last answer in words (the shared card's update may land after it).
const lastText = () => String(bot.connector.sent.filter((s) => s.method === "POST").at(-1)?.activity.text ?? "");
/** What a record says, without who it is about. */
const shape = (a: Attendance | undefined) => a && { status: a.status, substituteName: a.substituteName, recordedBy: a.recordedBy, arrived: a.arrivedAt !== undefined, left: a.leftAt !== undefined };
const auditOf = async (id: string) => (await bot.store.audit.list(partnershipId)).filter((e) => e.target === `${meetingId}/${id}`).map((e) => ({ action: e.action, actor: e.actor }));

test("members are refused every typed control, and nothing is written", async () => {
  const before = (await bot.store.audit.list(partnershipId)).length;
  for (const text of ["close roll call", "reopen roll call", "mark Anthony Atkin present", "Kate Taylor is here for Mark Eaglestone", "add guest Pat Jones, Home Office"]) {
    await bot.send(channelMessage(member, text));
    expect(lastText()).toMatch(/Only the chair, the vice-chair or the partnership manager can do that/);
  }
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).attendance).toEqual([]);
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll?.state).toBe("open");
  expect((await bot.store.audit.list(partnershipId)).length).toBe(before);
});

test("mark <name> present gives the record the card's Mark attendance gives", async () => {
  await bot.send(channelMessage(chair, "mark Anthony Atkin present"));
  expect(lastText()).toBe("Recorded Anthony Atkin present.");
  await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: idOf("Cheryl Wells"), status: "present" }));
  const typed = await rowOf(idOf("Anthony Atkin"));
  expect(shape(typed)).toEqual(shape(await rowOf(idOf("Cheryl Wells"))));
  expect(shape(typed)).toEqual({ status: "present", substituteName: undefined, recordedBy: idOf("Jenny Barnett"), arrived: true, left: false });
  expect(await auditOf(idOf("Anthony Atkin"))).toEqual(await auditOf(idOf("Cheryl Wells")));
});

test("<deputy> is here for <name> records a substitute as the card does", async () => {
  await bot.send(channelMessage(chair, "Kate Taylor is here for Mark Eaglestone"));
  expect(lastText()).toMatch(/Recorded Kate Taylor present as substitute for Mark Eaglestone/);
  await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: idOf("Russ Freeman"), status: "present-substitute", substituteName: "Kate Taylor" }));
  expect(shape(await rowOf(idOf("Mark Eaglestone")))).toEqual(shape(await rowOf(idOf("Russ Freeman"))));
  expect((await rowOf(idOf("Mark Eaglestone")))?.substituteName).toBe("Kate Taylor");
});

test("mark <name> left and apologies, as the card does", async () => {
  await bot.send(channelMessage(chair, "mark Anthony Atkin left"));
  await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: idOf("Cheryl Wells"), status: "left" }));
  expect(shape(await rowOf(idOf("Anthony Atkin")))).toEqual(shape(await rowOf(idOf("Cheryl Wells"))));
  expect((await rowOf(idOf("Anthony Atkin")))?.leftAt).toBe(now.toISOString());
  await bot.send(channelMessage(chair, "mark Cllr Jefferies apologies"));
  await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: idOf("Clare Moore"), status: "apologies" }));
  expect(shape(await rowOf(idOf("Cllr Jefferies")))).toEqual(shape(await rowOf(idOf("Clare Moore"))));
  // Someone not on the roster is refused by name, and nothing is written.
  await bot.send(channelMessage(chair, "mark Nobody Atall present"));
  expect(lastText()).toMatch(/No member called "Nobody Atall"/);
});

test("add guest <name>, <organisation> records them in attendance as the card does", async () => {
  await bot.send(channelMessage(chair, "add guest Pat Jones, Home Office"));
  await bot.send(cardAction(chair, "roll.guest", { ...ref(), guestName: "Sam Reed", guestOrganisation: "Home Office" }));
  const rows = (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.filter((a) => a.status === "in-attendance");
  const pat = rows.find((a) => a.guestName === "Pat Jones");
  const sam = rows.find((a) => a.guestName === "Sam Reed");
  expect(pat).toMatchObject({ guestOrganisation: "Home Office", recordedBy: idOf("Jenny Barnett") });
  expect(shape(pat)).toEqual(shape(sam));
});

test("close roll call stores the quorum snapshot as the card's Close does; reopen roll call reopens it", async () => {
  await bot.send(channelMessage(chair, "close roll call"));
  const closed = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll;
  expect(closed?.state).toBe("closed");
  expect(JSON.parse(closed!.closingQuorum!)).toMatchObject({ quorate: expect.any(Boolean), present: expect.arrayContaining([idOf("Mark Eaglestone")]) });
  await bot.send(channelMessage(chair, "reopen roll call"));
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll?.state).toBe("open");
  await bot.send(cardAction(chair, "roll.close", ref()));
  const byCard = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll;
  expect(Object.keys(JSON.parse(byCard!.closingQuorum!)).sort()).toEqual(Object.keys(JSON.parse(closed!.closingQuorum!)).sort());
  const actions = (await bot.store.audit.list(partnershipId)).filter((e) => e.target === meetingId).map((e) => e.action);
  expect(actions.filter((a) => a === "roll.closed")).toHaveLength(2);
  expect(actions).toContain("roll.reopened");
});
