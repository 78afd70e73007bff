import { Browser, seriousViolations, startBrowser } from "./browser";
import { channelPartnershipId } from "./seed";
import { hostCalls, openInTeams, sendToTab } from "./teamsHost";
import { Issuer, startIssuer } from "./tokens";
import { CHANNEL, examplePeople, person, startExampleBoard, startTestBot, TENANT, TestBot } from "../support/teams";
import { uniquePrefix } from "../support/storage";

// The tab as Teams runs it, with an app id configured: framed by a host that answers teams-js, its
// theme from app.getContext() and registerOnThemeChangeHandler, its data fetched with the SSO token
// from authentication.getAuthToken() that the server checks against the keys this test serves.

const APP = "11111111-2222-4333-8444-555555555555";
const manager = person(examplePeople(), "Michelle Cunningham");
const boardId = channelPartnershipId();
let bot: TestBot;
let issuer: Issuer;
let browser: Browser;

beforeAll(async () => {
  const prefix = uniquePrefix();
  const local = await startExampleBoard(undefined, { TABLE_PREFIX: prefix });
  await local.close();
  issuer = await startIssuer({ appId: APP, tenantId: TENANT, oid: manager.aadObjectId });
  [bot, browser] = await Promise.all([
    startTestBot({ TABLE_PREFIX: prefix, MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "not-used", MICROSOFT_APP_TENANT_ID: TENANT, TAB_JWKS_URL: issuer.jwksUrl }),
    startBrowser(),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await issuer?.close();
});

const context = (channelId: string, theme: string) => ({ theme, locale: "en-gb", tid: TENANT, channelId, teamId: "19:team", userObjectId: manager.aadObjectId, frameContext: "content", hostClientType: "web" });

test("in Teams: signed in with the SSO token, in Teams' theme, and following its changes", async () => {
  const page = await browser.page();
  await openInTeams(page, bot.app.url, { frameContext: "content", tabPath: `/tab/?board=${boardId}&theme=default#actions`, token: await issuer.token(), context: context(CHANNEL, "dark") });
  const tab = page.frameLocator("#tab");
  await tab.locator('#view[data-ready="actions"]').waitFor();
  expect(await tab.locator("h1").innerText()).toBe("Thurrock CSP");
  expect((await hostCalls(page)).map((c) => c.func)).toEqual(expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken"]));
  const theme = () => tab.locator("body").getAttribute("data-theme");
  expect(await theme()).toBe("dark");
  await sendToTab(page, "themeChange", ["contrast"]);
  await tab.locator('body[data-theme="contrast"]').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test("in Teams with a bad token the tab shows the refusal and no records", async () => {
  const page = await browser.page();
  const expired = await issuer.token({ exp: Math.floor(Date.now() / 1000) - 600 });
  await openInTeams(page, bot.app.url, { frameContext: "content", tabPath: `/tab/?board=${boardId}`, token: expired, context: context(CHANNEL, "default") });
  const alert = page.frameLocator("#tab").locator('[role="alert"]');
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/could not be checked/);
  expect(await page.frameLocator("#tab").locator("h1").innerText()).toBe("Quorate");
  // It asked Teams for a fresh token once before giving up.
  expect((await hostCalls(page)).filter((c) => c.func === "authentication.getAuthToken")).toHaveLength(2);
  await page.close();
});

test("the configuration page binds the tab to the channel's board", async () => {
  const page = await browser.page();
  await openInTeams(page, bot.app.url, { frameContext: "settings", tabPath: "/tab/config.html?theme=default", token: await issuer.token(), context: context(CHANNEL, "default") });
  const tab = page.frameLocator("#tab");
  await tab.locator("h2", { hasText: "Add the tab for Thurrock CSP" }).waitFor();
  expect((await hostCalls(page)).filter((c) => c.func === "settings.setValidityState").at(-1)?.args).toEqual([true]);
  await sendToTab(page, "settings.save", []);
  await page.waitForFunction("window.hostCalls.some((c) => c.func === 'settings.save.success')");
  const saved = (await hostCalls(page)).find((c) => c.func === "settings.setSettings")!.args[0] as Record<string, string>;
  expect(saved).toMatchObject({ entityId: boardId, suggestedDisplayName: "Thurrock CSP", contentUrl: `${bot.app.url}/tab/?board=${boardId}&theme={theme}` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test("in a channel with no board, the configuration page says setup comes first and cannot be saved", async () => {
  const page = await browser.page();
  await openInTeams(page, bot.app.url, { frameContext: "settings", tabPath: "/tab/config.html", token: await issuer.token(), context: context("19:elsewhere@thread.tacv2", "default") });
  const tab = page.frameLocator("#tab");
  await tab.locator("h2", { hasText: "Setup comes first" }).waitFor();
  expect(await tab.locator("#view").innerText()).toMatch(/Run setup with @Quorate in this channel first/);
  expect((await hostCalls(page)).filter((c) => c.func === "settings.setValidityState").at(-1)?.args).toEqual([false]);
  await page.close();
});
