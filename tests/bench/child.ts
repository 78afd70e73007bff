import { ChildProcess, fork } from "node:child_process";

// The servers under test each run in a child process of their own (as `npm start` runs the bot), so
// the load client's and the connector stub's work never queues on their event loop and each one's CPU
// is its own. The bench talks to them over HTTP, and over the IPC channel for what HTTP cannot ask:
// their URL, idle(), their storage round trips, process.cpuUsage() and memoryUsage(), close.
//
// No orphans: a child exits when its IPC channel closes (the bench ended, however: even SIGKILL closes
// it), and the bench kills every child still running when it exits or is interrupted.

interface Request {
  id: number;
  method: string;
  arg?: unknown;
}
interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}
type Started = { ready: string } | { failed: string };

const live = new Set<ChildProcess>();
let hooked = false;

/** SIGKILL to every tracked child still running (synchronous: safe in an "exit" handler). */
export function killAll(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  live.clear();
}

/** Kills `child` when the bench exits or is interrupted, if it is still running then. */
export function track(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.once("exit", killAll);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.once(signal, () => {
        process.stderr.write(`bench: ${signal}, stopping its child processes\n`);
        killAll();
        process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
      });
    }
  }
  live.add(child);
  child.once("exit", () => live.delete(child));
}

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  call<T = void>(method: string, arg?: unknown): Promise<T>;
  /** The child's own process.cpuUsage(), cumulative (µs). */
  cpu(): Promise<NodeJS.CpuUsage>;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Asks the server to close, then waits for the process to exit (SIGKILL after 10 s). */
  close(): Promise<void>;
}

const SETTINGS = "BENCH_CHILD_SETTINGS";

/** In the child: the settings the bench forked it with. */
export const childSettings = <T>(): T => JSON.parse(process.env[SETTINGS] ?? "{}") as T;

/** Forks `entry` (a compiled module under dist/) with `settings`, and waits for it to say it is listening. */
export async function forkServer(name: string, entry: string, settings: unknown, execArgv: string[] = []): Promise<ServerProcess> {
  // No debugger or profiler flags of the bench's own, and an explicit environment: the child is given
  // what it needs in its settings (in the environment, not on a command line anyone can list), and
  // nothing in the shell (MICROSOFT_APP_ID, .env) can change its mode.
  const env = { PATH: process.env.PATH ?? "", [SETTINGS]: JSON.stringify(settings) };
  // restify 11 reads process.binding('http_parser') once per process: a known deprecation, not news.
  const child = fork(entry, [], { execArgv: ["--disable-warning=DEP0111", ...execArgv], env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  track(child);
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = `${name} (pid ${child.pid}) exited with ${signal ?? code}`;
      for (const p of pending.values()) p.reject(new Error(`${exited} before answering ${p.method}`));
      pending.clear();
      resolve();
    }),
  );
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    const onStart = (message: Started) => {
      if (!("ready" in message) && !("failed" in message)) return;
      clearTimeout(timer);
      child.off("message", onStart);
      if ("ready" in message) resolve(message.ready);
      else reject(new Error(`${name} failed to start: ${message.failed}`));
    };
    child.on("message", onStart);
    void exit.then(() => (clearTimeout(timer), reject(new Error(exited))));
  });
  child.on("message", (message: Reply) => {
    if (typeof message?.id !== "number") return;
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.error !== undefined) p.reject(new Error(`${name}: ${p.method}: ${message.error}`));
    else p.resolve(message.value);
  });
  let url: string;
  try {
    url = await started;
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const call = <T>(method: string, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error(`${exited}; cannot ask ${method}`));
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      child.send({ id, method, arg } satisfies Request, (error) => {
        if (error && pending.delete(id)) reject(error);
      });
    });
  return {
    name,
    pid: child.pid!,
    url,
    call,
    cpu: () => call<NodeJS.CpuUsage>("cpu"),
    memory: () => call<NodeJS.MemoryUsage>("memory"),
    async close() {
      if (!exited) await call("close").catch(() => undefined);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** CPU milliseconds (user + system) between two process.cpuUsage() readings. */
export const cpuMsBetween = (before: NodeJS.CpuUsage, after: NodeJS.CpuUsage) => (after.user - before.user + after.system - before.system) / 1000;

export type Handlers = Record<string, (arg: never) => unknown>;

/** What a child's server gives serve(): its URL, its IPC requests, and how to close it. */
export interface Served {
  url: string;
  handlers: Handlers;
  close(): Promise<void>;
}

/**
 * In the child: starts the server, tells the bench its URL, then answers its requests. `cpu`, `memory`
 * and `close` are built in; `close` runs the server's own close, answers, and exits.
 */
export function serve(start: () => Promise<Served>): void {
  if (!process.send) throw new Error("serve() runs in a child forked with an IPC channel");
  const send = (message: Reply | Started, then?: () => void) => process.send!(message, undefined, {}, () => then?.());
  // The bench is gone (ended, failed or killed): nobody will ask anything again.
  process.once("disconnect", () => process.exit(0));
  start().then(
    (server) => {
      const handlers: Handlers = {
        ...server.handlers,
        cpu: () => process.cpuUsage(),
        memory: () => process.memoryUsage(),
      };
      process.on("message", async ({ id, method, arg }: Request) => {
        if (method === "close") {
          let error: string | undefined;
          await server.close().catch((e: Error) => (error = String(e?.stack ?? e)));
          return send({ id, error }, () => process.exit(0));
        }
        try {
          const handler = handlers[method];
          if (!handler) throw new Error(`no such request: ${method}`);
          send({ id, value: await handler(arg as never) });
        } catch (error) {
          send({ id, error: String((error as Error)?.stack ?? error) });
        }
      });
      send({ ready: server.url });
    },
    (error: Error) => send({ failed: String(error?.stack ?? error) }, () => process.exit(1)),
  );
}
