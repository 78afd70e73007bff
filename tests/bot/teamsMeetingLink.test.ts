import { partnershipIdFor } from "../../storage/keys";
import { meetingChatMessage, meetingStart, teamsMeeting } from "../support/meetingEvents";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, person, startExampleBoard, TENANT, TestBot } from "../support/teams";

// Linking a board meeting to its Teams meeting: by `link meeting` in the meeting's chat, or by the join
// link in the meeting form's place field.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const member = person(people, "Howard Oldstein");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const now = new Date("2024-03-21T09:00:00Z");
let bot: TestBot;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices"));
});
afterAll(() => bot.close());

const lastText = () => String(bot.connector.lastPost()?.activity.text ?? "");
const meetings = () => bot.store.meetings.list(partnershipId);

test("link meeting outside a Teams meeting's chat says where to say it", async () => {
  await bot.send(channelMessage(chair, "link meeting"));
  expect(lastText()).toMatch(/Say \*\*link meeting\*\* in the Teams meeting's own chat/);
});

test("in the meeting chat, link meeting picks the board's meeting that day; members are refused", async () => {
  const call = teamsMeeting("afternoon");
  bot.connector.meetings.set(call.id, { inMeeting: new Set(), details: { joinUrl: call.joinUrl, title: "CSP board", scheduledStartTime: "2024-03-21T14:00:00Z" } });
  await bot.send(meetingChatMessage(call, member, "link meeting"));
  expect(lastText()).toMatch(/Only the partnership manager, the chair or the vice-chair can link/);
  expect((await meetings())[0]!.teams).toBeUndefined();

  await bot.send(meetingChatMessage(call, chair, "link meeting"));
  expect(lastText()).toMatch(/Linked: this Teams meeting is \*\*Board meeting\*\*/);
  expect((await meetings())[0]!.teams).toMatchObject({ threadId: call.chat, meetingId: call.id, url: expect.stringContaining("meetup-join") });

  // Its start now opens that meeting's roll call in the board's channel.
  // A start with none of the fields botbuilder's own parser insists on is still read (by the meeting's id).
  await bot.send({ ...meetingStart(call, new Date("2024-03-21T08:59:00Z")), value: {} });
  const roll = (await bot.store.rollCalls.read(partnershipId, (await meetings())[0]!.id)).roll;
  expect(roll).toMatchObject({ state: "open", conversationId: CHANNEL });
});

test("with two board meetings that day it asks which, and the answer links the one chosen", async () => {
  await bot.send(channelMessage(manager, "meeting today 6pm, Evening board, Civic Offices"));
  const evening = (await meetings()).find((m) => m.title === "Evening board")!;
  const call = teamsMeeting("evening");
  bot.connector.meetings.set(call.id, { inMeeting: new Set(), details: { joinUrl: call.joinUrl, scheduledStartTime: "2024-03-21T18:00:00Z" } });
  await bot.send(meetingChatMessage(call, manager, "link meeting"));
  const question = cardsIn(bot.connector.lastPost()!.activity)[0];
  expect(cardText(question)).toContain("Which board meeting is this Teams meeting?");
  const press = {
    ...meetingChatMessage(call, manager, ""),
    type: "invoke",
    name: "adaptiveCard/action",
    text: undefined,
    entities: undefined,
    value: { action: { type: "Action.Execute", verb: "meeting.link", data: { partnershipId, meetingId: evening.id } }, trigger: "manual" },
  };
  const reply = await bot.send(press);
  expect(String((reply.body as { value: unknown }).value)).toMatch(/Linked: this Teams meeting is \*\*Evening board\*\*/);
  expect((await meetings()).find((m) => m.id === evening.id)!.teams).toMatchObject({ threadId: call.chat });
});

test("the meeting form takes a Teams join link in its place field; another organisation's link is refused", async () => {
  const call = teamsMeeting("formlink");
  await bot.send(cardAction(manager, "meeting.create", { partnershipId, title: "Extra board", date: "2024-03-28", start: "14:00", end: "15:00", location: `Teams ${call.joinUrl}` }));
  const extra = (await meetings()).find((m) => m.title === "Extra board")!;
  expect(extra).toMatchObject({ location: "Teams", teams: { threadId: call.chat } });

  const foreign = teamsMeeting("foreign", "Board meeting", "0badbad0-0000-4000-8000-000000000000");
  const reply = await bot.send(cardAction(manager, "meeting.create", { partnershipId, title: "Foreign board", date: "2024-03-29", start: "14:00", location: foreign.joinUrl }));
  expect(JSON.stringify(reply.body)).toMatch(/belongs to another organisation/);
  expect((await meetings()).some((m) => m.title === "Foreign board")).toBe(false);
});
