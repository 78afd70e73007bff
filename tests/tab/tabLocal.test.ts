import http from "node:http";
import { me, seedExampleBoard } from "./seed";
import { startTestBot, TestBot } from "../support/teams";

// Local mode (no MICROSOFT_APP_ID): the tab needs no token and is the playground's user, but only for
// this machine; the pages are the built ones, with ETags; what is not JSON is not read.

let bot: TestBot;
let boardId: string;
let ref: string;
beforeAll(async () => {
  bot = await startTestBot({}, () => new Date("2026-06-18T12:30:00Z"));
  ({ boardId, ref } = await seedExampleBoard(bot, "2026-06-18"));
});
afterAll(() => bot?.close());

function raw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${bot.app.url}${path}`, { headers }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

test("no token needed: the tab is the playground's user, on the boards of this machine", async () => {
  const res = await fetch(`${bot.app.url}/api/tab/me`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ name: me.name, local: true, boards: [{ id: boardId, name: "Thurrock Community Safety Partnership (example)", role: "manager" }] });
});

test("a page reaching it under another host name (DNS pointed here) is refused", async () => {
  const res = await raw("/api/tab/me", { host: "quorate.evil.example.com" });
  expect(res.status).toBe(403);
  expect(JSON.parse(res.body)).toEqual({ error: "Local mode answers this machine only." });
});

test("an update that is not JSON (a cross-site form post) is refused and changes nothing", async () => {
  const before = (await bot.store.actions.all(boardId)).find((a) => a.ref === ref);
  const res = await fetch(`${bot.app.url}/api/tab/boards/${boardId}/actions/${ref}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ status: "dropped", note: "forged", requestId: crypto.randomUUID() }),
  });
  expect(res.status).toBe(415);
  expect((await bot.store.actions.all(boardId)).find((a) => a.ref === ref)).toEqual(before);
});

test("the built pages: gzip when asked, an ETag and 304, and nothing else under /tab/", async () => {
  const js = await raw("/tab/app.js", { "accept-encoding": "gzip" });
  expect(js.status).toBe(200);
  expect(js.headers["content-encoding"]).toBe("gzip");
  expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  const again = await raw("/tab/app.js", { "if-none-match": String(js.headers.etag) });
  expect(again.status).toBe(304);
  const page = await raw("/tab/", {});
  expect(page.body).toContain('<script src="app.js" defer></script>');
  expect(page.headers["content-security-policy"]).toMatch(/script-src 'self'/);
  expect((await raw("/tab/..%2Fpackage.json", {})).status).toBe(404);
  expect((await raw("/tab/main.ts", {})).status).toBe(404);
  expect((await raw("/tab", {})).headers.location).toBe("/tab/");
});
