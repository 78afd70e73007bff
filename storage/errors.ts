import { RestError } from "@azure/data-tables";

/** Storage could not be reached or answered with a server error: the person is told "not saved". */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Storage is unavailable", { cause });
    this.name = "StorageUnavailableError";
  }
}

/** A stored entity failed its schema: a bug or tampering, never shown as data. */
export class CorruptEntityError extends Error {
  constructor(table: string, key: string, detail: string) {
    super(`Entity ${table}/${key} does not match its schema: ${detail}`);
    this.name = "CorruptEntityError";
  }
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

export const isNotFound = (e: unknown) => statusOf(e) === 404;
export const isConflict = (e: unknown) => statusOf(e) === 409;
export const isPreconditionFailed = (e: unknown) => statusOf(e) === 412;

/** Network failures and 5xx are outages; 4xx are our own mistakes and stay loud. */
export function isOutage(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  if (error instanceof RestError) {
    return error.statusCode === undefined || error.statusCode >= 500 || error.code === "REQUEST_SEND_ERROR";
  }
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code);
}

/** Runs a storage call and turns an outage into StorageUnavailableError. */
export async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isOutage(error)) throw new StorageUnavailableError(error);
    throw error;
  }
}
