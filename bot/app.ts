import { AddressInfo } from "node:net";
import { createStore, Store } from "../storage/store";
import { createAdapter } from "./adapter";
import { Config } from "./config";
import { Deps } from "./deps";
import { createLogger, Logger } from "./log";
import { createServer } from "./server";
import { createTurnHandler } from "./turn";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
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

  const deps: Deps = { store, log, config, now: options.now ?? (() => new Date()) };
  const adapter = createAdapter(config, log);
  const logic = createTurnHandler(deps);
  const server = createServer(adapter, logic, async () => ({ status: "ok", mode: config.auth.mode }), log);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, "0.0.0.0", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (config.auth.mode === "local") {
    log.warn("auth.local_mode", { message: "No MICROSOFT_APP_ID: inbound requests are NOT authenticated. Local use only." });
  }
  log.info("app.listening", { port, mode: config.auth.mode });
  return {
    url: `http://localhost:${port}`,
    port,
    store,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
