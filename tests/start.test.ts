import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../storage/azurite";
import { ConfigError } from "../bot/config";
import { DevStack, startDevStack } from "../bot/dev/start";
import { playgroundConfig, playgroundConfigYaml, PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID } from "../bot/dev/playgroundConfig";
import { hasExited, isPortOpen } from "../bot/dev/processes";

// `npm start`'s pieces, for real: Azurite (its own, in a temp folder; not the globalSetup one), the bot
// and the Agents Playground, all on free ports, then stopped again.

describe("the local dev stack", () => {
  let folder: string;
  let stack: DevStack | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "quorate-dev-"));
  });

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it("starts Azurite, the bot and the playground, and stops them all", async () => {
    const playgroundPort = await freePort();
    const printed: string[] = [];
    stack = await startDevStack(
      { PORT: "0", PLAYGROUND_PORT: String(playgroundPort), LOG_LEVEL: "error" },
      {
        root: folder,
        azuriteLocation: path.join(folder, "azurite"),
        azuritePort: 0,
        playgroundCwd: folder,
        print: (line) => printed.push(line),
      },
    );
    const { app, azurite, playground } = stack;
    expect(azurite).toBeDefined();
    expect(app.port).toBeGreaterThan(0);
    expect(app.port).not.toBe(3978);
    expect(playground.port).toBe(playgroundPort);
    // `demo` in the playground's 1:1 chat loads the example board into its Board channel.
    expect(stack.config.demoChannel).toEqual({ conversationId: PLAYGROUND_CHANNEL_ID, teamId: PLAYGROUND_TEAM_ID });

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toMatch(/application\/json/);
    expect(await health.json()).toMatchObject({ status: "ok", mode: "local" });

    const page = await fetch(`${playground.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Agents Playground");

    // It loaded the generated mock Teams context, and answers the member API the bot uses.
    expect(playground.configPath).toBe(path.join(folder, "devTools", ".m365agentsplayground.yml"));
    const me = playgroundConfig.currentUser;
    const member = await fetch(
      `${playground.url}/_connector/v3/conversations/${encodeURIComponent(PLAYGROUND_TEAM_ID)}/members/${encodeURIComponent(me.id)}`,
    );
    expect(member.status).toBe(200);
    expect(await member.json()).toMatchObject({ id: me.id, email: me.email, aadObjectId: me.aadObjectId, name: me.name });

    expect(existsSync(path.join(folder, "azurite"))).toBe(true);
    expect(printed.join("\n")).toContain(`${app.url}/api/messages`);
    expect(printed.join("\n")).toContain(playground.url);
    // The tab's address, and the tab answering there as the playground's user (local mode).
    expect(printed.join("\n")).toContain(`Tab         ${app.url}/tab/`);
    const tab = await fetch(`${app.url}/api/tab/me`);
    expect(await tab.json()).toMatchObject({ local: true, name: me.name });
    expect(printed).toContain(
      "In the playground, say `demo` in the 1:1 chat: it loads the example board (the Thurrock CSP of 21 March 2024) into the Board channel, with a meeting today.",
    );

    const ports = [app.port, playground.port, azurite!.port];
    for (const port of ports) expect(await isPortOpen(port)).toBe(true);

    await stack.stop();
    expect(hasExited(playground.process)).toBe(true);
    expect(hasExited(azurite!.process)).toBe(true);
    for (const port of ports) expect(await isPortOpen(port)).toBe(false);
  }, 60_000);

  it("reports a bad variable by name and starts nothing", async () => {
    const printed: string[] = [];
    const start = startDevStack({ PORT: "not-a-port" }, { root: folder, print: (line) => printed.push(line) });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/PORT/);
    await expect(startDevStack({ PLAYGROUND_PORT: "99999" }, { root: folder })).rejects.toThrow(/PLAYGROUND_PORT/);
    expect(printed).toEqual([]);
    expect(existsSync(path.join(folder, ".azurite"))).toBe(false);
    expect(existsSync(path.join(folder, "devTools"))).toBe(false);
  });

  it("writes a mock Teams context the playground's schema accepts", () => {
    const yaml = playgroundConfigYaml();
    expect(yaml).toContain('version: "0.1.1"');
    expect(yaml).toContain('  email: "michelle.cunningham@example.org"');
    expect(playgroundConfig.users).toHaveLength(5); // the schema wants exactly five
    expect(playgroundConfig.team.channels.length).toBeLessThanOrEqual(1); // and one channel besides General
    // (The first test shows the playground accepts the file: it exits at start on one it rejects.)
  });
});
