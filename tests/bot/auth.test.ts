import { createLogger } from "../../bot/log";
import { channelMessage, examplePeople, startTestBot, TestBot } from "../support/teams";

const APP = "11111111-2222-4333-8444-555555555555";
const OUR_TENANT = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

describe("with an app id configured", () => {
  let bot: TestBot;
  const lines: string[] = [];
  let consoleError: jest.SpyInstance;
  beforeAll(async () => {
    // Any raw error printing (CloudAdapter.process prints each refusal's stack) would show up here.
    consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
    bot = await startTestBot({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "not-used", MICROSOFT_APP_TENANT_ID: OUR_TENANT }, undefined, createLogger("debug", (l) => lines.push(l)));
  });
  afterAll(() => bot.close());

  test("each refused request is one JSON log line with ids only, counted, and nothing on stderr", async () => {
    const [someone] = examplePeople();
    const token = "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJzZWNyZXQtaXNzdWVyIn0.";
    const before = lines.length;
    const noToken = channelMessage(someone!, "setup Hijack CSP");
    expect((await bot.send(noToken)).status).toBe(401);
    const badToken = channelMessage(someone!, "setup Hijack CSP");
    const forged = await fetch(`${bot.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: token },
      body: JSON.stringify({ ...badToken, serviceUrl: bot.connector.url }),
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toMatch(/token|issuer|secret/i);

    const logged = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => [l.event, l.status, l.activity])).toEqual([
      ["http.refused", 401, noToken.id],
      ["http.refused", 401, badToken.id],
    ]);
    const text = lines.slice(before).join("\n");
    expect(text).not.toContain("eyJ");
    expect(text).not.toContain("secret-issuer");
    expect(text).not.toContain(someone!.name);
    expect(text).not.toMatch(/Hijack|at .*\.js:\d+:\d+\)/);
    expect(consoleError).not.toHaveBeenCalled();
    expect(bot.app.counters.refused).toBeGreaterThanOrEqual(2);
    const health = (await (await fetch(`${bot.app.url}/healthz`)).json()) as { refused: number };
    expect(health.refused).toBe(bot.app.counters.refused);
  });

  test("a request without a valid token gets 401 and changes nothing", async () => {
    const [someone] = examplePeople();
    const reply = await bot.send(channelMessage(someone!, "setup Hijack CSP"));
    expect(reply.status).toBe(401);
    const forged = await fetch(`${bot.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0." },
      body: JSON.stringify(channelMessage(someone!, "setup Hijack CSP")),
    });
    expect(forged.status).toBe(401);
    expect(bot.connector.sent).toHaveLength(0);
    expect(await bot.store.partnerships.query("PartitionKey ne ''")).toHaveLength(0);
  });

  test("the health check answers without authentication and says the mode", async () => {
    const health = await fetch(`${bot.app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", mode: "azure" });
  });
});

describe("with an allowed tenant list", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: "99999999-9999-4999-8999-999999999999" });
  });
  afterAll(() => bot.close());

  test("an activity from another tenant is refused and nothing is written", async () => {
    const [someone] = examplePeople();
    await bot.send(channelMessage(someone!, "setup Other Tenant CSP"));
    expect(bot.connector.sent).toHaveLength(0);
    expect(await bot.store.partnerships.query("PartitionKey ne ''")).toHaveLength(0);
  });
});
