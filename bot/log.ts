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
    for (const [k, v] of Object.entries(fields)) extra[k] = v instanceof Error ? `${v.name}: ${v.message}` : v;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, event, ...extra }));
  };
  return { error: emit("error"), warn: emit("warn"), info: emit("info"), debug: emit("debug") };
}
