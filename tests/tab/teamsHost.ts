import { Page } from "playwright-core";

// Teams played in the browser: a host page that frames the tab and answers teams-js's messages the
// way Teams' web client does (initialize, getContext, authentication.getAuthToken, the configuration
// page's settings calls), and can send it a theme change or a Save. Served by Playwright at a path on
// the bot's own origin, since teams-js trusts a parent of its own origin (and the tab's CSP allows
// 'self' to frame it).

export interface HostOptions {
  /** "content" for a tab, "settings" for its configuration page. */
  frameContext: "content" | "settings";
  tabPath: string;
  token: string;
  context: Record<string, unknown>;
}

const RUNTIME = { apiVersion: 4, supports: { app: {}, appInstallDialog: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} } };

function hostHtml(o: HostOptions): string {
  return `<!doctype html><html lang="en"><head><title>Teams (test host)</title></head><body>
<iframe id="tab" title="Quorate tab" src="${o.tabPath}" style="width:900px;height:700px"></iframe>
<script>
  const calls = (window.hostCalls = []);
  const frame = document.getElementById("tab");
  window.addEventListener("message", (e) => {
    const m = e.data;
    if (!m || typeof m.func !== "string" || e.source !== frame.contentWindow) return;
    calls.push({ func: m.func, args: m.args });
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    if (m.func === "initialize") reply([${JSON.stringify(o.frameContext)}, "web", ${JSON.stringify(JSON.stringify(RUNTIME))}, "2.58.0"]);
    else if (m.func === "getContext") reply([${JSON.stringify(o.context)}]);
    else if (m.func === "authentication.getAuthToken") reply([true, ${JSON.stringify(o.token)}]);
    else if (m.func === "settings.setSettings") reply([true]);
  });
  window.sendToTab = (func, args) => frame.contentWindow.postMessage({ func, args }, location.origin);
</script></body></html>`;
}

export async function openInTeams(page: Page, baseUrl: string, options: HostOptions): Promise<void> {
  const hostUrl = `${baseUrl}/__teams-host.html`;
  await page.route(hostUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: hostHtml(options) }));
  await page.goto(hostUrl);
}

/** What the tab asked of Teams so far. */
export const hostCalls = (page: Page) => page.evaluate<{ func: string; args: unknown[] }[]>("window.hostCalls");

export const sendToTab = (page: Page, func: string, args: unknown[]) => page.evaluate(`window.sendToTab(${JSON.stringify(func)}, ${JSON.stringify(args)})`);
