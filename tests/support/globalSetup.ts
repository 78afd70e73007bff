import { startAzurite } from "../../storage/azurite";
import { buildTab } from "../../bot/tab/build";

// One real Azurite for the whole run, on a free port, in memory. Each test file isolates itself with
// its own table prefix (see tests/support/storage.ts).
export default async function globalSetup(): Promise<void> {
  // The tab's pages, as `npm run build` makes them: the bot serves them from dist/tab.
  await buildTab();
  const azurite = await startAzurite();
  (globalThis as { __AZURITE__?: unknown }).__AZURITE__ = azurite;
  process.env.QUORATE_TEST_STORAGE = azurite.connectionString;
  process.env.QUORATE_TEST_AZURITE_PORT = String(azurite.port);
}
