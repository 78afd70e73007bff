import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, invokeCard, person, personalMessage, startExampleBoard, TENANT, TestBot } from "../support/teams";

// What the bot says is what happened. A write followed by a post either completes or is undone, and the
// person is told which (the connector stub failing posts with 502); and a late redelivery of a press
// (Teams sends the same activity, with its timestamp, again) never overrides a change made since.

const people = examplePeople();
const chair = person(people, "Jenny Barnett");
const simon = person(people, "Simon Bell");
const police = person(people, "Anthony Atkin");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let clock = new Date("2024-03-21T13:55:00Z");
let bot: TestBot;
let meetingId: string;

beforeAll(async () => {
  bot = await startExampleBoard(() => clock);
  for (const p of people) await bot.send(personalMessage(p, "roster")); // everyone linked
  await bot.send(channelMessage(person(people, "Michelle Cunningham"), `action for <at>${simon.name}</at>: circulate the Prevent strategy by 20 June`));
  await bot.send(channelMessage(chair, "meeting today 2pm to 4pm, Board meeting, Civic Offices"));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
});
afterAll(() => bot.close());

const postsToChannel = (r: { method: string; path: string }) => r.method === "POST" && r.path.startsWith(`/v3/conversations/${CHANNEL}/activities`);
const openSignOffs = async (title: string) => (await bot.store.signOffs.list(partnershipId)).filter((s) => s.title === title && s.state === "open");
const textsSince = (from: number) => bot.connector.sent.slice(from).map((s) => String(s.activity.text ?? ""));

test("a sign-off card post that gets four 502s is retried: one sign-off, with its card", async () => {
  bot.connector.failMatching(postsToChannel, 502, 4);
  const sent = bot.connector.sent.length;
  await bot.send(channelMessage(chair, `sign-off "Delivery plan 2024/25" by 8 April`));
  const [signOff, ...more] = await openSignOffs("Delivery plan 2024/25");
  expect(more).toEqual([]);
  expect(signOff?.card?.activityId).toBeDefined();
  expect(bot.connector.sent.slice(sent).filter((s) => s.activityId === signOff!.card!.activityId)).toHaveLength(1);
  expect(textsSince(sent).some((t) => /nothing was changed/i.test(t))).toBe(false);
});

test("a sign-off card Teams will not take is undone and the chair told so; trying again starts exactly one", async () => {
  // Every post of its card fails, however often the bot (and the connector client under it) retries.
  let failing = true;
  bot.connector.failMatching((r) => failing && postsToChannel(r) && !r.path.includes(";messageid="), 502, 1_000);
  const sent = bot.connector.sent.length;
  await bot.send(channelMessage(chair, `sign-off "Terms of reference" by 8 April`));
  failing = false;
  expect(await openSignOffs("Terms of reference")).toEqual([]);
  expect(textsSince(sent)).toEqual([expect.stringMatching(/couldn't post the card for "Terms of reference".*not started and nothing was changed/)]);

  await bot.send(channelMessage(chair, `sign-off "Terms of reference" by 8 April`));
  const open = await openSignOffs("Terms of reference");
  expect(open).toHaveLength(1);
  expect(open[0]!.card?.activityId).toBeDefined();
}, 120_000);

test("the roll call's 'Outstanding actions' line survives four 502s", async () => {
  // The card's post goes through; the line after it in the thread fails four times, then lands.
  bot.connector.failMatching((r) => postsToChannel(r) && r.path.includes(";messageid="), 502, 4);
  await bot.send(channelMessage(chair, "roll call"));
  await bot.app.idle();
  const roll = (await bot.store.rollCalls.read(partnershipId, meetingId)).roll!;
  const thread = bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${roll.activityId}`);
  expect(thread.some((s) => cardsIn(s.activity).some((c) => /Outstanding actions: 1/.test(cardText(c))))).toBe(true);
});

/** Pressed now, by the test's clock: Teams stamps each activity, and a redelivery carries the same stamp. */
const stamped = <T extends object>(activity: T) => ({ ...activity, timestamp: clock.toISOString() });

test("a check-in redelivered late, after the chair recorded the member as left, leaves them left", async () => {
  const press = stamped(cardAction(simon, "roll.checkin", { partnershipId, meetingId }));
  expect(cardText(invokeCard(await bot.send(press)))).toContain("You: Present");
  clock = new Date(clock.getTime() + 5 * 60_000);
  await bot.send(cardAction(chair, "roll.mark", { partnershipId, meetingId, memberId: memberIdForEmail(simon.email), status: "left" }));
  clock = new Date(clock.getTime() + 60_000);
  const again = await bot.send(press); // Teams delivers the first press again, late
  expect(again.status).toBe(200);
  const mine = (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.find((a) => a.memberId === memberIdForEmail(simon.email));
  expect(mine?.leftAt).toBeDefined();
  // A fresh press (a new activity) after that is a real return, and is recorded.
  expect(cardText(invokeCard(await bot.send(stamped(cardAction(simon, "roll.checkin", { partnershipId, meetingId })))))).toContain("You: Present");
});

test("a vote redelivered late, after the voter changed it, leaves the later vote standing", async () => {
  await bot.send(channelMessage(chair, `sign-off "Strategic assessment" by 8 April`));
  const [signOff] = await openSignOffs("Strategic assessment");
  const ref = { partnershipId, signOffId: signOff!.id };
  const first = stamped(cardAction(police, "signoff.vote", { ...ref, option: "approve" }));
  await bot.send(first);
  clock = new Date(clock.getTime() + 60_000);
  await bot.send(stamped(cardAction(police, "signoff.vote", { ...ref, option: "reject", comment: "Figures are out of date" })));
  clock = new Date(clock.getTime() + 60_000);
  await bot.send(first);
  const votes = (await bot.store.signOffs.read(partnershipId, signOff!.id)).votes;
  expect(votes.map((v) => v.option)).toEqual(["reject"]);
  // One audit entry per vote actually cast.
  const audited = (await bot.store.audit.list(partnershipId)).filter((a) => a.action === "signoff.voted" && a.target.startsWith(signOff!.id));
  expect(audited).toHaveLength(2);
});
