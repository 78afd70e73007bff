import "dotenv/config";
import { startApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { createLogger, errorFields } from "./log";

// Production entry: the bot alone, against the storage account in STORAGE_CONNECTION_STRING.

/** On SIGTERM (App Service restarting us) queued card updates and background writes get this long. */
export const DRAIN_MS = 15_000;

// Until the configuration is read, errors are still JSON lines like every other log line.
let log = createLogger("error");

async function main(): Promise<void> {
  const config = loadConfig();
  log = createLogger(config.logLevel);
  if (!config.storageConnectionString) throw new ConfigError("Invalid configuration:\n  STORAGE_CONNECTION_STRING: is required to serve (npm start runs a local Azurite instead)");
  const app = await startApp(config, { log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("app.stopping", { signal, drainMs: DRAIN_MS });
    const deadline = setTimeout(() => {
      log.error("app.drain_timeout", { signal, drainMs: DRAIN_MS });
      process.exit(1);
    }, DRAIN_MS);
    deadline.unref();
    void app.close().then(
      () => {
        log.info("app.stopped", { signal });
        process.exit(0);
      },
      (error) => {
        log.error("app.stop_failed", { signal, ...errorFields(error) });
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

// Nothing reaches stderr as a raw stack trace: an operator's log search sees one JSON line per event.
process.on("unhandledRejection", (error) => log.error("process.unhandled_rejection", errorFields(error)));
process.on("uncaughtException", (error) => {
  log.error("process.uncaught_exception", errorFields(error));
  process.exit(1);
});

main().catch((error) => {
  // A configuration error names the variable and what is wrong with it (never its value).
  log.error("app.start_failed", error instanceof ConfigError ? { kind: "ConfigError", message: error.message } : errorFields(error));
  process.exit(1);
});
