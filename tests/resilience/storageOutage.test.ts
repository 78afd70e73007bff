import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TableClient } from "@azure/data-tables";
import { NOT_SAVED } from "../../bot/turn";
import { freePort, RunningAzurite, startAzurite } from "../../storage/azurite";
import { memberIdForEmail, partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import { uniquePrefix } from "../support/storage";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, invokeCard, registerPeople, Reply, startTestBot, TENANT, TestBot } from "../support/teams";
import { postTimed } from "./support/http";
import { startStorageProxy, sharedAzuritePort, StorageProxy } from "./support/storageProxy";
import { captureLog, countTables, ESCAPED } from "./support/tables";

// The board's storage goes away in the middle of a roll call and comes back. People pressing while it
// is away are told it was not saved; nothing is half-written; nothing stored before is lost; and the
// same running bot works again as soon as storage returns.

const ORGS = ["Essex Police", "Thurrock Council", "The Probation Service", "Police Fire and Crime Panel", "Essex County Fire and Rescue Service", "Mid and South Essex ICB"];
const members: Person[] = Array.from({ length: 26 }, (_, i) => ({
  id: `29:outage-${i}`,
  name: `Member ${String(i).padStart(2, "0")}`,
  email: `outage${i}@example.org`,
  aadObjectId: `00000000-0000-4000-8000-${String(500 + i).padStart(12, "0")}`,
}));
const manager = members[0]!;
const chair = members[1]!;
const csv = [
  "name,title,organisation,category,role,email",
  ...members.map((m, i) => `${m.name},,${ORGS[i % ORGS.length]},statutory,${i === 0 ? "manager" : i === 1 ? "chair" : "member"},${m.email}`),
].join("\n");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const now = new Date("2024-03-21T13:58:00Z");

type Answer = "present" | "not-saved" | string;
function answerOf(reply: Reply): Answer {
  const body = reply.body as { type?: string; value?: unknown } | undefined;
  if (reply.status !== 200) return `http ${reply.status}`;
  if (body?.type === "application/vnd.microsoft.card.adaptive") return /You: Present/.test(cardText(body.value)) ? "present" : `card: ${cardText(body.value).slice(0, 200)}`;
  if (body?.type === "application/vnd.microsoft.activity.message") return body.value === NOT_SAVED ? "not-saved" : `message: ${String(body.value)}`;
  return `other: ${JSON.stringify(body)}`;
}

interface Press {
  member: Person;
  sentAt: number;
  answeredAt: number;
  answer: Answer;
}

describe("Azurite stops during a burst of check-ins and starts again", () => {
  let dir: string;
  let port: number;
  let azurite: RunningAzurite;
  let bot: TestBot;
  const { log, events } = captureLog();
  let meetingId: string;
  let cardId: string;
  const prefix = uniquePrefix();
  const tables = async () => (await countTables(azurite.connectionString, prefix).catch((e: Error) => ({ error: e.message }))) as Record<string, unknown>;

  /** "I'm here", timed until the presser has their answer (not until the shared card has caught up). */
  const press = async (bot: TestBot, member: Person): Promise<Press> => {
    const sentAt = Date.now();
    const reply = await postTimed(bot, cardAction(member, "roll.checkin", { partnershipId, meetingId }));
    return { member, sentAt, answeredAt: sentAt + reply.ms, answer: answerOf(reply) };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "quorate-outage-"));
    port = await freePort();
    azurite = await startAzurite({ port, location: dir });
    bot = await startTestBot({ STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: prefix }, () => now, log);
    registerPeople(bot, members);
    await bot.send(cardAction(manager, "setup.save", { name: "Outage CSP", quorumRequired: "4" }));
    await bot.send(channelMessage(manager, `import roster\n${csv}`));
    await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices"));
    // Linked, as after a first meeting (through a card button, so the channel's replies stay few).
    for (const m of members) await bot.send(cardAction(m, "command.run", { command: "roster" }));
    await bot.send(channelMessage(chair, "roll call"));
    meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
    cardId = bot.connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;
  });

  afterAll(async () => {
    await bot?.close();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("presses during the outage are told 'not saved' quickly, nothing half-written, nothing lost, and the same bot recovers", async () => {
    const tablesBefore = await tables();
    const before = {
      partnership: (await bot.store.partnerships.get(partnershipId, "settings"))?.value,
      roster: await bot.store.members.list(partnershipId),
      meeting: (await bot.store.meetings.get(partnershipId, meetingId))?.value,
      roll: (await bot.store.rollCalls.read(partnershipId, meetingId)).roll,
    };
    expect(before.roster).toHaveLength(members.length);
    expect(before.roll).toMatchObject({ state: "open", activityId: cardId });

    // Before the outage: nine members check in at once, and are stored.
    const early = await Promise.all(members.slice(2, 11).map((m) => press(bot, m)));
    expect(early.map((p) => p.answer)).toEqual(early.map(() => "present"));
    await bot.app.idle();

    // The burst: presses keep coming while Azurite stops.
    const overlapping = members.slice(11, 17);
    const stopping = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const startedAt = Date.now();
      await azurite.stop();
      return { startedAt, doneAt: Date.now() };
    })();
    const racing = overlapping.map(async (m, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 6));
      return press(bot, m);
    });
    const stop = await stopping;
    const during = await Promise.all(racing);

    // With storage gone, people keep pressing: each is told it was not saved, within a few seconds.
    const outage = members.slice(17, 24);
    const refused = await Promise.all(outage.map((m) => press(bot, m)));
    for (const p of refused) {
      expect(p.answer).toBe("not-saved");
      expect(p.answeredAt - p.sentAt).toBeLessThan(5_000);
    }
    // A chair's mark (a claimed write) during the outage is refused the same way; Teams will redeliver it.
    const lateMember = members[24]!;
    const mark = cardAction(chair, "roll.mark", { partnershipId, meetingId, memberId: memberIdForEmail(lateMember.email), status: "apologies" });
    expect(answerOf(await bot.send(mark))).toBe("not-saved");
    // A typed command gets the same words as a message in the channel.
    const typed = channelMessage(manager, "meeting 28 March 2024 2pm, Extra board meeting");
    const sentBefore = bot.connector.sent.length;
    await bot.send(typed);
    expect(bot.connector.sent.slice(sentBefore).map((s) => s.activity.text)).toEqual([NOT_SAVED]);
    // Every answer in the burst was one of the two truthful ones: stored, or not saved.
    for (const p of during) expect(["present", "not-saved"]).toContain(p.answer);
    await bot.app.idle();

    // Azurite comes back on the same port with the same data folder; the bot is NOT restarted.
    azurite = await startAzurite({ port, location: dir });
    // Every table is still there, with at least what it held before the outage.
    const tablesAfter = await tables();
    const lost = Object.entries(tablesBefore)
      .filter(([table, count]) => Number(tablesAfter[table] ?? 0) < Number(count))
      .map(([table, count]) => `${table}: ${count} entities before the outage, ${tablesAfter[table] ?? 0} after`);
    expect(lost).toEqual([]);

    const rows = new Map((await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.map((a) => [a.memberId, a]));
    const idOf = (m: Person) => memberIdForEmail(m.email);
    // Every check-in whose answer said "present" is still stored, whole.
    for (const p of [...early, ...during].filter((p) => p.answer === "present")) {
      expect(rows.get(idOf(p.member))).toMatchObject({ status: "present", arrivedAt: now.toISOString(), recordedBy: idOf(p.member) });
    }
    // Presses after storage had gone left nothing behind; neither did the refused mark.
    for (const p of refused) expect(rows.get(idOf(p.member))).toBeUndefined();
    expect(rows.get(idOf(lateMember))).toBeUndefined();
    // Presses that raced the stop: stored whole, or not at all.
    for (const p of during) {
      const row = rows.get(idOf(p.member));
      if (row) expect(row).toMatchObject({ status: "present", arrivedAt: now.toISOString() });
      if (p.sentAt > stop.doneAt) expect(row).toBeUndefined();
    }
    // Nothing else was lost: the board, its roster, the meeting, the open roll and the earlier audit.
    expect((await bot.store.partnerships.get(partnershipId, "settings"))?.value).toEqual(before.partnership);
    expect(await bot.store.members.list(partnershipId)).toEqual(before.roster);
    expect((await bot.store.meetings.get(partnershipId, meetingId))?.value).toEqual({ ...before.meeting, state: "roll-call-open" });
    expect((await bot.store.rollCalls.read(partnershipId, meetingId)).roll).toEqual(before.roll);
    const checkedIn = (await bot.store.audit.list(partnershipId)).filter((a) => a.action === "attendance.checked_in").map((a) => a.target);
    for (const p of early) expect(checkedIn).toContain(`${meetingId}/${idOf(p.member)}`);

    // The same bot works again: the refused pressers press again and are stored.
    const again = await Promise.all(outage.map((m) => press(bot, m)));
    expect(again.map((p) => p.answer)).toEqual(again.map(() => "present"));
    await bot.app.idle();
    // Teams redelivers the refused mark and the refused command; both now take effect, once.
    const redelivered = await bot.send(mark);
    expect(cardText(invokeCard(redelivered))).toMatch(/Member 24[\s\S]*?Apologies/);
    await bot.send(typed);
    const after = new Map((await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.map((a) => [a.memberId, a]));
    for (const m of outage) expect(after.get(idOf(m))).toMatchObject({ status: "present" });
    expect(after.get(idOf(lateMember))).toMatchObject({ status: "apologies" });
    expect((await bot.store.meetings.list(partnershipId)).filter((m) => m.title === "Extra board meeting")).toHaveLength(1);

    // The shared card converges on everyone who is present.
    await bot.app.idle();
    const present = [...after.values()].filter((a) => a.status === "present").length;
    const lastUpdate = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId).at(-1);
    expect(cardText(cardsIn(lastUpdate!.activity)[0]).match(/Present \(1:58pm\)/g)).toHaveLength(present);

    // The outage was logged as one, and nothing escaped a handler.
    expect(events.some((e) => e.event === "storage.unavailable")).toBe(true);
    expect(events.filter((e) => ESCAPED.includes(e.event))).toEqual([]);
  }, 60_000);
});

describe("Azurite's own stop()", () => {
  // npm start keeps the board's records in a persistent Azurite and stops it with stop(): what was
  // written just before must survive the restart.
  test("keeps what was written just before it (a persistent Azurite restarted on the same folder)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "quorate-stop-"));
    const port = await freePort();
    let azurite = await startAzurite({ port, location: dir });
    try {
      const table = TableClient.fromConnectionString(azurite.connectionString, uniquePrefix() + "Stop", { allowInsecureConnection: true });
      await table.createTable();
      await table.createEntity({ partitionKey: "p", rowKey: "written-just-before-stop", value: 1 });
      await azurite.stop();
      azurite = await startAzurite({ port, location: dir });
      const rows: string[] = [];
      try {
        for await (const e of table.listEntities()) rows.push(String(e.rowKey));
      } catch (error) {
        rows.push(`error: ${(error as { statusCode?: number }).statusCode}`);
      }
      expect(rows).toEqual(["written-just-before-stop"]);
    } finally {
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("an outage that begins in the middle of a write", () => {
  // Storage is reached through a proxy the test controls, so the outage can start at an exact point:
  // just after one particular write went through.
  let proxy: StorageProxy;
  let bot: TestBot;
  const { log, events } = captureLog();
  const OTHER_CHANNEL = "19:channel-other-board@thread.tacv2";
  let meetingId: string;

  /** From the first request after `trigger` (which itself goes through), every request fails with 503. */
  const outageAfter = (trigger: (call: { tables: string[]; writes: boolean; body: string }) => boolean) => {
    let down = false;
    proxy.fault = (call) => {
      if (down) return 503;
      if (trigger(call)) down = true;
      return undefined;
    };
  };
  const writesTo = (table: string, body?: RegExp) => (call: { tables: string[]; writes: boolean; body: string }) =>
    call.writes && call.tables.some((t) => t.endsWith(table)) && (!body || body.test(call.body));
  const storageBack = () => (proxy.fault = undefined);

  beforeAll(async () => {
    proxy = await startStorageProxy(sharedAzuritePort());
    bot = await startTestBot({ STORAGE_CONNECTION_STRING: proxy.connectionString }, () => now, log);
    registerPeople(bot, members);
    const small = csv.split("\n").slice(0, 13).join("\n");
    await bot.send(cardAction(manager, "setup.save", { name: "Outage CSP", quorumRequired: "4" }));
    await bot.send(channelMessage(manager, `import roster\n${small}`));
    await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices"));
    await bot.send(channelMessage(chair, "roll call"));
    meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
    // A second board, in another channel, whose roll call has not been opened.
    await bot.send(channelMessage(manager, "setup Other CSP", OTHER_CHANNEL));
    await bot.send(channelMessage(manager, `import roster\n${small}`, OTHER_CHANNEL));
    await bot.send(channelMessage(manager, "meeting today 2pm to 4pm, Board meeting, Civic Offices", OTHER_CHANNEL));
    await bot.app.idle();
  });
  afterAll(async () => {
    await bot?.close();
    await proxy?.close();
  });
  afterEach(storageBack);

  test("a chair's mark refused because storage went away after its delivery was claimed: Teams' redelivery records it", async () => {
    const member = members[5]!;
    const mark = cardAction(chair, "roll.mark", { partnershipId, meetingId, memberId: memberIdForEmail(member.email), status: "apologies" });
    outageAfter(writesTo("Deliveries"));
    expect(answerOf(await bot.send(mark))).toBe("not-saved");
    expect(proxy.calls.some((c) => c.faulted)).toBe(true);
    storageBack();
    // Teams retries the invoke it got "not saved" for: the same activity, the same id.
    const retried = await bot.send(mark);
    const row = (await bot.store.rollCalls.read(partnershipId, meetingId)).attendance.find((a) => a.memberId === memberIdForEmail(member.email));
    expect({ answer: answerOf(retried), status: row?.status }).toEqual({ answer: expect.stringMatching(/^card:/), status: "apologies" });
  });

  test("a roll call refused part-way (after its roll row was written) can be opened again once storage is back", async () => {
    const otherId = partnershipIdFor(TENANT, OTHER_CHANNEL);
    const otherMeeting = (await bot.store.meetings.list(otherId))[0]!.id;
    const cardsInChannel = () => bot.connector.sent.filter((s) => s.method === "POST" && s.conversationId === OTHER_CHANNEL && cardsIn(s.activity).some((c) => cardText(c).includes("Roll call:")));
    outageAfter(writesTo("Attendance", /"RowKey":"_roll"/));
    let sent = bot.connector.sent.length;
    await bot.send(channelMessage(chair, "roll call", OTHER_CHANNEL));
    expect(proxy.calls.some((c) => c.faulted)).toBe(true);
    expect(bot.connector.sent.slice(sent).map((s) => s.activity.text)).toContain(NOT_SAVED);
    storageBack();
    // The chair does as told and tries again: the roll opens, with its card, in the channel.
    sent = bot.connector.sent.length;
    await bot.send(channelMessage(chair, "roll call", OTHER_CHANNEL));
    await bot.app.idle();
    const said = bot.connector.sent.slice(sent).map((s) => s.activity.text ?? "(a card)");
    const roll = (await bot.store.rollCalls.read(otherId, otherMeeting)).roll;
    expect({ cards: cardsInChannel().length, state: roll?.state, hasCard: Boolean(roll?.activityId), said }).toEqual({
      cards: 1,
      state: "open",
      hasCard: true,
      said: expect.not.arrayContaining([expect.stringMatching(/already open/)]),
    });
  });

  test.each([
    {
      flow: "an action raised",
      text: "action for Kate Taylor (Police): review the CCTV protocol by 30 April",
      trigger: writesTo("Actions", /"ref":"A-2024-/),
      count: async () => (await bot.store.actions.all(partnershipId)).filter((a) => a.text === "Review the CCTV protocol").length,
    },
    {
      flow: "a meeting scheduled",
      text: "meeting 4 April 2024 10am, Finance sub-group, Civic Offices",
      trigger: writesTo("Meetings"),
      count: async () => (await bot.store.meetings.list(partnershipId)).filter((m) => m.title === "Finance sub-group").length,
    },
  ])("$flow, with storage failing part-way: 'not saved' only if nothing was stored, and trying again gives exactly one", async ({ text, trigger, count }) => {
    outageAfter(trigger);
    const sent = bot.connector.sent.length;
    await bot.send(channelMessage(manager, text));
    await bot.app.idle();
    expect(proxy.calls.some((c) => c.faulted)).toBe(true);
    storageBack();
    // The answer tells the truth: "not saved" only when nothing of it was stored.
    const saidNotSaved = bot.connector.sent.slice(sent).some((s) => s.activity.text === NOT_SAVED);
    const stored = await count();
    expect({ saidNotSaved, stored }).toEqual({ saidNotSaved, stored: saidNotSaved ? 0 : 1 });
    // Told "not saved", the person tries again, as told: the board then has it exactly once.
    if (saidNotSaved) await bot.send(channelMessage(manager, text));
    await bot.app.idle();
    expect(await count()).toBe(1);
  });

  test("nothing escaped a handler", () => {
    expect(events.filter((e) => ESCAPED.includes(e.event))).toEqual([]);
  });
});
