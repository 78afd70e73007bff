import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { partnershipIdFor } from "../../storage/keys";
import { ConnectorStub, startConnector } from "../support/connector";
import { Instance, startInstance } from "../support/instances/instances";
import { testConnectionString, testStore, uniquePrefix } from "../support/storage";
import { cardAction, cardText, CHANNEL, channelMessage, examplePeople, invokeCard, person, TENANT } from "../support/teams";

// The bot is killed (SIGKILL: no shutdown of any kind) the moment after it answered a check-in. The
// audit entry of that check-in is there once an instance runs again.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const prefix = uniquePrefix();
let connector: ConnectorStub;
let instance: Instance | undefined;

beforeAll(async () => {
  connector = await startConnector();
  for (const p of people) connector.people.set(p.id, p);
});
afterAll(async () => {
  await instance?.process.close();
  await connector.close();
});

test("SIGKILL right after a check-in's answer: after a restart its audit entry is there", async () => {
  const settings = { connectionString: testConnectionString(), prefix };
  instance = await startInstance(settings, connector.url, "bot (to be killed)");
  await instance.send(cardAction(manager, "setup.save", { name: "Killed CSP", quorumRequired: "4" }));
  await instance.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await instance.send(channelMessage(manager, "meeting 28 March 2030 2pm, Board meeting"));
  const store = await testStore(prefix);
  const meetingId = (await store.meetings.list(partnershipId))[0]!.id;
  await instance.send(cardAction(chair, "roll.open", { partnershipId, meetingId }));
  await instance.idle();

  const member = person(people, "Cheryl Wells");
  const answer = await instance.send(cardAction(member, "roll.checkin", { partnershipId, meetingId }));
  process.kill(instance.process.pid, "SIGKILL");
  expect(cardText(invokeCard(answer))).toContain("You: Present");
  await instance.process.close(); // waits for the process to be gone
  instance = undefined;

  instance = await startInstance(settings, connector.url, "bot (restarted)");
  await instance.idle();
  const memberId = (await store.members.list(partnershipId)).find((m) => m.email === member.email)!.id;
  const entries = (await store.audit.list(partnershipId)).filter((a) => a.action === "attendance.checked_in" && a.target === `${meetingId}/${memberId}`);
  expect(entries).toHaveLength(1);
  expect(entries[0]!.after).toMatchObject({ status: "present" });
  // Nothing left waiting to be copied.
  expect(await store.outbox.recover()).toBe(0);
}, 120_000);
