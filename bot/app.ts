import { AddressInfo } from "node:net";
import { createStore, Store } from "../storage/store";
import { createAdapter } from "./adapter";
import { InboundCounters } from "./teams/inbound";
import { Config } from "./config";
import { Deps } from "./deps";
import { createLogger, Logger } from "./log";
import { createServer } from "./server";
import { createTurnHandler } from "./turn";
import { Background } from "./background";
import { BoardCache } from "./boardCache";
import { CardUpdater } from "./teams/cardUpdater";
import { createProactive } from "./teams/proactive";
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from "./teams/rateLimiter";
import { TEAMS_MEMBER_READ_LIMITS } from "./teams/memberReads";
import { sendDueReminders, startReminderTimer } from "./reminders";
import { PaperLinks } from "./papers/links";
import { servePaperDownloads } from "./papers/download";
import { registerTab } from "./tab/routes";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  /** One round of due reminders now (the timer does this every REMINDER_INTERVAL_SECONDS). */
  runReminders(now?: Date): Promise<number>;
  /** Requests refused (no or bad token, unreadable body) and failed on our side, since start. */
  counters: InboundCounters;
  /** Resolves when card updates and announcements started by earlier requests have finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  now?: () => Date;
}

/** Builds the bot from its configuration and serves it. Requires a storage connection string. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  if (!config.storageConnectionString) throw new Error("startApp needs config.storageConnectionString");
  const log = options.log ?? createLogger(config.logLevel);
  const store = createStore({ connectionString: config.storageConnectionString, prefix: config.tablePrefix });
  await store.ensureTables();

  const adapter = createAdapter(config, log);
  // Teams limits the bot as a whole: every instance records its sends in storage and paces by all of them.
  const limiter = new RateLimiter(TEAMS_CONVERSATION_LIMITS, Date.now, {
    take: (key, windows, now) => store.sends.takeSend(key, windows, now),
    unavailable: (error) => log.warn("pacing.storage_unavailable", { error }),
  });
  const proactive = createProactive(adapter, config.auth.mode === "azure" ? config.auth.appId : "", limiter, (conversation, id) => store.sends.justPosted(conversation, id));
  const background = new Background(log);
  const cards = new CardUpdater(proactive, log, store.sends, adapter.answering);
  const deps: Deps = {
    store,
    log,
    config,
    now: options.now ?? (() => new Date()),
    boards: new BoardCache(store),
    proactive,
    limiter,
    // Member reads have limits of their own, for the bot as a whole too: their own rows in Sends.
    memberReads: new RateLimiter(TEAMS_MEMBER_READ_LIMITS, Date.now, {
      take: (key, windows, now) => store.sends.takeSend(`reads|${key}`, windows, now),
      unavailable: (error) => log.warn("pacing.storage_unavailable", { error }),
    }),
    cards,
    background,
    links: new PaperLinks(config.papers.linkSecret, config.papers.publicUrl),
  };
  const logic = createTurnHandler(deps);
  const server = createServer(adapter, logic, async () => ({ status: "ok", mode: config.auth.mode, ...adapter.counters }), log);
  servePaperDownloads(server, deps);
  registerTab(server, deps, adapter);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // With no authentication (local mode) only this machine may reach the bot.
    server.listen(config.port, config.auth.mode === "local" ? "127.0.0.1" : "0.0.0.0", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const stopReminders = startReminderTimer(deps);
  // Local mode listens on this machine only: its links can point at it. Otherwise PUBLIC_URL says where.
  if (config.auth.mode === "local") deps.links.listeningOn(`http://localhost:${port}`);
  if (!config.papers.secretConfigured && config.auth.mode === "azure") {
    log.warn("papers.link_secret_random", { message: "No PAPERS_LINK_SECRET: download links work only on the instance that made them." });
  }
  // Audit entries a killed process wrote with their change but never copied (auditOutbox.ts).
  background.run("audit.recover", async () => {
    const copied = await store.outbox.recover();
    if (copied > 0) log.info("audit.recovered", { entries: copied });
  });
  if (config.auth.mode === "local") {
    log.warn("auth.local_mode", { message: "No MICROSOFT_APP_ID: inbound requests are NOT authenticated. Local use only." });
  }
  log.info("app.listening", { port, mode: config.auth.mode });
  return {
    url: `http://localhost:${port}`,
    port,
    store,
    counters: adapter.counters,
    runReminders: (now) => sendDueReminders(deps, now),
    idle: async () => {
      await background.idle();
      await store.outbox.idle();
      await cards.idle();
    },
    // Stops taking requests, then finishes what they started: card updates, audit copies, announcements.
    close: async () => {
      stopReminders();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.idle();
      await store.outbox.idle();
      await cards.idle();
    },
  };
}
