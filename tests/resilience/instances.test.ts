import { partnershipIdFor } from "../../storage/keys";
import { ConnectorStub, Person, startConnector, TEAMS_LIMITS } from "../support/connector";
import { allIdle, Instance, startInstance } from "../support/instances/instances";
import { testConnectionString, testStore, uniquePrefix } from "../support/storage";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, invokeCard, personalMessage, TENANT } from "../support/teams";

// Two bot processes on one storage account behind one Teams (the connector stub, which refuses with 429
// anything over Teams' per-conversation limits). Thirty members press "I'm here" at once, half through
// each instance, and one instance's card updates are answered late.

const ORGS = ["Essex Police", "Thurrock Council", "The Probation Service", "Police Fire and Crime Panel", "Essex County Fire and Rescue Service", "Mid and South Essex ICB"];
const members: Person[] = Array.from({ length: 32 }, (_, i) => ({
  id: `29:multi-${i}`,
  name: `Member ${String(i).padStart(2, "0")}`,
  email: `multi${i}@example.org`,
  aadObjectId: `00000000-0000-4000-8000-${String(300 + i).padStart(12, "0")}`,
}));
const manager = members[0]!;
const chair = members[1]!;
const csv = [
  "name,title,organisation,category,role,email",
  ...members.map((m, i) => `${m.name},,${ORGS[i % ORGS.length]},${i % 4 ? "statutory" : "non-statutory"},${i === 0 ? "manager" : i === 1 ? "chair" : "member"},${m.email}`),
].join("\n");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);

let connector: ConnectorStub;
let a: Instance;
let b: Instance;
const prefix = uniquePrefix();

beforeAll(async () => {
  connector = await startConnector();
  for (const m of members) connector.people.set(m.id, m);
  const settings = { connectionString: testConnectionString(), prefix };
  [a, b] = await Promise.all([startInstance(settings, connector.url, "bot A"), startInstance({ ...settings, slowUpdatesMs: 400 }, connector.url, "bot B")]);
  await a.send(cardAction(manager, "setup.save", { name: "Scaled-out CSP", quorumRequired: "4" }));
  await a.send(channelMessage(manager, `import roster\n${csv}`));
  await b.send(channelMessage(manager, "meeting 28 March 2030 2pm, Board meeting"));
  // Everyone has spoken to the bot before (linked), half of them through each instance.
  for (const [i, m] of members.entries()) await (i % 2 ? b : a).send(personalMessage(m, "roster"));
  await allIdle([a, b]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.process.close(), b?.process.close()]);
  await connector?.close();
});

test("30 at once over two instances: all stored, each answer right, the shared card ends on 30, no limit broken", async () => {
  const store = await testStore(prefix);
  const meetingId = (await store.meetings.list(partnershipId))[0]!.id;
  await a.send(cardAction(chair, "roll.open", { partnershipId, meetingId }));
  await allIdle([a, b]);
  const cardId = connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;

  const pressers = members.slice(2, 32);
  const replies = await Promise.all(pressers.map((m, i) => (i % 2 ? b : a).send(cardAction(m, "roll.checkin", { partnershipId, meetingId }))));
  for (const reply of replies) expect(cardText(invokeCard(reply))).toMatch(/You: Present \(/);

  const records = (await store.rollCalls.read(partnershipId, meetingId)).attendance;
  expect(records.map((r) => r.memberId).sort()).toHaveLength(30);
  expect(new Set(records.map((r) => r.memberId)).size).toBe(30);

  await allIdle([a, b]);
  const updates = connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId);
  expect(updates.length).toBeGreaterThan(0);
  const final = cardText(cardsIn(updates.at(-1)!.activity)[0]);
  expect(final.match(/Present \(/g)).toHaveLength(30);
  // Teams' limits held by the bot as a whole: nothing refused, and no window over its limit.
  expect(connector.breaches).toBe(0);
  const times = connector.sent.filter((s) => s.conversationId.split(";")[0] === CHANNEL).map((s) => s.at);
  for (const w of TEAMS_LIMITS) {
    const worst = Math.max(...times.map((t) => times.filter((u) => u >= t && u - t < w.ms).length));
    expect(worst).toBeLessThanOrEqual(w.limit);
  }
}, 120_000);
