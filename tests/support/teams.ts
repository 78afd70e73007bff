import { randomUUID } from "node:crypto";
import { startApp, RunningApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import { EXAMPLE_ROSTER_CSV } from "../../bot/demo/exampleRoster";
import type { Logger } from "../../bot/log";
import { Store } from "../../storage/store";
import { ConnectorStub, Person, startConnector } from "./connector";
import { testConnectionString, uniquePrefix } from "./storage";

// Drives the real bot over real HTTP with activities shaped like the ones Teams sends.

export const TENANT = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
export const TEAM = "19:team-thurrock@thread.tacv2";
export const CHANNEL = "19:channel-board@thread.tacv2";
export const BOT = { id: "28:quorate-bot", name: "Quorate" };

export interface Reply {
  status: number;
  body: unknown;
}

export interface TestBot {
  app: RunningApp;
  store: Store;
  connector: ConnectorStub;
  /** Posts an activity to /api/messages as Teams would. */
  send(activity: Record<string, unknown>): Promise<Reply>;
  close(): Promise<void>;
}

/** `log` (optional) receives the bot's structured log events instead of LOG_LEVEL's stderr logger. */
export async function startTestBot(env: Record<string, string> = {}, now?: () => Date, log?: Logger): Promise<TestBot> {
  const connector = await startConnector();
  const config = loadConfig({
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    PORT: "0",
    LOG_LEVEL: "silent",
    // Tests run reminder rounds themselves, at the times they choose.
    REMINDER_INTERVAL_SECONDS: "0",
    ...env,
  });
  const app = await startApp(config, { now, log });
  return {
    app,
    store: app.store,
    connector,
    async send(activity) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ serviceUrl: connector.url, ...activity }),
      });
      const text = await response.text();
      // What the request set going after its answer (card updates, announcements) has landed too, so
      // assertions about what the bot sent never race it.
      await app.idle();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await connector.close();
    },
  };
}

/** The example board's people as Teams users, with stable ids. */
export function examplePeople(): Person[] {
  return EXAMPLE_ROSTER_CSV.trim()
    .split("\n")
    .slice(1)
    .map((line, i) => {
      const name = line.split(",")[0] ?? "";
      const email = /[\w.]+@example\.org/.exec(line)?.[0] ?? "";
      const n = String(i + 1).padStart(12, "0");
      return { id: `29:user-${i + 1}`, name, email, aadObjectId: `00000000-0000-4000-8000-${n}` };
    });
}

export function person(people: Person[], name: string): Person {
  const found = people.find((p) => p.name === name);
  if (!found) throw new Error(`No test person called ${name}`);
  return found;
}

export const stranger: Person = {
  id: "29:stranger",
  name: "Sam Stranger",
  email: "sam.stranger@example.com",
  aadObjectId: "00000000-0000-4000-8000-999999999999",
};

const from = (p: Person) => ({ id: p.id, name: p.name, aadObjectId: p.aadObjectId });

function channelBase(p: Person, channel = CHANNEL) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    from: from(p),
    recipient: BOT,
    conversation: { id: `${channel};messageid=${Date.now()}`, conversationType: "channel", tenantId: TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: channel }, tenant: { id: TENANT } },
  };
}

function personalBase(p: Person) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    from: from(p),
    recipient: BOT,
    conversation: { id: `a:1on1-${p.aadObjectId}`, conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** "@Quorate <text>" in the board's channel. */
export function channelMessage(p: Person, text: string, channel = CHANNEL) {
  return {
    ...channelBase(p, channel),
    type: "message",
    text: `<at>Quorate</at> ${text}`,
    entities: [{ type: "mention", mentioned: BOT, text: "<at>Quorate</at>" }],
  };
}

/** "@Quorate action for @Cheryl Wells: ..." with real Teams mention entities for each @person. */
export function mentionMessage(from: Person, text: string, mentioned: Person[], channel = CHANNEL) {
  const activity = channelMessage(from, text, channel);
  let body = activity.text;
  for (const p of mentioned) body = body.replace(`@${p.name}`, `<at>${p.name}</at>`);
  return {
    ...activity,
    text: body,
    entities: [...activity.entities, ...mentioned.map((p) => ({ type: "mention", mentioned: { id: p.id, name: p.name }, text: `<at>${p.name}</at>` }))],
  };
}

export function personalMessage(p: Person, text: string) {
  return { ...personalBase(p), type: "message", text };
}

/** A Universal Action (Action.Execute) pressed on a card. */
export function cardAction(p: Person, verb: string, data: Record<string, unknown>, scope: "channel" | "personal" = "channel") {
  return {
    ...(scope === "channel" ? channelBase(p) : personalBase(p)),
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

export function installInTeam(channel = CHANNEL) {
  return {
    id: randomUUID(),
    type: "conversationUpdate",
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    from: { id: "29:installer", aadObjectId: "00000000-0000-4000-8000-000000000000" },
    recipient: BOT,
    membersAdded: [BOT],
    conversation: { id: channel, conversationType: "channel", tenantId: TENANT, isGroup: true },
    channelData: { eventType: "teamMemberAdded", team: { id: TEAM, name: "Thurrock CSP" }, channel: { id: channel }, tenant: { id: TENANT } },
  };
}

/** The Adaptive Cards in what the bot sent (or answered), for assertions. */
export function cardsIn(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  return attachments.filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive").map((a) => a.content);
}

/** Every text on a card, flattened: what a reader would see. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.text === "string") out.push(obj.text);
    if (obj.type === "FactSet" && Array.isArray(obj.facts)) for (const f of obj.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    for (const [k, v] of Object.entries(obj)) if (k !== "text" && typeof v === "object") walk(v);
  };
  walk(card);
  return out.join("\n");
}

/** The invoke answer's card, or its message. */
export function invokeCard(reply: Reply): Record<string, unknown> {
  const body = reply.body as { statusCode: number; type: string; value: unknown };
  if (body?.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`Expected a card, got ${JSON.stringify(body)}`);
  return body.value as Record<string, unknown>;
}

export function invokeMessage(reply: Reply): string {
  const body = reply.body as { statusCode: number; type: string; value: unknown };
  if (body?.type !== "application/vnd.microsoft.activity.message") throw new Error(`Expected a message, got ${JSON.stringify(body)}`);
  return String(body.value);
}

export function registerPeople(bot: TestBot, people: Person[]): void {
  for (const p of people) bot.connector.people.set(p.id, p);
}

/**
 * A bot with the example board set up in the test channel: Michelle Cunningham (manager) ran setup
 * with a 4-of-6 rule and imported the 21 March 2024 roster. Teams knows the example people and a stranger.
 */
export async function startExampleBoard(now?: () => Date, env: Record<string, string> = {}): Promise<TestBot> {
  const bot = await startTestBot(env, now);
  const people = examplePeople();
  registerPeople(bot, [...people, stranger]);
  const manager = person(people, "Michelle Cunningham");
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock CSP", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${EXAMPLE_ROSTER_CSV}`));
  return bot;
}
