import { TurnContext } from "botbuilder";
import { startApp } from "../../../bot/app";
import { loadConfig } from "../../../bot/config";
import { childSettings, serve } from "../../bench/child";

// One bot instance in a process of its own, for the tests that run several on one storage account
// (instances.ts forks it). Optionally its card updates are answered late by "Teams": the instance
// holds each update that much longer, as when the connector is slow to answer one instance.

export interface BotChildSettings {
  connectionString: string;
  prefix: string;
  /** Each card update's answer comes back this much later (ms, at random up to it). */
  slowUpdatesMs?: number;
  env?: Record<string, string>;
}

serve(async () => {
  const settings = childSettings<BotChildSettings>();
  if (settings.slowUpdatesMs) {
    const update = TurnContext.prototype.updateActivity;
    TurnContext.prototype.updateActivity = async function (this: TurnContext, activity) {
      const answer = await update.call(this, activity);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * settings.slowUpdatesMs!));
      return answer;
    };
  }
  const app = await startApp(
    loadConfig({
      STORAGE_CONNECTION_STRING: settings.connectionString,
      TABLE_PREFIX: settings.prefix,
      PORT: "0",
      LOG_LEVEL: "silent",
      REMINDER_INTERVAL_SECONDS: "0",
      ...settings.env,
    }),
  );
  return {
    url: app.url,
    close: () => app.close(),
    handlers: {
      idle: () => app.idle(),
    },
  };
});
