import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import { freePort } from "../../storage/azurite";
import { partnershipIdFor } from "../../storage/keys";
import { ConnectorStub, startConnector } from "../support/connector";
import { testConnectionString, testStore, uniquePrefix } from "../support/storage";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, invokeCard, person, TENANT } from "../support/teams";

// The production entry (bot/index.ts, as `npm run serve` runs it) stopped with SIGTERM, as App Service
// does on a restart, the moment after it answered: what the answer set going (the shared card's update,
// the audit entry's copy) is finished before it exits, it exits by itself, and everything it wrote to
// stderr is a JSON log line.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
const REGISTER = path.join(__dirname, "../support/instances/tsRegister.js");
let connector: ConnectorStub;
let child: ChildProcess | undefined;

beforeAll(async () => {
  connector = await startConnector();
  for (const p of people) connector.people.set(p.id, p);
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await connector.close();
});

const isJson = (line: string) => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

test("SIGTERM right after an answer: the card update and the audit copy land, then the process exits 0", async () => {
  const prefix = uniquePrefix();
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? "", STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix, PORT: String(port), LOG_LEVEL: "info", REMINDER_INTERVAL_SECONDS: "0" };
  child = spawn(process.execPath, ["--disable-warning=DEP0111", "-r", REGISTER, path.join(__dirname, "../../bot/index.ts")], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
  while (!stderr.includes('"app.listening"')) await new Promise((resolve) => setTimeout(resolve, 100));

  const send = async (activity: Record<string, unknown>) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serviceUrl: connector.url, ...activity }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  await send(cardAction(manager, "setup.save", { name: "Restarted CSP", quorumRequired: "4" }));
  await send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  await send(channelMessage(manager, "meeting 28 March 2030 2pm, Board meeting"));
  const store = await testStore(prefix);
  const meetingId = (await store.meetings.list(partnershipId))[0]!.id;
  await send(cardAction(chair, "roll.open", { partnershipId, meetingId }));
  const cardId = connector.sent.filter((s) => s.method === "POST" && cardsIn(s.activity).length > 0).at(-1)!.activityId;

  const member = person(people, "Cheryl Wells");
  const answer = await send(cardAction(member, "roll.checkin", { partnershipId, meetingId }));
  child.kill("SIGTERM");
  expect(cardText(invokeCard(answer))).toContain("You: Present");
  expect(await exited).toBe(0);

  // The shared card's last update shows the check-in; the audit entry was copied and nothing is left over.
  const last = connector.sent.filter((s) => s.method === "PUT" && s.activityId === cardId).at(-1);
  expect(cardText(cardsIn(last!.activity)[0])).toMatch(/Cheryl Wells[\s\S]*Present/);
  const memberId = (await store.members.list(partnershipId)).find((m) => m.email === member.email)!.id;
  expect((await store.audit.list(partnershipId)).filter((a) => a.target === `${meetingId}/${memberId}`).map((a) => a.action)).toEqual(["attendance.checked_in"]);
  expect(await store.outbox.recover()).toBe(0);
  // Every line on stderr is a JSON log line (no raw stack traces), and the stop was said.
  const lines = stderr.trim().split("\n");
  expect(lines.filter((l) => !isJson(l))).toEqual([]);
  expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(expect.arrayContaining(["app.stopping", "app.stopped"]));
}, 120_000);
