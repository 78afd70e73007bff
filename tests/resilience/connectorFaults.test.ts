import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { Person, Refused, Sent } from "../support/connector";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, invokeCard, personalMessage, registerPeople, startTestBot, TENANT, TestBot } from "../support/teams";
import { postTimed } from "./support/http";
import { captureLog } from "./support/tables";

// Teams' side misbehaves: it throttles (429 with Retry-After), fails (500), or refuses a message to a
// person (403). The shared roll-call card still ends up right, the bot waits as long as it is told to,
// announcements are not lost, and a refused copy of an action card loses nothing.

const ORGS = ["Essex Police", "Thurrock Council", "The Probation Service", "Police Fire and Crime Panel", "Essex County Fire and Rescue Service", "Mid and South Essex ICB"];
const NAMES = ["Ava Turner", "Ben Okafor", "Cara Doyle", "Dev Patel", "Ella Hughes", "Finn Walsh", "Gina Moss", "Hugo Reyes", "Iris Kemp", "Jack Lowe", "Kira Shah", "Liam Grant", "Maya Ford", "Noah Price", "Olga Reed", "Paul Stone", "Rosa Vance", "Sam Webb"];
const members: Person[] = NAMES.map((name, i) => ({
  id: `29:cf-${i}`,
  name,
  email: `cf${i}@example.org`,
  aadObjectId: `00000000-0000-4000-8000-${String(700 + i).padStart(12, "0")}`,
}));
const orgOf = (i: number) => ORGS[i % ORGS.length]!;
const manager = members[0]!;
const chair = members[1]!;
const csv = [
  "name,title,organisation,category,role,email",
  ...members.map((m, i) => `${m.name},,${orgOf(i)},statutory,${i === 0 ? "manager" : i === 1 ? "chair" : "member"},${m.email}`),
].join("\n");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const OTHER_CHANNEL = "19:channel-faults-other@thread.tacv2";
const now = new Date("2024-03-21T13:58:00Z");
const { log, events } = captureLog();
let bot: TestBot;
let meetingId: string;
let cardId: string;

beforeAll(async () => {
  bot = await startTestBot({}, () => now, log);
  registerPeople(bot, members);
  await bot.send(cardAction(manager, "setup.save", { name: "Faults CSP", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${csv}`));
  await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices"));
  for (const m of members) await bot.send(personalMessage(m, "roster"));
  await bot.send(channelMessage(chair, "roll call"));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;
  await bot.app.idle();
});
afterAll(() => bot.close());

const checkIn = (m: Person) => bot.send(cardAction(m, "roll.checkin", { partnershipId, meetingId }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cardPath = () => `/v3/conversations/${CHANNEL}/activities/${cardId}`;
/** Posts to a conversation: botbuilder addresses them as /v3/conversations/{id}/activities/{its own activity id}. */
const postTo = (conversationId: string) => (r: { method: string; path: string }) => r.method === "POST" && r.path.startsWith(`/v3/conversations/${conversationId}/activities`);
const toThread = () => postTo(`${CHANNEL};messageid=${cardId}`);
const cardUpdates = (): Sent[] => bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
const presentOn = (s: Sent) => cardText(cardsIn(s.activity)[0]).match(/Present \(1:58pm\)/g)?.length ?? 0;
const threadTexts = () => bot.connector.sent.filter((s) => s.conversationId === `${CHANNEL};messageid=${cardId}`).map((s) => String(s.activity.text ?? ""));

test("500 once, then 429 three times in a row (Retry-After 1) while people keep checking in: nothing sent while told to wait, and the last update shows everyone", async () => {
  // Members of three organisations only: the board stays inquorate, so the card's thread stays quiet.
  const pressers = [2, 6, 7, 8, 12, 13, 14].map((i) => members[i]!);
  const isCardUpdate = (r: { method: string; path: string }) => r.method === "PUT" && r.path === cardPath();
  bot.connector.failMatching(isCardUpdate, 500, 1);
  bot.connector.failMatching(isCardUpdate, 429, 3, 1);
  const refusedBefore = bot.connector.refused.length;
  const updatesBefore = cardUpdates().length;

  // Check-ins arrive in waves while the updater is being refused and waiting.
  const waves = [[0, 1], [2], [3, 4], [5], [6]];
  const delays = [0, 300, 900, 1_800, 2_600];
  const answers: { at: number; text: string }[] = [];
  await Promise.all(
    waves.map(async (wave, w) => {
      await sleep(delays[w]!);
      await Promise.all(
        wave.map(async (i) => {
          const reply = await postTimed(bot, cardAction(pressers[i]!, "roll.checkin", { partnershipId, meetingId }));
          answers.push({ at: Date.now(), text: cardText(invokeCard(reply)) });
        }),
      );
    }),
  );
  await bot.app.idle();

  // Each presser got their own card, and the answers did not wait for the shared card: the first came
  // back before the shared card's first update got through (which waited out three Retry-Afters).
  expect(answers).toHaveLength(pressers.length);
  for (const a of answers) expect(a.text).toContain("You: Present (1:58pm)");
  const firstUpdate = cardUpdates().slice(updatesBefore)[0]!;
  expect(Math.min(...answers.map((a) => a.at))).toBeLessThan(firstUpdate.at);
  // The failures really happened, in that order, to the shared card.
  const refused = bot.connector.refused.slice(refusedBefore).filter(isCardUpdate);
  expect(refused.map((r) => r.status)).toEqual([500, 429, 429, 429]);
  // Nothing went to that message while the stub said to wait.
  const attempts = [
    ...refused.map((r) => ({ at: r.at, refused: r as Refused | undefined })),
    ...cardUpdates().slice(updatesBefore).map((s) => ({ at: s.at, refused: undefined })),
  ].sort((a, b) => a.at - b.at);
  attempts.forEach((attempt, i) => {
    const next = attempts[i + 1];
    if (attempt.refused?.retryAfter !== undefined && next) expect(next.at - attempt.at).toBeGreaterThanOrEqual(attempt.refused.retryAfter * 1_000);
  });
  // The last update of the shared card shows every present member, and it came after the last refusal.
  const last = cardUpdates().at(-1)!;
  expect(last.at).toBeGreaterThan(refused.at(-1)!.at);
  expect(presentOn(last)).toBe(pressers.length);
  const text = cardText(cardsIn(last.activity)[0]);
  expect(text).toContain("Not quorate: 3 of 6 statutory partners present, 4 needed.");
  // Coalesced, and never over Teams' own limits.
  expect(cardUpdates().length - updatesBefore).toBeLessThanOrEqual(4);
  expect(bot.connector.breaches).toBe(0);
});

test("the quorum announcement, throttled by Teams (429, Retry-After 1, four times in a row), still reaches the card's thread, once, and is audited", async () => {
  expect(threadTexts().filter((t) => /quorate/.test(t))).toEqual([]);
  const refusedBefore = bot.connector.refused.length;
  bot.connector.failMatching(toThread(), 429, 4, 1);
  // A fourth organisation arrives: the meeting becomes quorate.
  const reply = await checkIn(members[3]!);
  expect(cardText(invokeCard(reply))).toContain("Quorate: 4 of 6");
  await bot.app.idle();
  await sleep(2_500);
  await bot.app.idle();
  expect(bot.connector.refused.slice(refusedBefore).filter(toThread()).map((r) => r.status)).toEqual([429, 429, 429, 429]);
  expect(threadTexts().filter((t) => /became \*\*quorate\*\*/.test(t))).toHaveLength(1);
  expect((await bot.store.audit.list(partnershipId)).filter((a) => a.action === "quorum.changed")).toHaveLength(1);
  expect(presentOn(cardUpdates().at(-1)!)).toBe(8);
}, 20_000);

describe("an action card that Teams refuses to deliver", () => {
  const dmPost = (owner: Person) => postTo(`a:dm-${owner.id}`);
  const dmCreate = () => (r: { method: string; path: string }) => r.method === "POST" && r.path === "/v3/conversations";

  test.each([
    { what: "the post to the owner's 1:1 chat", owner: members[4]!, task: "circulate the Prevent strategy", refuse: dmPost(members[4]!) },
    { what: "creating the owner's 1:1 chat", owner: members[5]!, task: "review the hate crime figures", refuse: dmCreate() },
  ])("403 on $what: the action is stored, its channel copy exists, the manager is told, and updates still reach the channel copy", async ({ owner, task, refuse }) => {
    bot.connector.failMatching(refuse, 403, 1);
    const refusedBefore = bot.connector.refused.length;
    const sent = bot.connector.sent.length;
    await bot.send(channelMessage(manager, `action for ${owner.name}: ${task} by 30 April`));
    await bot.app.idle();
    expect(bot.connector.refused.slice(refusedBefore).map((r) => r.status)).toEqual([403]);

    const action = (await bot.store.actions.all(partnershipId)).find((a) => a.text.toLowerCase() === task.toLowerCase());
    expect(action).toMatchObject({ status: "open", owners: [expect.objectContaining({ kind: "member", memberId: memberIdForEmail(owner.email) })] });
    const channelCards = bot.connector.sent.slice(sent).filter((s) => s.conversationId === CHANNEL && cardsIn(s.activity).some((c) => cardText(c).includes(`Action ${action!.ref}`)));
    expect(channelCards).toHaveLength(1);
    expect(action!.copies).toEqual([expect.objectContaining({ conversationId: CHANNEL, activityId: channelCards[0]!.activityId })]);
    expect((await bot.store.audit.list(partnershipId)).some((a) => a.action === "action.raised" && a.target === action!.ref)).toBe(true);
    const told = bot.connector.sent.slice(sent).map((s) => String(s.activity.text ?? ""));
    expect(told.some((t) => t.includes(owner.name) && t.includes(action!.ref))).toBe(true);

    // The owner can still update it (from the channel card), and the channel copy changes for everyone.
    const update = await bot.send(cardAction(owner, "action.update", { partnershipId, ref: action!.ref, status: "in-progress", note: "Started" }));
    expect(cardText(invokeCard(update))).toContain("Started");
    await bot.app.idle();
    const channelUpdate = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === channelCards[0]!.activityId).at(-1);
    expect(cardText(cardsIn(channelUpdate!.activity)[0])).toContain("Started");
  });

  test("a failure posting the channel card: the answer tells the truth, and Teams' redelivery doesn't raise it twice", async () => {
    const task = "refresh the information-sharing agreement";
    bot.connector.failMatching(postTo(CHANNEL), 403, 1);
    const message = channelMessage(manager, `action for ${members[6]!.name}: ${task} by 30 April`);
    const sent = bot.connector.sent.length;
    await bot.send(message);
    await bot.app.idle();
    const count = async () => (await bot.store.actions.all(partnershipId)).filter((a) => a.text.toLowerCase() === task.toLowerCase()).length;
    const saidNothingChanged = bot.connector.sent.slice(sent).some((s) => /nothing was changed|not saved/i.test(String(s.activity.text ?? "")));
    const stored = await count();
    expect({ saidNothingChanged, stored }).toEqual({ saidNothingChanged, stored: saidNothingChanged ? 0 : 1 });
    // Teams retries the message (same activity): still one action.
    await bot.send(message);
    await bot.app.idle();
    expect(await count()).toBeLessThanOrEqual(1);
  });
});

test("a roll-call card that can't be posted: nothing is left open, and the chair's next try opens it with one card", async () => {
  await bot.send(channelMessage(manager, "setup Other Faults CSP", OTHER_CHANNEL));
  await bot.send(channelMessage(manager, `import roster\n${csv}`, OTHER_CHANNEL));
  await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices", OTHER_CHANNEL));
  const otherId = partnershipIdFor(TENANT, OTHER_CHANNEL);
  const otherMeeting = (await bot.store.meetings.list(otherId))[0]!.id;
  const rollCards = () => bot.connector.sent.filter((s) => s.conversationId === OTHER_CHANNEL && cardsIn(s.activity).some((c) => cardText(c).includes("Roll call:")));
  bot.connector.failMatching(postTo(OTHER_CHANNEL), 403, 1);
  const sent = bot.connector.sent.length;
  await bot.send(channelMessage(chair, "roll call", OTHER_CHANNEL));
  expect(bot.connector.sent.slice(sent).map((s) => String(s.activity.text ?? ""))).toEqual([expect.stringMatching(/nothing was changed/i)]);
  expect((await bot.store.rollCalls.read(otherId, otherMeeting)).roll).toBeUndefined();
  await bot.send(channelMessage(chair, "roll call", OTHER_CHANNEL));
  expect(rollCards()).toHaveLength(1);
  expect((await bot.store.rollCalls.read(otherId, otherMeeting)).roll).toMatchObject({ state: "open", activityId: rollCards()[0]!.activityId });
});

test("nothing reached the adapter's last-resort handler", () => {
  // Failed sends are reported where they happen (the tests above say which ones are lost); none of them
  // may surface as an unhandled turn or a failed HTTP request.
  expect(events.filter((e) => e.event === "turn.unhandled" || e.event === "http.process_failed")).toEqual([]);
});
