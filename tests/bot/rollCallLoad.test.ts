import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, invokeCard, personalMessage, registerPeople, startTestBot, TENANT, TestBot } from "../support/teams";

// 30 distinct members press "I'm here" in the same moment.

const ORGS = ["Essex Police", "Thurrock Council", "The Probation Service", "Police Fire and Crime Panel", "Essex County Fire and Rescue Service", "Mid and South Essex ICB"];
const members: Person[] = Array.from({ length: 34 }, (_, i) => ({
  id: `29:load-${i}`,
  name: `Member ${String(i).padStart(2, "0")}`,
  email: `member${i}@example.org`,
  aadObjectId: `00000000-0000-4000-8000-${String(100 + i).padStart(12, "0")}`,
}));
const manager = members[0]!;
const csv = [
  "name,title,organisation,category,role,email",
  ...members.map((m, i) => `${m.name},,${ORGS[i % ORGS.length]},${i % 4 ? "statutory" : "non-statutory"},${i === 0 ? "manager" : i === 1 ? "chair" : "member"},${m.email}`),
].join("\n");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({}, () => new Date("2024-03-21T13:58:00Z"));
  registerPeople(bot, members);
  await bot.send(cardAction(manager, "setup.save", { name: "Load CSP", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${csv}`));
  await bot.send(channelMessage(manager, "meeting today 2pm, Board meeting"));
  // Everyone has spoken to the bot before (linked), as on a real board after its first meeting.
  for (const m of members) await bot.send(personalMessage(m, "roster"));
  await bot.send(channelMessage(members[1]!, "roll call"));
});
afterAll(() => bot.close());

test("30 concurrent check-ins: 30 records, each presser gets their own card, the shared card converges, no rate-limit breach", async () => {
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  const cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;
  const pressers = members.slice(2, 32);
  const replies = await Promise.all(pressers.map((m) => bot.send(cardAction(m, "roll.checkin", { partnershipId, meetingId }))));

  replies.forEach((reply) => expect(cardText(invokeCard(reply))).toContain("You: Present (1:58pm)"));
  const records = (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance;
  expect(records).toHaveLength(30);
  expect(new Set(records.map((r) => r.memberId)).size).toBe(30);

  await bot.app.idle();
  const updates = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
  const final = cardText(cardsIn(updates.at(-1)!.activity)[0]);
  expect(final.match(/Present \(1:58pm\)/g)).toHaveLength(30);
  expect(final).toContain("Quorate: 6 of 6");
  // Coalesced: far fewer updates than presses, and none refused by Teams' limits.
  expect(updates.length).toBeLessThan(30);
  expect(bot.connector.breaches).toBe(0);
});

// The answer waits for two round trips (the batch write, the partition read); the audit entry is a
// third write that runs beside them and is not waited for.
test("a warm check-in costs the batch write, one partition read and its audit entry, nothing more", async () => {
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  await bot.app.idle();
  const audits = (await bot.store.audit.list(partnershipId)).length;
  // The shared card's update also paces and leases itself in storage (the Sends table): counted apart.
  const records = () => bot.store.roundTrips() - bot.store.sendRoundTrips();
  const before = records();
  const sendsBefore = bot.store.sendRoundTrips();
  const reply = await bot.send(cardAction(members[32]!, "roll.checkin", { partnershipId, meetingId }));
  expect(cardText(invokeCard(reply))).toContain("You: Present");
  await bot.app.idle();
  // The batch (its audit entry inside, as an outbox row) and the read; after the answer, the entry's
  // copy to the audit table and the outbox row's delete.
  expect(records() - before).toBe(4);
  expect(bot.store.sendRoundTrips() - sendsBefore).toBeLessThanOrEqual(4);
  expect((await bot.store.audit.list(partnershipId)).length).toBe(audits + 1);
});

test("Teams answering 429 with Retry-After, then 500 once: the shared card still converges", async () => {
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  const cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;
  await bot.app.idle();
  bot.connector.failNext(429, 1, 1);
  await bot.send(cardAction(members[33]!, "roll.checkin", { partnershipId, meetingId }));
  await bot.app.idle();
  bot.connector.failNext(500, 1);
  await bot.send(cardAction(members[1]!, "roll.checkin", { partnershipId, meetingId }));
  await bot.app.idle();
  const updates = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
  const final = cardText(cardsIn(updates.at(-1)!.activity)[0]);
  expect(final.match(/Present \(1:58pm\)/g)).toHaveLength(33);
});

test("presses sharing one read (here, second presses) still get their own views: controls only for the chair and manager, nobody's line on the shared card", async () => {
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  const cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;
  const pressers = [members[32]!, members[1]!, members[33]!, manager];
  const replies = await Promise.all(pressers.map((m) => bot.send(cardAction(m, "roll.checkin", { partnershipId, meetingId }))));
  const controls = replies.map((r) => JSON.stringify(invokeCard(r)).includes("Mark attendance"));
  expect(controls).toEqual([false, true, false, true]);
  for (const reply of replies) {
    const text = cardText(invokeCard(reply));
    expect(text.match(/You: /g)).toHaveLength(1);
    expect(text).not.toContain("\u2063");
  }
  await bot.app.idle();
  const shared = cardsIn(bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId).at(-1)!.activity)[0];
  expect(cardText(shared)).not.toContain("You: ");
  expect(JSON.stringify(shared)).not.toContain("Mark attendance");
  expect(JSON.stringify(shared)).not.toContain("\u2063");
  const present = (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.length;
  expect(cardText(shared).match(/Present \(1:58pm\)/g)).toHaveLength(present);
});
