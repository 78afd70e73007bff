import { startAzurite } from "../../storage/azurite";

// One real Azurite for the whole run, on a free port, in memory. Each test file isolates itself with
// its own table prefix (see tests/support/storage.ts).
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  (globalThis as { __AZURITE__?: unknown }).__AZURITE__ = azurite;
  process.env.QUORATE_TEST_STORAGE = azurite.connectionString;
  process.env.QUORATE_TEST_AZURITE_PORT = String(azurite.port);
}
