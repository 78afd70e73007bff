import { randomBytes } from "node:crypto";
import { createStore, Store } from "../../storage/store";

/** The Azurite that globalSetup started; each caller gets its own tables through a fresh prefix. */
export function testConnectionString(): string {
  const connection = process.env.QUORATE_TEST_STORAGE;
  if (!connection) throw new Error("QUORATE_TEST_STORAGE is not set: run the tests through jest's globalSetup");
  return connection;
}

export function uniquePrefix(): string {
  return "t" + randomBytes(5).toString("hex");
}

export async function testStore(prefix = uniquePrefix()): Promise<Store> {
  const store = createStore({ connectionString: testConnectionString(), prefix });
  await store.ensureTables();
  return store;
}
