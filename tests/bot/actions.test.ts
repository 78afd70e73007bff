import { partnershipIdFor } from "../../storage/keys";
import { Person } from "../support/connector";
import {
  BOT,
  cardAction,
  cardsIn,
  cardText,
  CHANNEL,
  channelMessage,
  mentionMessage,
  examplePeople,
  invokeCard,
  invokeMessage,
  person,
  personalMessage,
  startExampleBoard,
  stranger,
  TENANT,
  TestBot,
} from "../support/teams";

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const cheryl = person(people, "Cheryl Wells");
const helen = person(people, "Helen Forster");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-18T09:00:00Z");
let bot: TestBot;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  // Owners who have talked to the bot can be sent their copy in a 1:1 chat.
  for (const p of [cheryl, helen, chair]) await bot.send(personalMessage(p, "roster"));
});
afterAll(() => bot.close());

const all = () => bot.store.actions.all(partnershipId);
const lastText = () => String(bot.connector.lastPost()?.activity.text ?? "");
const find = async (ref: string) => (await all()).find((a) => a.ref === ref)!;

test("raised by the chair for one member: a readable reference, the card in the channel and in the owner's 1:1", async () => {
  await bot.send(mentionMessage(chair, "action for @Cheryl Wells: circulate the Prevent strategy to statutory partners by 20 June", [cheryl]));
  const action = await find("A-2024-001");
  expect(action).toMatchObject({ text: "Circulate the Prevent strategy to statutory partners", status: "open", due: { kind: "date", date: "2024-06-20" } });
  expect(action.owners).toEqual([expect.objectContaining({ kind: "member", name: "Cheryl Wells" })]);
  expect(action.copies.map((c) => c.conversationId).sort()).toEqual([CHANNEL, `a:dm-${cheryl.id}`].sort());
  const posted = bot.connector.sent.filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("Action A-2024-001")));
  expect(posted).toHaveLength(2);
});

test("two owners, and an owner outside the roster by name, and 'next meeting'", async () => {
  await bot.send(mentionMessage(manager, "action for @Cheryl Wells and @Helen Forster: review the hate crime figures by the next meeting", [cheryl, helen]));
  await bot.send(channelMessage(manager, "action for Kate Taylor (Police): review the CCTV protocol by 30 April"));
  const two = await find("A-2024-002");
  expect(two.owners.map((o) => o.name)).toEqual(["Cheryl Wells", "Helen Forster"]);
  expect(two.due).toEqual({ kind: "next-meeting" });
  const outside = await find("A-2024-003");
  expect(outside.owners).toEqual([{ kind: "outside", name: "Kate Taylor", organisation: "Police" }]);
  expect(outside.copies).toHaveLength(1);
});

test("a member who is not chair or manager cannot raise actions", async () => {
  const before = (await all()).length;
  await bot.send(mentionMessage(helen, "action for @Cheryl Wells: do something by 1 May", [cheryl]));
  expect(lastText()).toMatch(/Only the chair or the partnership manager can raise actions/);
  expect((await all()).length).toBe(before);
});

test("the owner updates to done with a note; every copy of the card changes; the history is kept", async () => {
  now = new Date("2024-06-03T10:00:00Z");
  const noNote = await bot.send(cardAction(cheryl, "action.update", { partnershipId, ref: "A-2024-001", status: "done", note: "" }, "personal"));
  expect(invokeMessage(noNote)).toMatch(/note/i);
  expect((await find("A-2024-001")).status).toBe("open");

  const reply = await bot.send(cardAction(cheryl, "action.update", { partnershipId, ref: "A-2024-001", status: "done", note: "Circulated to all statutory partners on 3 June" }, "personal"));
  const card = cardText(invokeCard(reply));
  expect(card).toContain("Done");
  expect(card).toContain("Circulated to all statutory partners on 3 June");
  await bot.app.idle();
  const action = await find("A-2024-001");
  expect(action.history).toEqual([expect.objectContaining({ by: expect.any(String), byName: "Cheryl Wells", from: "open", to: "done", note: "Circulated to all statutory partners on 3 June" })]);
  for (const copy of action.copies) {
    const update = bot.connector.sent.filter((s) => s.method === "PUT" && s.activityId === copy.activityId).at(-1);
    expect(cardText(cardsIn(update!.activity)[0])).toContain("Circulated to all statutory partners on 3 June");
  }
  expect((await bot.store.audit.list(partnershipId)).some((a) => a.action === "action.updated" && a.target === "A-2024-001")).toBe(true);
});

test("a non-owner's update is refused and writes nothing; a forged reference is refused", async () => {
  const before = await find("A-2024-002");
  const audits = (await bot.store.audit.list(partnershipId)).length;
  const refused = await bot.send(cardAction(person(people, "Simon Bell"), "action.update", { partnershipId, ref: "A-2024-002", status: "dropped", note: "not needed" }));
  expect(invokeMessage(refused)).toMatch(/Only an owner of this action, the chair or the partnership manager/);
  const forged = await bot.send(cardAction(cheryl, "action.update", { partnershipId, ref: "A-2024-999", status: "done", note: "x" }));
  expect(invokeMessage(forged)).toMatch(/There is no action A-2024-999/);
  const verb = await bot.send(cardAction(cheryl, "action.update", { partnershipId, ref: "A-2024-002", status: "finished", note: "x" }));
  expect(invokeMessage(verb)).toMatch(/Nothing was changed/);
  expect(await find("A-2024-002")).toEqual(before);
  expect((await bot.store.audit.list(partnershipId)).length).toBe(audits);
});

test("an update delivered twice, one after the other or at once, is recorded once; every answer shows the card", async () => {
  const note = "Chased with the council's housing team";
  const audits = async () => (await bot.store.audit.list(partnershipId)).filter((a) => a.action === "action.updated" && a.target === "A-2024-002").length;
  const auditsBefore = await audits();
  const activity = cardAction(chair, "action.update", { partnershipId, ref: "A-2024-002", status: "in-progress", note });
  const replies = [...(await Promise.all([bot.send(activity), bot.send(activity)])), await bot.send(activity)];
  for (const reply of replies) expect(cardText(invokeCard(reply))).toContain(note);
  await bot.app.idle();
  expect((await find("A-2024-002")).history.filter((u) => u.note === note)).toHaveLength(1);
  expect((await audits()) - auditsBefore).toBe(1);
});

test("a warm update waits for two storage round trips (the action's read and its replace); the audit entry follows", async () => {
  const activity = () => cardAction(chair, "action.update", { partnershipId, ref: "A-2024-002", status: "in-progress", note: `Progress at ${Math.random()}` });
  await bot.send(activity()); // the board is in the cache from here on
  await bot.app.idle();
  const nextMeetingRead = (await find("A-2024-002")).due?.kind === "next-meeting" ? 1 : 0;
  // Pacing and card leases (the Sends table) are counted apart: they are the card updates' own cost.
  const records = () => bot.store.roundTrips() - bot.store.sendRoundTrips();
  const before = records();
  expect(cardText(invokeCard(await bot.send(activity())))).toContain("Progress at");
  await bot.app.idle();
  // The read and the replace (a batch with the audit entry's outbox row); after the answer, the entry's
  // copy to the audit table and the outbox row's delete.
  expect(records() - before).toBe(4 + nextMeetingRead);
});

test("from a 1:1 copy, a card naming a board the presser doesn't belong to is refused", async () => {
  const foreign = await bot.send(cardAction(cheryl, "action.update", { partnershipId: "p" + "0".repeat(20), ref: "A-2024-001", status: "open", note: "x" }, "personal"));
  expect(invokeMessage(foreign)).toMatch(/belongs to another board/);
  const garbage = await bot.send(cardAction(cheryl, "action.update", { partnershipId: "not-a-board", ref: "A-2024-001", status: "open", note: "x" }, "personal"));
  expect(invokeMessage(garbage)).toMatch(/belongs to another board/);
});

test("20 actions raised at the same moment get 20 distinct references", async () => {
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => bot.send(channelMessage(manager, `action for Kate Taylor (Police): concurrent item ${i} by 30 June`))),
  );
  expect(replies.every((r) => r.status === 200)).toBe(true);
  const refs = (await all()).map((a) => a.ref);
  expect(new Set(refs).size).toBe(refs.length);
  expect(refs).toHaveLength(23);
  expect(refs).toContain("A-2024-023");
});

test("`actions` shows outstanding first, overdue marked, 10 a page, with next and previous", async () => {
  now = new Date("2024-07-01T10:00:00Z");
  await bot.send(channelMessage(chair, "actions"));
  const card = cardsIn(bot.connector.lastPost()!.activity)[0]!;
  const text = cardText(card);
  expect(text).toMatch(/22 outstanding, 21 overdue/);
  expect(text).toContain("Page 1 of 3");
  expect(text).not.toContain("A-2024-001"); // done actions come last: page 3
  const titles = (card.actions as { title: string }[]).map((a) => a.title);
  expect(titles).toEqual(expect.arrayContaining(["Next", "Filter"]));
  const page3 = await bot.send(cardAction(chair, "actions.page", { partnershipId, page: 3 }));
  expect(cardText(invokeCard(page3))).toContain("A-2024-001");
  const mineOnly = await bot.send(cardAction(chair, "actions.page", { partnershipId, page: 1, owner: "Kate", status: "" }));
  expect(cardText(invokeCard(mineOnly))).not.toContain("A-2024-002");
});

test("`my actions` in a 1:1 lists the person's own, each with its Update button", async () => {
  await bot.send(personalMessage(helen, "my actions"));
  const card = cardsIn(bot.connector.lastPost()!.activity)[0]!;
  expect(cardText(card)).toContain("A-2024-002");
  expect(JSON.stringify(card)).toContain("Update A-2024-002");
  const opened = await bot.send(cardAction(helen, "action.open", { partnershipId, ref: "A-2024-002" }, "personal"));
  expect((invokeCard(opened).actions as { title: string }[]).map((a) => a.title)).toContain("Update");
});

test("`export actions` offers a CSV file in the 1:1 chat; accepting uploads it with the minutes' columns", async () => {
  await bot.send(personalMessage(manager, "export actions"));
  const offer = bot.connector.lastPost()!.activity as { attachments: { contentType: string; name: string; content: { acceptContext: unknown } }[] };
  expect(offer.attachments[0]!.contentType).toBe("application/vnd.microsoft.teams.card.file.consent");
  const accept = {
    ...personalMessage(manager, ""),
    type: "invoke",
    name: "fileConsent/invoke",
    value: {
      type: "fileUpload",
      action: "accept",
      context: offer.attachments[0]!.content.acceptContext,
      uploadInfo: { name: offer.attachments[0]!.name, uploadUrl: `${bot.connector.url}upload/actions.csv`, contentUrl: "https://contoso.sharepoint.com/actions.csv", uniqueId: "u1", fileType: "csv" },
    },
  };
  const reply = await bot.send(accept);
  expect(reply.status).toBe(200);
  const csv = bot.connector.uploads.at(-1)!.body.replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("ref,action,owner,raised at,due,status,latest note");
  expect(lines[1]).toContain("A-2024-001");
  expect(lines[1]).toContain("Circulated to all statutory partners on 3 June");
  expect(lines).toHaveLength(24);
  expect(bot.connector.lastPost()!.activity.attachments).toEqual([expect.objectContaining({ contentType: "application/vnd.microsoft.teams.card.file.info" })]);

  const forged = await bot.send({ ...accept, id: "forged-1", from: { id: stranger.id, name: stranger.name, aadObjectId: stranger.aadObjectId }, conversation: { id: "a:1on1-stranger", conversationType: "personal", tenantId: TENANT } });
  expect(forged.status).toBe(200);
  expect(bot.connector.uploads).toHaveLength(1);
  void BOT;
});

test("three days before the meeting each owner gets one reminder of their outstanding actions", async () => {
  await bot.send(channelMessage(manager, "meeting 11 July 2024 2pm, Board meeting"));
  const before = bot.connector.sent.length;
  expect(await bot.app.runReminders(new Date("2024-07-08T15:00:00Z"))).toBeGreaterThanOrEqual(1);
  const reminders = bot.connector.sent.slice(before).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("your outstanding actions")));
  expect(reminders.map((r) => r.conversationId)).toEqual(expect.arrayContaining([`a:dm-${cheryl.id}`, `a:dm-${helen.id}`]));
  const count = bot.connector.sent.length;
  await bot.app.runReminders(new Date("2024-07-09T09:00:00Z"));
  expect(bot.connector.sent.slice(count).filter((s) => cardsIn(s.activity).some((c) => cardText(c).includes("your outstanding actions")))).toHaveLength(0);
});

test("the log card's form raises an action with owners, a due date and the agenda item", async () => {
  await bot.send(channelMessage(chair, "actions"));
  const log = cardsIn(bot.connector.lastPost()!.activity)[0]!;
  expect((log.actions as { title: string }[]).map((a) => a.title)).toContain("Raise an action");
  const before = (await all()).length;
  const ids = (await bot.store.members.list(partnershipId)).filter((m) => m.name === "Helen Forster").map((m) => m.id).join(",");
  await bot.send(cardAction(chair, "action.raise", { partnershipId, text: "Share the public health data pack", ownerIds: ids, outsideOwners: "Kate Taylor (Police)", dueDate: "2024-08-01", dueNextMeeting: "false", agendaItem: "6.4" }));
  const raised = (await all()).at(-1)!;
  expect((await all()).length).toBe(before + 1);
  expect(raised).toMatchObject({ text: "Share the public health data pack", agendaItem: "6.4", due: { kind: "date", date: "2024-08-01" } });
  expect(raised.owners.map((o) => o.name)).toEqual(["Helen Forster", "Kate Taylor"]);
  const refused = await bot.send(cardAction(helen, "action.raise", { partnershipId, text: "Something", outsideOwners: "Someone" }));
  expect(invokeMessage(refused)).toMatch(/Only the chair or the partnership manager can raise actions/);
});
