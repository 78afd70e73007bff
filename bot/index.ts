import "dotenv/config";
import { startApp } from "./app";
import { ConfigError, loadConfig } from "./config";

// Production entry: the bot alone, against the storage account in STORAGE_CONNECTION_STRING.
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.storageConnectionString) throw new ConfigError("Invalid configuration:\n  STORAGE_CONNECTION_STRING: is required to serve (npm start runs a local Azurite instead)");
  const app = await startApp(config);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error?.stack ?? error}\n`);
  process.exit(1);
});
