import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { meetingChatMessage, meetingEnd, meetingStart, participantJoin, participantLeave, teamsMeeting } from "../support/meetingEvents";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, person, personalMessage, startExampleBoard, stranger, TENANT, TestBot } from "../support/teams";
import { Person } from "../support/connector";

// The roll call following a Teams meeting, driven by events shaped as Teams sends them, through real
// HTTP into the real adapter.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const call = teamsMeeting("board21march");
let now = new Date("2024-03-21T13:50:00Z");
let bot: TestBot;
let meetingId: string;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  bot.connector.meetings.set(call.id, { inMeeting: new Set(), details: { joinUrl: call.joinUrl, title: call.title } });
  await bot.send(channelMessage(manager, `meeting today 2pm to 4:30pm, Board meeting, Teams ${call.joinUrl}`));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  // Before the meeting: the fire service's group commander sends apologies, naming his deputy.
  const fire = person(people, "Mark Eaglestone");
  await bot.send(personalMessage(fire, "Please send my apologies for today's meeting, Kate Taylor will deputise"));
});
afterAll(() => bot.close());

const attendance = async () => (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance;
const rowOf = async (p: Person) => (await attendance()).find((a) => a.memberId === memberIdForEmail(p.email));
const rollCards = () => bot.connector.sent.filter((s) => s.method === "POST" && s.conversationId === CHANNEL && cardsIn(s.activity).some((c) => cardText(c).includes("Roll call:")));
const chatMessages = () => bot.connector.sent.filter((s) => s.conversationId.startsWith(call.chat)).map((s) => String(s.activity.text ?? ""));
const sharedCard = async () => {
  await bot.app.idle();
  const cardId = rollCards()[0]!.activityId;
  const updates = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
  return cardText(cardsIn((updates.at(-1) ?? rollCards()[0]!).activity)[0]);
};
const at = (hhmmss: string) => new Date(`2024-03-21T${hhmmss}Z`);

test("the join link given when scheduling is stored with the meeting", async () => {
  const meeting = (await bot.store.meetings.get(partnershipId, meetingId))!.value;
  expect(meeting.location).toBe("Teams");
  expect(meeting.teams).toMatchObject({ url: expect.stringContaining("meetup-join"), threadId: call.chat });
});

test("an event from another tenant, or for a Teams meeting nobody linked, is ignored and writes nothing", async () => {
  const sentBefore = bot.connector.sent.length;
  const foreign = { ...call, tenant: "0badbad0-0000-4000-8000-000000000000" };
  expect((await bot.send(meetingStart(foreign, at("13:58:00")))).status).toBe(200);
  const unlinked = teamsMeeting("someoneelses");
  await bot.send(meetingStart(unlinked, at("13:58:00")));
  await bot.send(participantJoin(unlinked, [chair], at("13:58:30")));
  // Unreadable events for the linked meeting itself: dropped at the edge.
  await bot.send({ ...participantJoin(call, [chair], at("13:59:00")), value: { members: [{ meeting: { inMeeting: true } }] } });
  await bot.send({ ...participantJoin(call, [chair], at("13:59:00")), value: { members: "everyone" } });
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll).toBeUndefined();
  expect(await attendance()).toEqual([expect.objectContaining({ status: "apologies-substitute" })]);
  expect(bot.connector.sent.length).toBe(sentBefore);
});

test("the meeting's start opens the roll call in the board's channel and says so once in the meeting chat", async () => {
  now = at("14:00:05");
  await bot.send(meetingStart(call, at("14:00:00")));
  expect(rollCards()).toHaveLength(1);
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll).toMatchObject({ state: "open", conversationId: CHANNEL });
  expect(chatMessages()).toEqual([expect.stringMatching(/roll call for \*\*Board meeting\*\* is open in the board's channel/)]);
  // Teams' meeting id is learnt, for joins and `sync attendance`.
  expect((await bot.store.meetings.get(partnershipId, meetingId))!.value.teams?.meetingId).toBe(call.id);
  // Started again (a repeat, or a new start event): nothing new.
  await bot.send(meetingStart(call, at("14:00:30")));
  expect(rollCards()).toHaveLength(1);
  expect(chatMessages()).toHaveLength(1);
});

const twelve = people.filter((p) => !["Mark Eaglestone", "Margaret Allen", "Michelle Cunningham"].includes(p.name)).slice(0, 12);

test("twelve people joining within one second are all Present (online), on one card that converges", async () => {
  now = at("14:01:01");
  const replies = await Promise.all(twelve.map((p, i) => bot.send(participantJoin(call, [p], new Date(at("14:01:00").getTime() + i * 80), i % 2 === 1))));
  expect(replies.every((r) => r.status === 200)).toBe(true);
  for (const p of twelve) expect(await rowOf(p)).toMatchObject({ status: "present", online: true });
  expect(rollCards()).toHaveLength(1);
  const shared = await sharedCard();
  for (const p of twelve) expect(shared).toMatch(new RegExp(`${p.name}[\\s\\S]*?Present, online \\(2:01pm\\)`));
  expect(bot.connector.breaches).toBe(0);
  // Police, council, probation, the panel and fire now represented: the thread says it became quorate, once.
  expect(shared).toContain("Quorate: 5 of 6");
  const thread = bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${rollCards()[0]!.activityId}`).map((s) => String(s.activity.text));
  expect(thread.filter((t) => /became \*\*quorate\*\* at 2:01pm/.test(t))).toHaveLength(1);
  // Each join is audited as a press is, with the person as the actor.
  const audit = await bot.store.audit.list(partnershipId);
  expect(audit.filter((e) => e.action === "attendance.checked_in" && e.target.startsWith(meetingId))).toHaveLength(12);
  expect(audit.find((e) => e.target === `${meetingId}/${memberIdForEmail(chair.email)}` && e.action === "attendance.checked_in")?.actor).toBe(chair.aadObjectId);
});

test("a join delivered twice is recorded once", async () => {
  const icb = person(people, "Margaret Allen");
  const join = participantJoin(call, [icb], at("14:03:00"));
  now = at("14:03:01");
  await bot.send(join);
  await bot.send(join);
  const rows = (await attendance()).filter((a) => a.memberId === memberIdForEmail(icb.email));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: "present", online: true, arrivedAt: "2024-03-21T14:03:00.000Z" });
  const audit = await bot.store.audit.list(partnershipId);
  expect(audit.filter((e) => e.target === `${meetingId}/${memberIdForEmail(icb.email)}`)).toHaveLength(1);
});

test("leaving the call records Left with the time; a late join older than the leave changes nothing; rejoining is Present again", async () => {
  const icb = person(people, "Margaret Allen");
  now = at("15:10:02");
  await bot.send(participantLeave(call, [icb], at("15:10:00")));
  expect(await rowOf(icb)).toMatchObject({ leftAt: "2024-03-21T15:10:00.000Z" });
  expect(await sharedCard()).toContain("Left (3:10pm)");
  // A join that happened before the leave, delivered after it.
  await bot.send(participantJoin(call, [icb], at("15:05:00")));
  expect(await rowOf(icb)).toMatchObject({ leftAt: "2024-03-21T15:10:00.000Z" });
  now = at("15:20:01");
  await bot.send(participantJoin(call, [icb], at("15:20:00")));
  const back = await rowOf(icb);
  expect(back).toMatchObject({ status: "present", online: true, arrivedAt: "2024-03-21T15:20:00.000Z" });
  expect(back?.leftAt).toBeUndefined();
});

test("a deputy named in an apology joining counts as Present as substitute for that member", async () => {
  const fire = person(people, "Mark Eaglestone");
  const kate: Person = { id: "29:kate-taylor", name: "Kate Taylor", email: "kate.taylor@essex-fire.example", aadObjectId: "00000000-0000-4000-8000-00000000ca7e" };
  bot.connector.people.set(kate.id, kate);
  now = at("14:05:01");
  await bot.send(participantJoin(call, [kate], at("14:05:00")));
  expect(await rowOf(fire)).toMatchObject({ status: "present-substitute", substituteName: "Kate Taylor", online: true });
  const shared = await sharedCard();
  expect(shared).toContain("Present as substitute: Kate Taylor, online");
  expect(shared).not.toContain("Not represented: Essex County Fire and Rescue Service");
});

test("a stranger joining is listed In attendance by name and never counts", async () => {
  const before = await sharedCard();
  const headline = /(Not quorate|Quorate): \d+ of 6/.exec(before)?.[0];
  now = at("14:06:01");
  await bot.send(participantJoin(call, [stranger], at("14:06:00")));
  const guest = (await attendance()).find((a) => a.guestName === "Sam Stranger");
  expect(guest).toMatchObject({ status: "in-attendance", online: true });
  const after = await sharedCard();
  expect(after).toContain("Sam Stranger");
  expect(after).toContain(headline!);
});

test("sync attendance asks Teams about members not yet recorded and checks in those in the call", async () => {
  const late = person(people, "Helen Forster");
  // Linked to Teams earlier (they used the bot), but her join event never came.
  await bot.send(channelMessage(late, "roster"));
  bot.connector.meetings.get(call.id)!.inMeeting.add(late.aadObjectId);
  const member = person(people, "Howard Oldstein");
  await bot.send(channelMessage(member, "sync attendance"));
  expect(String(bot.connector.lastPost()?.activity.text)).toMatch(/Only the chair, the vice-chair or the partnership manager/);
  const lookupsBefore = bot.connector.participantLookups;
  now = at("14:10:00");
  await bot.send(channelMessage(chair, "sync attendance"));
  expect(String(bot.connector.lastPost()?.activity.text)).toMatch(/In the call and now checked in: Helen Forster/);
  expect(await rowOf(late)).toMatchObject({ status: "present", online: true });
  expect(bot.connector.participantLookups).toBeGreaterThan(lookupsBefore);
  expect(bot.connector.readBreaches).toBe(0);
  // In the meeting's own chat it finds the linked meeting the same way.
  const another = person(people, "Aliyah Monroe");
  await bot.send(channelMessage(another, "roster"));
  bot.connector.meetings.get(call.id)!.inMeeting.add(another.aadObjectId);
  await bot.send(meetingChatMessage(call, chair, "sync attendance"));
  expect(chatMessages().at(-1)).toMatch(/In the call and now checked in: Aliyah Monroe/);
  expect(await rowOf(another)).toMatchObject({ status: "present", online: true });
});

test("the meeting's end closes the roll with the quorum snapshot and offers the draft minutes to the manager, whose button drafts them", async () => {
  now = at("16:30:05");
  await bot.send(meetingEnd(call, at("16:30:00")));
  const roll = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll;
  expect(roll?.state).toBe("closed");
  const snapshot = JSON.parse(roll!.closingQuorum!) as { quorate: boolean; present: string[] };
  expect(snapshot.present).toContain(memberIdForEmail(chair.email));
  expect(chatMessages().at(-1)).toMatch(/roll call for \*\*Board meeting\*\* closed at 4:30pm/);
  await bot.app.idle();
  const offer = bot.connector.sent.filter((s) => s.conversationId === `a:dm-${manager.id}`).map((s) => cardText(cardsIn(s.activity)[0]));
  expect(offer).toEqual([expect.stringMatching(/draft its minutes/)]);
  // Its button runs the papers' `minutes` for this meeting, in the manager's 1:1 chat.
  const button = JSON.stringify(cardsIn(bot.connector.sent.find((s) => s.conversationId === `a:dm-${manager.id}`)!.activity)[0]);
  expect(button).toContain('"verb":"papers.minutes"');
  const sentBefore = bot.connector.sent.length;
  const reply = await bot.send(cardAction(manager, "papers.minutes", { partnershipId, meetingId }, "personal"));
  const answered = JSON.stringify(reply.body) + JSON.stringify(bot.connector.sent.slice(sentBefore).map((s) => s.activity));
  expect(answered).toMatch(/Draft minutes: Board meeting/);
  // Ended again: nothing new.
  await bot.send(meetingEnd(call, at("16:31:00")));
  await bot.app.idle();
  expect(bot.connector.sent.filter((s) => s.conversationId === `a:dm-${manager.id}`)).toHaveLength(1);
});
