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

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-25T10:00:00Z");
let bot: TestBot;

/** One statutory member of each of the six statutory organisations. */
const sixOrganisations = ["Jenny Barnett", "Michael Dineen", "Michelle Fraser", "Cllr G Collins", "Mark Eaglestone", "Margaret Allen"].map((n) => person(people, n));

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  for (const p of people) await bot.send(personalMessage(p, "roster")); // everyone linked
});
afterAll(() => bot.close());

async function start(title: string, extra = "") {
  await bot.send(channelMessage(chair, `sign-off "${title}" https://thurrock.example.org/csp/doc.pdf by 8 April ${extra}`));
  const list = await bot.store.signOffs.list(partnershipId);
  const signOff = list.find((s) => s.title === title)!;
  return { signOff, ref: { partnershipId, signOffId: signOff.id } };
}
const vote = (p: (typeof people)[number], ref: object, option: string, comment?: string) => bot.send(cardAction(p, "signoff.vote", { ...ref, option, ...(comment ? { comment } : {}) }));
const thread = (cardId: string) => bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${cardId}`).map((s) => String(s.activity.text));

test("`sign-off` posts a card: statutory partners, one vote per organisation, majority, deadline", async () => {
  const { signOff } = await start("Annual report 2023/24");
  expect(Object.values(signOff.eligible).sort()).toHaveLength(6);
  expect(signOff.deadline).toBe("2024-04-08T22:59:00.000Z");
  const posted = bot.connector.sent.find((s) => s.activityId === signOff.card?.activityId)!;
  const text = cardText(cardsIn(posted.activity)[0]);
  expect(text).toContain("Sign-off: Annual report 2023/24");
  expect(text).toContain("Open: 4 more approvals needed");
  expect(text.match(/Yet to vote/g)).toHaveLength(6);
});

test("approved at the 4th approval, the result posted once in the thread, and the buttons go", async () => {
  const { signOff, ref } = await start("Strategic assessment 2023");
  for (const p of sixOrganisations.slice(0, 3)) expect(cardText(invokeCard(await vote(p, ref, "approve")))).toMatch(/Open: \d more approval/);
  const fourth = await vote(sixOrganisations[3]!, ref, "approve");
  expect(cardText(invokeCard(fourth))).toContain("Approved on 25 March 2024");
  const late = await vote(sixOrganisations[4]!, ref, "reject", "too late");
  expect(invokeMessage(late)).toMatch(/closed/);
  await bot.app.idle();
  expect(thread(signOff.card!.activityId)).toEqual([expect.stringMatching(/Strategic assessment 2023\*\* is approved: 4 approved/)]);
  const update = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === signOff.card!.activityId).at(-1)!;
  const card = cardsIn(update.activity)[0]!;
  expect(card.actions ?? []).toHaveLength(0);
  expect((await bot.store.signOffs.list(partnershipId)).find((s) => s.id === signOff.id)?.state).toBe("approved");
});

test("six organisations voting at once: decided once, the result said once", async () => {
  const { signOff, ref } = await start("Delivery plan 2024/25");
  const replies = await Promise.all(sixOrganisations.map((p) => vote(p, ref, "approve")));
  expect(replies.every((r) => r.status === 200)).toBe(true);
  await bot.app.idle();
  const snapshot = await bot.store.signOffs.read(partnershipId, signOff.id);
  expect(snapshot.signOff?.state).toBe("approved");
  expect(snapshot.votes.length).toBeGreaterThanOrEqual(4);
  expect(thread(signOff.card!.activityId)).toHaveLength(1);
});

test("two members of one organisation vote differently: the latest stands, and both are in the history", async () => {
  const { ref, signOff } = await start("Prevent Strategy 24/27");
  await vote(person(people, "Mark Eaglestone"), ref, "reject", "Fire's section is out of date");
  const reply = await vote(person(people, "Russ Freeman"), ref, "approve");
  expect(cardText(invokeCard(reply))).toContain("Your organisation's vote: Approve (Russ Freeman)");
  const votes = (await bot.store.signOffs.read(partnershipId, signOff.id)).votes;
  expect(votes).toEqual([expect.objectContaining({ option: "approve", memberName: "Russ Freeman" })]);
  await bot.app.idle();
  const history = (await bot.store.audit.list(partnershipId)).filter((a) => a.action === "signoff.voted" && a.target.startsWith(signOff.id));
  expect(history.map((h) => (h.after as { option: string }).option).sort()).toEqual(["approve", "reject"]);
});

test("refused and writing nothing: a non-statutory member, a missing comment, a forged option or id", async () => {
  const { ref, signOff } = await start("Terms of reference");
  const audits = (await bot.store.audit.list(partnershipId)).length;
  expect(invokeMessage(await vote(person(people, "Ewelina Sorbjan"), ref, "approve"))).toMatch(/Only statutory members vote/);
  expect(invokeMessage(await vote(person(people, "Jenny Barnett"), ref, "reject"))).toMatch(/comment is needed/);
  expect(invokeMessage(await vote(person(people, "Jenny Barnett"), ref, "approve-amendments"))).toMatch(/comment is needed/);
  expect(invokeMessage(await vote(person(people, "Jenny Barnett"), ref, "yes please"))).toMatch(/isn't one of the options/);
  expect(invokeMessage(await vote(person(people, "Jenny Barnett"), { partnershipId, signOffId: "20240101T000000Z-000000" }, "approve"))).toMatch(/doesn't exist/);
  await bot.app.idle();
  expect((await bot.store.signOffs.read(partnershipId, signOff.id)).votes).toHaveLength(0);
  expect((await bot.store.audit.list(partnershipId)).length).toBe(audits);
});

test("reminders two days before the deadline go once to members of organisations that have not voted; then it expires", async () => {
  const { ref, signOff } = await start("Serious Violence Duty response");
  await vote(person(people, "Jenny Barnett"), ref, "approve");
  const before = bot.connector.sent.length;
  await bot.app.runReminders(new Date("2024-04-07T09:00:00Z"));
  const reminded = bot.connector.sent.slice(before).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("Serious Violence Duty") && cardText(c).includes("has not voted yet")));
  // Essex Police voted: neither of its statutory members is reminded; the other five organisations' members are.
  expect(reminded.map((r) => r.conversationId)).not.toContain(`a:dm-${person(people, "Anthony Atkin").id}`);
  expect(reminded.map((r) => r.conversationId)).toContain(`a:dm-${person(people, "Cheryl Wells").id}`);
  const count = bot.connector.sent.length;
  await bot.app.runReminders(new Date("2024-04-07T12:00:00Z"));
  expect(bot.connector.sent.slice(count).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("has not voted yet")))).toHaveLength(0);

  now = new Date("2024-04-09T09:00:00Z");
  await bot.app.runReminders(now);
  await bot.app.idle();
  expect((await bot.store.signOffs.read(partnershipId, signOff.id)).signOff?.state).toBe("expired");
  expect(thread(signOff.card!.activityId).at(-1)).toMatch(/expired without a decision: 1 approved/);
});

test("after an inquorate meeting the chair circulates its sign-off items to statutory partners", async () => {
  now = new Date("2024-04-18T13:00:00Z");
  await bot.send(channelMessage(manager, "meeting today 2pm to 4:30pm, Board meeting, Civic Offices"));
  await bot.send(channelMessage(manager, "agenda 6.2 Annual report 23/24 for sign-off"));
  await bot.send(channelMessage(manager, "agenda 6.3 Funding report to PFCC 23/24 to sign-off"));
  await bot.send(channelMessage(manager, "agenda 7 Forward plan"));
  now = new Date("2024-04-18T13:55:00Z");
  await bot.send(channelMessage(chair, "roll call"));
  const meetingId = (await bot.store.meetings.list(partnershipId)).find((m) => m.startsAt === "2024-04-18T13:00:00.000Z")!.id;
  const cardId = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll!.activityId!;
  for (const n of ["Jenny Barnett", "Michael Dineen", "Michelle Fraser"]) await bot.send(cardAction(person(people, n), "roll.checkin", { partnershipId, meetingId }));
  await bot.send(cardAction(chair, "roll.close", { partnershipId, meetingId }));
  await bot.app.idle();
  const offer = bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${cardId}` && cardsIn(s.activity).length).map((s) => cardsIn(s.activity)[0]!).find((c) => cardText(c).includes("not quorate"))!;
  expect(cardText(offer)).toContain("6.2 Annual report 23/24");
  expect(cardText(offer)).toContain("6.3 Funding report to PFCC 23/24");
  expect(cardText(offer)).not.toContain("Forward plan");
  const button = (offer.actions as { verb: string; data: Record<string, string> }[])[0]!;

  expect(invokeMessage(await bot.send(cardAction(person(people, "Simon Bell"), button.verb, button.data)))).toMatch(/Only the chair or the partnership manager/);
  const reply = await bot.send(cardAction(chair, button.verb, button.data));
  expect(invokeMessage(reply)).toMatch(/Circulated 2 item/);
  const circulated = (await bot.store.signOffs.list(partnershipId)).filter((s) => s.meetingId === meetingId);
  expect(circulated.map((s) => s.title).sort()).toEqual(["Annual report 23/24 (item 6.2, 18 April 2024)", "Funding report to PFCC 23/24 (item 6.3, 18 April 2024)"]);
  expect(circulated.every((s) => s.deadline === "2024-05-02T22:59:00.000Z" && Object.keys(s.eligible).length === 6)).toBe(true);
});

test("a sign-off decided while a meeting is running stores the quorum at that moment", async () => {
  now = new Date("2024-04-18T15:00:00Z");
  const { ref, signOff } = await start("Minutes of 7 December as a true record");
  for (const p of sixOrganisations.slice(0, 4)) await vote(p, ref, "approve");
  const decided = (await bot.store.signOffs.read(partnershipId, signOff.id)).signOff!;
  expect(decided.state).toBe("approved");
  expect(JSON.parse(decided.quorumSnapshot!)).toMatchObject({ quorate: false, headline: expect.stringContaining("3 of 6") });
});

test("`sign-offs` lists open and recent ones with their state", async () => {
  await bot.app.idle();
  const simon = person(people, "Simon Bell");
  await bot.send(personalMessage(simon, "sign-offs"));
  const reply = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${simon.aadObjectId}`).at(-1)!;
  const text = cardText(cardsIn(reply.activity)[0]);
  expect(text).toMatch(/Annual report 23\/24 \(item 6\.2.*open until 2 May 2024/);
  expect(text).toMatch(/Minutes of 7 December as a true record\*\*: approved/);
});

test("the sign-offs card's form starts one with its own rule; a member cannot", async () => {
  await bot.send(channelMessage(chair, "sign-offs"));
  const list = cardsIn(bot.connector.lastPost()!.activity)[0]!;
  expect((list.actions as { title: string }[]).map((a) => a.title)).toEqual(["Start a sign-off"]);
  const reply = await bot.send(cardAction(chair, "signoff.create", { partnershipId, title: "Data sharing protocol", link: "", deadlineDate: "2024-05-20", voters: "all-members", pass: "at-least", atLeast: "12" }));
  expect(invokeMessage(reply)).toMatch(/Sign-off started: Data sharing protocol/);
  const created = (await bot.store.signOffs.list(partnershipId)).find((s) => s.title === "Data sharing protocol")!;
  expect(created.rule).toEqual({ voters: "all-members", pass: { kind: "at-least", count: 12 } });
  expect(Object.keys(created.eligible)).toHaveLength(23);
  const refused = await bot.send(cardAction(person(people, "Simon Bell"), "signoff.create", { partnershipId, title: "Mine" }));
  expect(invokeMessage(refused)).toMatch(/Only the chair or the partnership manager can start a sign-off/);
  const noCount = await bot.send(cardAction(chair, "signoff.create", { partnershipId, title: "Odd", pass: "at-least" }));
  expect(invokeMessage(noCount)).toMatch(/how many approvals/);
});
