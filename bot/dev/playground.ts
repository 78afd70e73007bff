import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { playgroundConfigYaml } from "./playgroundConfig";
import { hasExited, stopChild, tail, waitForHttp } from "./processes";

// Runs the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) as a child process,
// pointed at the bot. What its CLI (0.2.28) does, from its --help and bundled code:
// - serves the web UI, its mock Bot Connector (/_connector, the bot's serviceUrl) and a readiness probe
//   (/_debug/ping -> "pong") on one port: -p/--port, default 56150; if that port is taken it silently
//   takes a random free one, and -p 0 always does;
// - with stdout not a TTY it prints only "Listening on <port>"; everything else goes to
//   ./devTools/m365agentsplayground.log (M365_AGENTS_PLAYGROUND_LOGFILE overrides);
// - reads its mock Teams context from ./.m365agentsplayground.yml (M365_AGENTS_PLAYGROUND_CONFIG_PATH
//   overrides); a file it rejects makes it exit with code 1;
// - opens a browser unless TEAMSAPPTESTER_BROWSER=none; --disable-telemetry and
//   APPLICATION_INSIGHTS_NO_STATSBEAT=1 keep it from reporting anywhere.

export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  botUrl: string;
  /** Port for the web UI; 0 picks a free one. Default 56150. */
  port?: number;
  /** Working folder: the playground writes devTools/ there. Default: the current folder. */
  cwd?: string;
  /** Mock Teams context file to use instead of the generated one. */
  configPath?: string;
  timeoutMs?: number;
}

export interface RunningPlayground {
  /** The web UI, e.g. http://localhost:56150 */
  url: string;
  port: number;
  /** The mock Teams context file it loaded. */
  configPath: string;
  logPath: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function playgroundCli(): string {
  const pkg = require.resolve("@microsoft/m365agentsplayground/package.json");
  return path.join(path.dirname(pkg), "cli.js");
}

/** Writes the mock Teams context into <cwd>/devTools/ and returns its path. */
export function writePlaygroundConfig(cwd: string): string {
  const dir = path.join(cwd, "devTools");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".m365agentsplayground.yml");
  writeFileSync(file, playgroundConfigYaml());
  return file;
}

function readLog(logPath: string): string {
  try {
    return readFileSync(logPath, "utf8").slice(-3_000);
  } catch {
    return "";
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.configPath ?? writePlaygroundConfig(cwd);
  if (!existsSync(configPath)) throw new Error(`Playground config file ${configPath} does not exist`);
  const logPath = path.join(cwd, "devTools", "m365agentsplayground.log");
  const port = options.port ?? DEFAULT_PLAYGROUND_PORT;
  const args = [
    playgroundCli(),
    "start",
    "--app-endpoint",
    options.botUrl,
    "--channel-id",
    "msteams",
    "--port",
    String(port),
    "--disable-telemetry",
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: "none",
      APPLICATION_INSIGHTS_NO_STATSBEAT: "1",
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
    },
  });
  const output = tail();
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));

  const failure = (reason: string) =>
    new Error(
      `The Agents Playground ${reason}.\n${output.text()}${readLog(logPath) ? `\nIts log (${logPath}):\n${readLog(logPath)}` : ""}`,
    );

  let listening: number;
  try {
    listening = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(failure("did not start within the time allowed")), options.timeoutMs ?? 20_000);
      const onData = (chunk: Buffer) => {
        output.push(chunk);
        const match = /Listening on (\d+)/.exec(output.text());
        if (match) {
          clearTimeout(timer);
          child.stdout?.off("data", onData);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on("data", onData);
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(failure(`exited with ${signal ?? `code ${code}`} while starting`));
      });
    });
    // Keep draining its output so it never blocks on a full pipe.
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    const url = `http://localhost:${listening}`;
    try {
      await waitForHttp(`${url}/_debug/ping`, { child, timeoutMs: options.timeoutMs ?? 20_000 });
    } catch (error) {
      throw failure(`did not become ready (${error instanceof Error ? error.message : error})`);
    }
    if (hasExited(child)) throw failure("exited while starting");
    return {
      url,
      port: listening,
      configPath,
      logPath,
      process: child,
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
