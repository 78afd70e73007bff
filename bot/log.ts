// Structured one-line JSON logs. They carry ids and outcomes, never names, emails or reasons.

export type Level = "silent" | "error" | "warn" | "info" | "debug";
const ORDER: Record<Level, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export interface Logger {
  error(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  const emit = (at: Exclude<Level, "silent">) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] > ORDER[level]) return;
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) extra[k] = v instanceof Error ? describeError(v) : v;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, event, ...extra }));
  };
  return { error: emit("error"), warn: emit("warn"), info: emit("info"), debug: emit("debug") };
}

/**
 * What an operator may see of an unexpected error: its class and where it was thrown (file and line of
 * the first frame), never its message, which can carry a token's claims or what a person typed.
 */
export function errorFields(error: unknown): { kind: string; at?: string } {
  if (!(error instanceof Error)) return { kind: typeof error };
  const frame = error.stack?.split("\n").find((line) => /^\s+at /.test(line));
  const at = frame ? /([^\s(/\\]+:\d+):\d+\)?\s*$/.exec(frame)?.[1] : undefined;
  return { kind: error.name, at };
}

/** An error in a log line: class, HTTP status if any, and where; no message (see errorFields). */
export function describeError(error: Error): string {
  const { kind, at } = errorFields(error);
  const status = (error as { statusCode?: unknown }).statusCode ?? (error as { status?: unknown }).status;
  return [kind, typeof status === "number" ? String(status) : "", at ? `at ${at}` : ""].filter(Boolean).join(" ");
}
