import type { RunningAzurite } from "../../storage/azurite";

export default async function globalTeardown(): Promise<void> {
  const azurite = (globalThis as { __AZURITE__?: RunningAzurite }).__AZURITE__;
  await azurite?.stop();
}
