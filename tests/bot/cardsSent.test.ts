import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { cardProblems } from "../support/cardValidity";
import {
  cardAction,
  cardsIn,
  CHANNEL,
  channelMessage,
  examplePeople,
  person,
  personalMessage,
  Reply,
  startExampleBoard,
  TENANT,
  TestBot,
} from "../support/teams";

// The cards the bot really sends and answers with, through a run of the roster, roll call, apologies,
// actions and sign-off flows over HTTP, read as Microsoft's renderer reads them (tests/support/
// cardValidity.ts): not one may give a validation event. The templates alone are in tests/cards/.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const cheryl = person(people, "Cheryl Wells");
const fire = person(people, "Mark Eaglestone");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-18T09:00:00Z");
let bot: TestBot;
const answered: Record<string, unknown>[] = [];

async function send(activity: Record<string, unknown>): Promise<Reply> {
  const reply = await bot.send(activity);
  const body = reply.body as { type?: string; value?: Record<string, unknown> } | undefined;
  if (body?.type === "application/vnd.microsoft.card.adaptive" && body.value) answered.push(body.value);
  return reply;
}

function mentioning(from: Person, text: string, mentioned: Person) {
  const activity = channelMessage(from, text.replace(`@${mentioned.name}`, `<at>${mentioned.name}</at>`));
  return { ...activity, entities: [...activity.entities, { type: "mention", mentioned: { id: mentioned.id, name: mentioned.name }, text: `<at>${mentioned.name}</at>` }] };
}

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  for (const p of people) await send(personalMessage(p, "roster")); // everyone linked, reachable 1:1
  await send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  await send(channelMessage(manager, "meeting 20 June 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  await send(channelMessage(manager, "agenda 6.2 Strategic assessment for sign-off"));
  const [thursday] = await bot.store.meetings.list(partnershipId);
  const meetingId = thursday!.id;

  // Roster, help, settings, meetings: the manager's and a member's views.
  for (const p of [manager, chair, cheryl]) {
    for (const command of ["roster", "help", "meetings", "setup"]) await send(channelMessage(p, command));
  }
  await send(cardAction(manager, "member.update", { partnershipId, memberId: memberIdForEmail(cheryl.email), editRole: "unchanged", editCategory: "unchanged" }));

  // Apologies, in words and from the meeting card, then the chair's list.
  await send(personalMessage(fire, "Please send my apologies for Thursday, Russ Freeman will deputise"));
  await send(channelMessage(manager, "apologies from Cllr G Collins for Thursday, in court"));
  await send(cardAction(person(people, "Margaret Allen"), "apology.record", { partnershipId, meetingId, reason: "clinic", deputy: "" }));
  await send(cardAction(fire, "apology.undo", { partnershipId, meetingId, memberIds: memberIdForEmail(fire.email) }, "personal"));
  await send(channelMessage(chair, "apologies"));

  // Actions: raised, listed, filtered, updated, opened.
  await send(mentioning(chair, "action for @Cheryl Wells: circulate the draft strategic assessment by 20 June", cheryl));
  await send(channelMessage(chair, "action for Kate Taylor (Police): share the ASB figures by the next meeting"));
  for (const p of [chair, cheryl]) await send(channelMessage(p, "actions"));
  await send(personalMessage(cheryl, "my actions"));
  await send(cardAction(chair, "actions.page", { partnershipId, page: 1, owner: memberIdForEmail(cheryl.email), status: "open" }));
  await send(cardAction(cheryl, "action.update", { partnershipId, ref: "A-2024-001", status: "in-progress", note: "Drafted" }, "personal"));
  await send(cardAction(chair, "action.open", { partnershipId, ref: "A-2024-001" }));

  // The roll call on the day: opened, check-ins, the chair marking, closed.
  now = new Date("2024-03-21T13:55:00Z");
  await send(channelMessage(chair, "roll call"));
  for (const name of ["Jenny Barnett", "Michael Dineen", "Michelle Fraser", "Cheryl Wells", "Howard Oldstein"]) {
    await send(cardAction(person(people, name), "roll.checkin", { partnershipId, meetingId }));
  }
  await send(cardAction(chair, "roll.mark", { partnershipId, meetingId, memberId: memberIdForEmail(person(people, "Anthony Atkin").email), status: "present" }));
  await send(cardAction(chair, "roll.guest", { partnershipId, meetingId, guestName: "Kate Taylor", guestOrganisation: "Essex Police" }));
  await send(cardAction(chair, "roll.close", { partnershipId, meetingId }));

  // Sign-off: started, voted, listed.
  await send(channelMessage(chair, `sign-off "Annual report 2023/24" https://thurrock.example.org/csp/report.pdf by 8 April`));
  const [signOff] = await bot.store.signOffs.list(partnershipId);
  for (const p of [chair, person(people, "Michael Dineen")]) await send(cardAction(p, "signoff.vote", { partnershipId, signOffId: signOff!.id, option: "approve" }));
  await send(cardAction(fire, "signoff.vote", { partnershipId, signOffId: signOff!.id, option: "reject", comment: "Figures missing" }));
  for (const p of [chair, cheryl]) await send(channelMessage(p, "sign-offs"));
  await bot.app.idle();
}, 120_000);
afterAll(() => bot.close());

test("every card sent or answered in the run gives no validation event", () => {
  const sent = bot.connector.sent.flatMap((s) => cardsIn(s.activity));
  const cards = [...sent, ...answered];
  // The run reached every kind of card it meant to (so a quiet failure cannot pass as "no events").
  const titles = cards.map((c) => JSON.stringify(c).slice(0, 4_000));
  const kinds = ["roster", "Roll call", "Sign-off", "A-2024-001", "Apologies", "action log", "Your actions", "Meetings"];
  expect(kinds.filter((kind) => !titles.some((t) => t.includes(kind)))).toEqual([]);
  expect(cards.length).toBeGreaterThan(60);
  const problems = cards.flatMap((card, i) => cardProblems(card).map((p) => `card ${i} (${String((card.body as { text?: string }[])?.[0]?.text)}): ${p}`));
  expect(problems).toEqual([]);
});

test("the filter's Anyone and default-view choices (no longer empty values) still mean no filter", async () => {
  const texts = async (data: Record<string, unknown>) => {
    const reply = await bot.send(cardAction(chair, "actions.page", { partnershipId, page: 1, ...data }));
    const card = (reply.body as { value: Record<string, unknown> }).value;
    return JSON.stringify(card.body);
  };
  const unfiltered = await texts({});
  expect(unfiltered).toContain("A-2024-001");
  expect(unfiltered).toContain("A-2024-002");
  expect(await texts({ owner: "anyone", status: "recent" })).toEqual(unfiltered);
});
