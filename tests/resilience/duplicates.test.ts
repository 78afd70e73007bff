import { randomUUID } from "node:crypto";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { testConnectionString, uniquePrefix } from "../support/storage";
import { cardsIn, channelMessage, examplePeople, person, registerPeople, Reply, startTestBot, TENANT, TestBot } from "../support/teams";
import { captureLog, countTables, ESCAPED } from "./support/tables";

// Teams delivers the same activity more than once. Every writing flow is run three ways on three
// boards that are otherwise identical: delivered once; delivered twice, one after the other; and
// delivered twice at the same moment. The three must leave the same records (entities in every
// table, audit entries included) and post the same messages.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const cheryl = person(people, "Cheryl Wells");
const simon = person(people, "Simon Bell");
const margaret = person(people, "Margaret Allen");
const fire = person(people, "Mark Eaglestone");
const now = new Date("2024-03-21T13:55:00Z");
const prefix = uniquePrefix();
const { log, events } = captureLog();

type Variant = "once" | "twice in a row" | "twice at once";
const VARIANTS: Variant[] = ["once", "twice in a row", "twice at once"];

interface Board {
  channel: string;
  partnershipId: string;
  today?: string;
  nextWeek?: string;
}

/** An Action.Execute pressed on a card in a board's channel. */
function channelInvoke(p: Person, verb: string, data: Record<string, unknown>, channel: string) {
  const { text: _text, entities: _entities, ...base } = channelMessage(p, "", channel);
  return { ...base, id: randomUUID(), type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } };
}

interface Flow {
  name: string;
  activity(b: Board): Record<string, unknown>;
  /** Adaptive Cards a single delivery posts (new messages), where the flow is about posting one. */
  cards?: number;
}

const FLOWS: Flow[] = [
  { name: "setup.save", activity: (b) => channelInvoke(manager, "setup.save", { name: "Duplicate CSP", quorumRequired: "4" }, b.channel) },
  { name: "import roster (message)", activity: (b) => channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`, b.channel) },
  { name: "add member (message)", activity: (b) => channelMessage(manager, "add member Kate Taylor, Inspector, Essex Police, statutory, member, kate.taylor@example.org", b.channel) },
  { name: "set role (message)", activity: (b) => channelMessage(manager, "set role kate.taylor@example.org to vice-chair", b.channel) },
  { name: "meeting (message)", activity: (b) => channelMessage(manager, "meeting today 2pm to 4:30pm, Board meeting, Civic Offices", b.channel), cards: 1 },
  { name: "meeting next week (message)", activity: (b) => channelMessage(manager, "meeting 28 March 2024 2pm to 4pm, Board meeting, Civic Offices", b.channel), cards: 1 },
  { name: "roll call (message)", activity: (b) => channelMessage(chair, "roll call", b.channel), cards: 1 },
  { name: "roll.checkin", activity: (b) => channelInvoke(simon, "roll.checkin", { partnershipId: b.partnershipId, meetingId: b.today }, b.channel) },
  {
    name: "roll.mark",
    activity: (b) => channelInvoke(chair, "roll.mark", { partnershipId: b.partnershipId, meetingId: b.today, memberId: memberIdForEmail(fire.email), status: "present-substitute", substituteName: "Stn Cdr Lee Harris" }, b.channel),
  },
  { name: "roll.guest", activity: (b) => channelInvoke(chair, "roll.guest", { partnershipId: b.partnershipId, meetingId: b.today, guestName: "Kate Taylor", guestOrganisation: "Essex Police" }, b.channel) },
  { name: "apology (message)", activity: (b) => channelMessage(margaret, "Unable to attend on 28/03, sorry", b.channel), cards: 1 },
  { name: "apology.undo", activity: (b) => channelInvoke(margaret, "apology.undo", { partnershipId: b.partnershipId, meetingId: b.nextWeek, memberIds: memberIdForEmail(margaret.email) }, b.channel) },
  { name: "roll.close", activity: (b) => channelInvoke(chair, "roll.close", { partnershipId: b.partnershipId, meetingId: b.today }, b.channel) },
  { name: "action raised (message)", activity: (b) => actionFor(b, cheryl, "circulate the Prevent strategy by 20 June"), cards: 2 },
  { name: "action.update", activity: (b) => channelInvoke(cheryl, "action.update", { partnershipId: b.partnershipId, ref: "A-2024-001", status: "in-progress", note: "Drafted" }, b.channel) },
];

/** "@Quorate action for @Cheryl Wells: ..." with Teams' mention entities. */
function actionFor(b: Board, owner: Person, rest: string) {
  const activity = channelMessage(manager, `action for <at>${owner.name}</at>: ${rest}`, b.channel);
  return { ...activity, entities: [...activity.entities, { type: "mention", mentioned: { id: owner.id, name: owner.name }, text: `<at>${owner.name}</at>` }] };
}

interface Effect {
  /** Entities added or removed per table (audit and delivery claims included). */
  entities: Record<string, number>;
  /** New messages the bot posted, and how many of them carried a card. */
  posts: number;
  cards: number;
  /** What each delivery was answered (invokes): a card, or the message's words. */
  answers: string[];
}

let bot: TestBot;
const effects = new Map<string, Map<Variant, Effect>>();

function answerKind(reply: Reply): string {
  const body = reply.body as { type?: string; value?: unknown } | undefined;
  if (!body) return `http ${reply.status}`;
  return body.type === "application/vnd.microsoft.card.adaptive" ? "card" : String(body.value);
}

async function deliver(activity: Record<string, unknown>, variant: Variant): Promise<Reply[]> {
  if (variant === "once") return [await bot.send(activity)];
  if (variant === "twice in a row") return [await bot.send(activity), await bot.send(activity)];
  return Promise.all([bot.send(activity), bot.send(activity)]);
}

async function measure(run: () => Promise<Reply[]>): Promise<Effect> {
  await bot.app.idle();
  const before = await countTables(testConnectionString(), prefix);
  const sent = bot.connector.sent.length;
  const replies = await run();
  await bot.app.idle();
  const after = await countTables(testConnectionString(), prefix);
  const entities: Record<string, number> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[table] ?? 0) - (before[table] ?? 0);
    if (delta !== 0) entities[table] = delta;
  }
  const posts = bot.connector.sent.slice(sent).filter((s) => s.method === "POST");
  return {
    entities,
    posts: posts.length,
    cards: posts.filter((s) => cardsIn(s.activity).length > 0).length,
    answers: replies.filter((r) => r.body !== undefined).map(answerKind),
  };
}

beforeAll(async () => {
  bot = await startTestBot({ TABLE_PREFIX: prefix }, () => now, log);
  registerPeople(bot, people);
  for (const variant of VARIANTS) {
    const channel = `19:channel-dup-${variant.replace(/\W+/g, "-")}@thread.tacv2`;
    const board: Board = { channel, partnershipId: partnershipIdFor(TENANT, channel) };
    for (const flow of FLOWS) {
      if (flow.name === "roll call (message)") {
        // Everyone who acts later has spoken in the channel before (linked), as on a working board.
        for (const p of [chair, cheryl, simon, margaret]) await bot.send(channelInvoke(p, "command.run", { command: "roster" }, channel));
        const meetings = await bot.store.meetings.list(board.partnershipId);
        board.today = meetings.find((m) => m.startsAt.startsWith("2024-03-21"))?.id;
        board.nextWeek = meetings.find((m) => m.startsAt.startsWith("2024-03-28"))?.id;
      }
      const activity = flow.activity(board);
      const effect = await measure(() => deliver(activity, variant));
      if (!effects.has(flow.name)) effects.set(flow.name, new Map());
      effects.get(flow.name)!.set(variant, effect);
    }
  }
}, 120_000);
afterAll(() => bot.close());

describe.each(FLOWS.map((f) => [f.name, f] as const))("%s", (name, flow) => {
  test("delivered once, it does something (so the comparison below means something)", () => {
    const once = effects.get(name)!.get("once")!;
    expect(Object.keys(once.entities).some((t) => t.endsWith("Audit"))).toBe(true);
    if (flow.cards !== undefined) expect(once.cards).toBe(flow.cards);
    for (const answer of once.answers) expect(answer).toBe("card");
  });

  test.each(["twice in a row", "twice at once"] as const)("delivered %s: the same records, audit and posts as once", (variant) => {
    const once = effects.get(name)!.get("once")!;
    const twice = effects.get(name)!.get(variant)!;
    expect({ entities: twice.entities, posts: twice.posts, cards: twice.cards }).toEqual({ entities: once.entities, posts: once.posts, cards: once.cards });
    // An invoke delivered twice: one answer is what once gives; the other is that, or "already done".
    if (once.answers.length > 0) {
      expect(twice.answers).toContain(once.answers[0]);
      // The duplicate is told the work was done, or (arriving while the first still runs) that it is being done.
      const duplicateAnswers = ["That was already done.", "That is still being done. If nothing changes, try again in a minute."];
      for (const answer of twice.answers) expect([once.answers[0], ...duplicateAnswers]).toContain(answer);
    }
  });
});

test("nothing escaped a handler", () => {
  expect(events.filter((e) => ESCAPED.includes(e.event))).toEqual([]);
});
