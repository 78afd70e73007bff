import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
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
  stranger,
  TENANT,
  TestBot,
} from "../support/teams";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const icb = person(people, "Margaret Allen");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
// Thursday 21 March 2024, just before the 2pm board.
let now = new Date("2024-03-21T13:55:00Z");
let bot: TestBot;
let meetingId: string;
let cardId: string;

/** The people the minutes record as attending, in roster order. */
const attended = EXAMPLE_ROSTER_CSV.trim().split("\n").slice(1).filter((l) => l.endsWith(",attended")).map((l) => l.split(",")[0]!);

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting today 2pm to 4:30pm, Board meeting, Civic Offices"));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
});
afterAll(() => bot.close());

const ref = () => ({ partnershipId, meetingId });
const attendance = async () => (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance;
const auditCount = async () => (await bot.store.audit.list(partnershipId)).length;
/** The shared message as everyone now sees it: the last update of the roll-call card. */
const sharedCard = async () => {
  await bot.app.idle();
  const updates = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
  return cardText(cardsIn(updates.at(-1)!.activity)[0]);
};
const threadMessages = () => bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${cardId}`).map((s) => String(s.activity.text));

test("only the chair, vice-chair or manager can call the roll", async () => {
  await bot.send(channelMessage(person(people, "Howard Oldstein"), "roll call"));
  expect(String(bot.connector.lastPost()?.activity.text)).toMatch(/Only the chair, the vice-chair or the partnership manager can call the roll/);
  expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll).toBeUndefined();
});

test("the chair opens the roll for today's meeting: one card in the channel, nobody yet present", async () => {
  await bot.send(channelMessage(chair, "roll call"));
  const posted = bot.connector.sent.filter((s) => s.method === "POST" && s.conversationId === CHANNEL && cardsIn(s.activity).length > 0);
  const card = cardsIn(posted.at(-1)!.activity)[0]!;
  cardId = posted.at(-1)!.activityId;
  const text = cardText(card);
  expect(text).toContain("Roll call: Board meeting");
  expect(text).toContain("Not quorate: 0 of 6 statutory partners present, 4 needed.");
  expect(text).toContain("Not yet");
  const roll = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll;
  expect(roll).toMatchObject({ state: "open", activityId: cardId });
  expect((await bot.store.meetings.get(partnershipId, meetingId))?.value.state).toBe("roll-call-open");
});

test("asking again points to the open card instead of posting a second", async () => {
  const posts = bot.connector.sent.filter((s) => s.method === "POST").length;
  await bot.send(channelMessage(chair, "roll call"));
  const all = bot.connector.sent.filter((s) => s.method === "POST");
  expect(all).toHaveLength(posts + 1);
  expect(String(all.at(-1)?.activity.text)).toMatch(/already open/);
});

test("the fixture meeting replayed: its attendees checking in give Not quorate, 3 of 6", async () => {
  for (const name of attended) {
    const reply = await bot.send(cardAction(person(people, name), "roll.checkin", ref()));
    expect(cardText(invokeCard(reply))).toMatch(/You: Present \(1:55pm\)/);
  }
  const shared = await sharedCard();
  expect(shared).toContain("Not quorate: 3 of 6 statutory partners present, 4 needed.");
  expect(shared).toContain("Not represented: Essex County Fire and Rescue Service, Mid and South Essex ICB, Police Fire and Crime Panel.");
  expect(shared).not.toContain("You:");
  expect(threadMessages()).toHaveLength(0);
  expect(await attendance()).toHaveLength(attended.length);
});

test("the ICB member arriving makes it quorate, 4 of 6, and the thread says so once", async () => {
  now = new Date("2024-03-21T14:07:00Z");
  const reply = await bot.send(cardAction(icb, "roll.checkin", ref()));
  expect(cardText(invokeCard(reply))).toContain("Quorate: 4 of 6 statutory partners present, 4 needed.");
  expect(await sharedCard()).toContain("Quorate: 4 of 6");
  // A second press and a retried delivery change nothing and say nothing again.
  const again = cardAction(icb, "roll.checkin", ref());
  await bot.send(again);
  await bot.send(again);
  await bot.app.idle();
  expect(threadMessages()).toEqual([expect.stringMatching(/became \*\*quorate\*\* at 2:07pm: 4 of 6/)]);
  const margaret = (await attendance()).find((a) => a.memberId === memberIdForEmail(icb.email));
  expect(margaret?.arrivedAt).toBe("2024-03-21T14:07:00.000Z");
});

test("a departure recorded by the chair flips it back, and the thread says so", async () => {
  now = new Date("2024-03-21T15:30:00Z");
  const reply = await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: memberIdForEmail(icb.email), status: "left" }));
  const text = cardText(invokeCard(reply));
  expect(text).toContain("Not quorate: 3 of 6");
  expect(text).toContain("Left (3:30pm)");
  expect(await sharedCard()).toContain("Not quorate: 3 of 6");
  await bot.app.idle();
  expect(threadMessages().at(-1)).toMatch(/no longer quorate.*3:30pm.*Not represented: .*Mid and South Essex ICB/);
  expect(threadMessages()).toHaveLength(2);
});

test("the chair's view has the controls; a member's view does not", async () => {
  const chairView = await bot.send(cardAction(chair, "roll.refresh", ref()));
  const titles = (c: Record<string, unknown>) => (c.actions as { title: string }[]).map((a) => a.title);
  expect(titles(invokeCard(chairView))).toEqual(expect.arrayContaining(["I'm here", "Mark attendance", "Close roll call"]));
  const memberView = await bot.send(cardAction(person(people, "Simon Bell"), "roll.refresh", ref()));
  expect(titles(invokeCard(memberView))).toEqual(["I'm here"]);
  const refresh = invokeCard(memberView).refresh as { userIds: string[]; action: { verb: string } };
  expect(refresh.action.verb).toBe("roll.refresh");
  expect(refresh.userIds).toContain(person(people, "Simon Bell").id);
  expect(refresh.userIds.length).toBeLessThanOrEqual(60);
});

test("a deputy counts for the member's organisation; a guest is in attendance and never counts", async () => {
  const fire = person(people, "Mark Eaglestone");
  const deputy = await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: memberIdForEmail(fire.email), status: "present-substitute", substituteName: "Stn Cdr Lee Harris" }));
  expect(cardText(invokeCard(deputy))).toContain("Present as substitute: Stn Cdr Lee Harris");
  expect(cardText(invokeCard(deputy))).toContain("Quorate: 4 of 6");
  const guest = await bot.send(cardAction(chair, "roll.guest", { ...ref(), guestName: "Kate Taylor", guestOrganisation: "Essex Police" }));
  const text = cardText(invokeCard(guest));
  expect(text).toContain("Kate Taylor");
  expect(text).toContain("In attendance");
  expect(text).toContain("Quorate: 4 of 6");
  const missingName = await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: memberIdForEmail(fire.email), status: "present-substitute" }));
  expect(invokeMessage(missingName)).toMatch(/substitute's name/);
});

test("a member with apologies who turns up becomes present", async () => {
  const collins = person(people, "Cllr G Collins");
  await bot.send(cardAction(chair, "roll.mark", { ...ref(), memberId: memberIdForEmail(collins.email), status: "apologies" }));
  expect((await attendance()).find((a) => a.memberId === memberIdForEmail(collins.email))?.status).toBe("apologies");
  const reply = await bot.send(cardAction(collins, "roll.checkin", ref()));
  expect(cardText(invokeCard(reply))).toContain("You: Present (3:30pm)");
  expect(cardText(invokeCard(reply))).toContain("Quorate: 5 of 6");
});

test("closing keeps recording late arrivals and departures, with their times; the chair can reopen", async () => {
  const closed = await bot.send(cardAction(chair, "roll.close", ref()));
  expect(cardText(invokeCard(closed))).toMatch(/Roll call closed at 3:30pm/);
  const roll = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll!;
  expect(JSON.parse(roll.closingQuorum!)).toMatchObject({ quorate: true });
  now = new Date("2024-03-21T15:45:00Z");
  const late = await bot.send(cardAction(person(people, "Russ Freeman"), "roll.checkin", ref()));
  expect(cardText(invokeCard(late))).toContain("You: Present (3:45pm)");
  const reopened = await bot.send(cardAction(chair, "roll.reopen", ref()));
  expect((invokeCard(reopened).actions as { title: string }[]).map((a) => a.title)).toContain("Close roll call");
});

describe("untrusted input changes nothing", () => {
  const unchanged = async (run: () => Promise<void>) => {
    await bot.app.idle();
    const [before, audits] = [await attendance(), await auditCount()];
    await run();
    await bot.app.idle();
    expect(await attendance()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  };

  test("a person not on the roster is told so", () =>
    unchanged(async () => {
      const reply = await bot.send(cardAction(stranger, "roll.checkin", ref()));
      expect(invokeMessage(reply)).toMatch(/not on this board's roster/);
    }));

  test("another meeting's id, another partnership's id, a made-up verb, a missing field", () =>
    unchanged(async () => {
      const simon = person(people, "Simon Bell");
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.checkin", { partnershipId, meetingId: "20240322T140000Z-abcdef" })))).toMatch(/isn't open/);
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.checkin", { partnershipId: "p00000000000000000000", meetingId })))).toMatch(/another board/);
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.teleport", ref())))).toMatch(/isn't one I know/);
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.checkin", { partnershipId })))).toMatch(/Nothing was changed/);
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.checkin", { partnershipId, meetingId: "../../etc" })))).toMatch(/does not name a meeting/);
    }));

  test("a member pressing the chair's buttons is refused", () =>
    unchanged(async () => {
      const simon = person(people, "Simon Bell");
      const reply = await bot.send(cardAction(simon, "roll.mark", { ...ref(), memberId: memberIdForEmail(simon.email), status: "absent" }));
      expect(invokeMessage(reply)).toMatch(/Only the chair, the vice-chair or the partnership manager/);
      expect(invokeMessage(await bot.send(cardAction(simon, "roll.close", ref())))).toMatch(/Only the chair/);
    }));
});

test("every change is in the audit table", async () => {
  const actions = (await bot.store.audit.list(partnershipId)).map((a) => a.action);
  for (const expected of ["roll.opened", "attendance.checked_in", "attendance.marked", "attendance.guest_added", "quorum.changed", "roll.closed", "roll.reopened", "attendance.changed"]) {
    expect(actions).toContain(expected);
  }
});
