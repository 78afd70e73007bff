import { ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";

// Small helpers for the local dev stack (`npm start`): waiting for HTTP servers, stopping child
// processes, checking ports. Nothing here is used in production.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves "timeout" after `ms` without keeping the process alive meanwhile. */
export const timeout = (ms: number) =>
  new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

/** The promise's value, or "timeout" if it takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  return Promise.race([promise, timeout(ms)]);
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL if the child is still running after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = exitOf(child);
  child.kill("SIGTERM");
  if ((await withTimeout(exited, graceMs)) === "timeout" && !hasExited(child)) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when nothing listens on the port (on any interface), so a server could take it. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

export interface WaitForHttpOptions {
  timeoutMs?: number;
  /** Stop waiting (and fail) if this child exits first. */
  child?: ChildProcess;
  /** Accepts the response; default: status 200. */
  accept?: (response: Response) => boolean;
}

/** Polls `url` until it answers as accepted. */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const accept = options.accept ?? ((r: Response) => r.status === 200);
  let last = "no answer";
  while (Date.now() < deadline) {
    if (options.child && hasExited(options.child)) throw new Error(`the process exited while waiting for ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (accept(response)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(150);
  }
  throw new Error(`${url} was not ready in time (${last})`);
}

/** Keeps the last `max` characters written to a stream, for error messages. */
export function tail(max = 4_000): { push(chunk: Buffer | string): void; text(): string } {
  let buffer = "";
  return {
    push(chunk) {
      buffer = (buffer + chunk.toString()).slice(-max);
    },
    text: () => buffer,
  };
}
