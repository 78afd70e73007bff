import { startApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import { childSettings, serve } from "./child";
import { startProfiler } from "./profile";

// The real bot in a process of its own, as `npm start` runs it (local mode, no playground): forked by
// the bench (seed.ts startBenchBot) with its settings in its environment as JSON. Over IPC it answers what
// the harness cannot ask over HTTP: idle(), its store's round trips, its CPU, its memory, and (with
// BENCH_PROFILE=1) a CPU profile of itself.

export interface BotSettings {
  connectionString: string;
  prefix: string;
  logLevel: string;
}

serve(async () => {
  const settings = childSettings<BotSettings>();
  // An explicit environment: no .env file or MICROSOFT_APP_ID in the shell can turn local mode off.
  const app = await startApp(loadConfig({ STORAGE_CONNECTION_STRING: settings.connectionString, TABLE_PREFIX: settings.prefix, PORT: "0", LOG_LEVEL: settings.logLevel }));
  let stopProfiler: ((file: string) => Promise<unknown>) | undefined;
  return {
    url: app.url,
    close: () => app.close(),
    handlers: {
      idle: () => app.idle(),
      roundTrips: () => app.store.roundTrips(),
      profileStart: async () => {
        stopProfiler = await startProfiler();
      },
      profileStop: async (file: string) => {
        if (!stopProfiler) throw new Error("the profiler was not started");
        const summary = await stopProfiler(file);
        stopProfiler = undefined;
        return summary;
      },
    },
  };
});
