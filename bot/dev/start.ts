import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import dotenv from "dotenv";
import { RunningAzurite, startAzurite } from "../../storage/azurite";
import { RunningApp, startApp } from "../app";
import { Config, ConfigError, loadConfig } from "../config";
import {
  DEFAULT_PLAYGROUND_PORT,
  PlaygroundOptions,
  RunningPlayground,
  startPlayground,
} from "./playground";
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_CHANNEL_NAME, PLAYGROUND_TEAM_ID, playgroundConfig } from "./playgroundConfig";
import { exitOf, hasExited, isPortFree, withTimeout } from "./processes";

// `npm start`: the whole thing on one machine. Azurite's Table service (unless STORAGE_CONNECTION_STRING
// is set), the bot, and the Microsoft 365 Agents Playground pointed at the bot. Ctrl-C stops all three.

/** Azurite's usual Table port, so tools like Storage Explorer find it; a free one when it is taken. */
const AZURITE_TABLE_PORT = 10002;

export const DEMO_HINT =
  "In the playground, say `demo` in the 1:1 chat: it loads the example board (the Thurrock CSP of 21 March 2024) into the Board channel, with a meeting today.";

export interface DevStackOptions {
  /** Repository root: .azurite/ and the playground's devTools/ go here. Default: found from this file. */
  root?: string;
  /** Azurite's data folder. Default <root>/.azurite */
  azuriteLocation?: string;
  /** Azurite's Table port. Default 10002 when free; 0 or taken: a free port. */
  azuritePort?: number;
  /** The playground's working folder (it writes devTools/ there). Default: root. */
  playgroundCwd?: string;
  /** Where the "what runs where" lines go. Default: stdout. */
  print?: (line: string) => void;
}

export interface DevStack {
  config: Config;
  /** Absent when STORAGE_CONNECTION_STRING is configured. */
  azurite?: RunningAzurite;
  app: RunningApp;
  playground: RunningPlayground;
  /** Resolves with a message if Azurite or the playground exits while the stack is running. */
  died: Promise<string>;
  /** Stops everything (playground, bot, Azurite); safe to call more than once. */
  stop(): Promise<void>;
}

/** The folder with package.json and tsconfig.json above `from` (works from bot/dev and dist/bot/dev). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "tsconfig.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** PLAYGROUND_PORT: the playground's web UI port (dev only, so not part of bot/config.ts). */
export function playgroundPortFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.PLAYGROUND_PORT?.trim();
  if (!raw) return DEFAULT_PLAYGROUND_PORT;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError("Invalid configuration:\n  PLAYGROUND_PORT: must be a port number from 0 to 65535");
  }
  return Number(raw);
}

function storageAccountOf(connectionString: string): string {
  const account = /(?:^|;)\s*AccountName=([^;]+)/i.exec(connectionString)?.[1];
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  return account ? `account ${account}` : endpoint ? `endpoint ${endpoint}` : "the configured account";
}

async function stopAzurite(azurite: RunningAzurite): Promise<void> {
  if ((await withTimeout(azurite.stop(), 5_000)) === "timeout" && !hasExited(azurite.process)) {
    azurite.process.kill("SIGKILL");
    await exitOf(azurite.process);
  }
}

/**
 * Starts Azurite (unless STORAGE_CONNECTION_STRING is set), the bot and the playground, in that order.
 * A configuration error throws ConfigError before anything starts; a later failure stops what did start.
 */
export async function startDevStack(env: NodeJS.ProcessEnv, options: DevStackOptions = {}): Promise<DevStack> {
  const config = loadConfig(env);
  const playgroundPort = playgroundPortFrom(env);
  const root = options.root ?? repoRoot();
  const print = options.print ?? ((line: string) => process.stdout.write(line + "\n"));

  let azurite: RunningAzurite | undefined;
  let app: RunningApp | undefined;
  let playground: RunningPlayground | undefined;
  let stopping = false;
  let reportDeath: (message: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => (reportDeath = resolve));
  const watch = (name: string, child: RunningPlayground["process"]) =>
    child.once("exit", (code, signal) => {
      // A Ctrl-C in the terminal reaches the children too; give our own handler time to begin stopping.
      setTimeout(() => {
        if (!stopping) reportDeath(`${name} exited unexpectedly (${signal ?? `exit code ${code}`}).`);
      }, 500).unref();
    });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      await playground?.stop();
      if (app) await withTimeout(app.close(), 5_000);
      if (azurite) await stopAzurite(azurite);
    })());

  try {
    let connectionString = config.storageConnectionString;
    if (connectionString) {
      print(`Storage     STORAGE_CONNECTION_STRING is set (${storageAccountOf(connectionString)}), so no Azurite is started.`);
    } else {
      const location = options.azuriteLocation ?? path.join(root, ".azurite");
      mkdirSync(location, { recursive: true });
      const port =
        options.azuritePort === 0
          ? undefined
          : options.azuritePort ?? ((await isPortFree(AZURITE_TABLE_PORT)) ? AZURITE_TABLE_PORT : undefined);
      azurite = await startAzurite({ port, location });
      watch("Azurite", azurite.process);
      connectionString = azurite.connectionString;
      const shown = path.relative(root, location) || location;
      print(`Storage     Azurite Table service on http://127.0.0.1:${azurite.port}/devstoreaccount1 (data in ${shown}/)`);
    }

    // `demo` in the playground's 1:1 chat loads the example board into its Board channel, where the roll
    // call lives (unless a mock Teams context of your own is used, or DEMO_CHANNEL_ID says otherwise).
    const generated = !env.M365_AGENTS_PLAYGROUND_CONFIG_PATH?.trim();
    const demoChannel = config.demoChannel ?? (generated ? { conversationId: PLAYGROUND_CHANNEL_ID, teamId: PLAYGROUND_TEAM_ID } : undefined);
    const appConfig: Config = { ...config, storageConnectionString: connectionString, demoChannel };
    app = await startApp(appConfig);
    print(`Bot         ${app.url}/api/messages`);
    print(`Health      ${app.url}/healthz`);
    if (config.auth.mode === "local") {
      print("Mode        local: no MICROSOFT_APP_ID, so no authentication. For this machine only.");
      print(`Tab         ${app.url}/tab/ (the board's tab, as ${playgroundConfig.currentUser.name}: open it in a browser beside the playground)`);
    } else {
      print(`Mode        Azure Bot (app ${config.auth.appId}, ${config.auth.appType}): requests need Bot Framework tokens.`);
      print("            The playground sends none, so the bot will refuse it; unset MICROSOFT_APP_ID to use it.");
    }

    const playgroundOptions: PlaygroundOptions = {
      botUrl: `${app.url}/api/messages`,
      port: playgroundPort,
      cwd: options.playgroundCwd ?? root,
      configPath: env.M365_AGENTS_PLAYGROUND_CONFIG_PATH?.trim() || undefined,
    };
    playground = await startPlayground(playgroundOptions);
    watch("The Agents Playground", playground.process);
    const moved =
      playgroundPort !== 0 && playground.port !== playgroundPort ? ` (port ${playgroundPort} was taken)` : "";
    print(`Playground  ${playground.url}${moved}`);
    const shownConfig = path.relative(root, playground.configPath) || playground.configPath;
    if (playgroundOptions.configPath) {
      print(`            Mock Teams context: ${shownConfig} (from M365_AGENTS_PLAYGROUND_CONFIG_PATH)`);
    } else {
      const me = playgroundConfig.currentUser;
      print(`            You are ${me.name} (${me.email}), in a 1:1 chat with ${playgroundConfig.bot.name}.`);
      print(`            Mock Teams context: ${shownConfig} (generated from bot/dev/playgroundConfig.ts)`);
    }
    print(`            For a board, open ${PLAYGROUND_CHANNEL_NAME} (or General) under "Teams Channel" on the left. There, as in`);
    print(`            Teams, the bot only hears posts that @mention it: type @${playgroundConfig.bot.name}, press Tab, then the command.`);
    print("");
    print(DEMO_HINT);
    return { config: appConfig, azurite, app, playground, died, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const root = repoRoot();
  dotenv.config({ path: path.join(root, ".env"), quiet: true });

  let stack: DevStack | undefined;
  let exiting = false;
  const exit = async (code: number, message?: string) => {
    if (exiting) return;
    exiting = true;
    if (message) process.stderr.write(message + "\n");
    await stack?.stop();
    process.exit(code);
  };
  let signalled = false;
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (exiting) {
      // One Ctrl-C can arrive twice (from the terminal and relayed by npm): only a later one counts.
      if (Date.now() - firstSignalAt < 1_000) return;
      // A second Ctrl-C while stopping: give up waiting.
      process.stderr.write("Stopping anyway.\n");
      for (const child of [stack?.azurite?.process, stack?.playground.process]) child?.kill("SIGKILL");
      process.exit(1);
    }
    if (signalled && !stack) return;
    signalled = true;
    firstSignalAt = Date.now();
    if (stack) {
      process.stdout.write(`\n${signal}: stopping the playground, the bot and Azurite...\n`);
      void exit(0);
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    stack = await startDevStack(process.env, { root });
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `Could not start: ${error instanceof Error ? error.message : error}`;
    process.stderr.write(message + "\n");
    process.exit(signalled ? 0 : 1);
  }
  if (signalled) return void exit(0);
  process.stdout.write("Press Ctrl-C to stop.\n");
  void stack.died.then((message) => exit(1, `${message} Stopping the rest.`));
}

if (require.main === module) void main();
