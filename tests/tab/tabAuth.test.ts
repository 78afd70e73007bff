import { claimsOf, Issuer, startIssuer, tampered, unsignedToken } from "./tokens";
import { channelMessage, examplePeople, person, startExampleBoard, startTestBot, TENANT, TestBot } from "../support/teams";
import { uniquePrefix } from "../support/storage";
import { channelPartnershipId } from "./seed";

// The tab's API with an app id configured: every request needs an Entra ID token that jose checks
// against the JWKS this test serves on localhost (no network). Refusals are 401/403 and write nothing.

const APP = "11111111-2222-4333-8444-555555555555";
const OTHER_TENANT = "99999999-9999-4999-8999-999999999999";
const people = examplePeople();
const cheryl = person(people, "Cheryl Wells");
const anthony = person(people, "Anthony Atkin");
const boardId = channelPartnershipId();

let bot: TestBot;
let issuer: Issuer;
let ref: string;

beforeAll(async () => {
  // The board is set up through the bot in local mode, then the same tables are served with an app id.
  const prefix = uniquePrefix();
  const local = await startExampleBoard(undefined, { TABLE_PREFIX: prefix });
  const manager = person(people, "Michelle Cunningham");
  await local.send(channelMessage(manager, "action for Cheryl Wells: circulate the Prevent strategy by 20 June 2030"));
  await local.send(channelMessage(cheryl, "roster"));
  await local.send(channelMessage(anthony, "roster"));
  ref = (await local.store.actions.all(boardId))[0]!.ref;
  await local.close();
  issuer = await startIssuer({ appId: APP, tenantId: TENANT, oid: cheryl.aadObjectId });
  bot = await startTestBot({ TABLE_PREFIX: prefix, MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "not-used", MICROSOFT_APP_TENANT_ID: TENANT, TAB_JWKS_URL: issuer.jwksUrl });
});
afterAll(async () => {
  await bot?.close();
  await issuer?.close();
});

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${bot.app.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
const update = (token: string, body: Record<string, unknown>) =>
  fetch(`${bot.app.url}/api/tab/boards/${boardId}/actions/${ref}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ requestId: crypto.randomUUID(), ...body }),
  });
const actionNow = async () => (await bot.store.actions.all(boardId)).find((a) => a.ref === ref)!;

describe("a good token", () => {
  test("in the v2 form: the person's boards, as the directory maps their oid", async () => {
    const res = await get("/api/tab/me", await issuer.token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ local: false, boards: [{ id: boardId, role: "member" }] });
  });

  test("in the v1 form (sts.windows.net issuer, Application ID URI audience)", async () => {
    const token = await issuer.token({ iss: `https://sts.windows.net/${TENANT}/`, aud: `api://botid-${APP}`, ver: "1.0" });
    expect((await get(`/api/tab/boards/${boardId}/next`, token)).status).toBe(200);
  });

  test("the keys are fetched once and kept", async () => {
    const before = issuer.jwksRequests();
    for (let i = 0; i < 3; i++) expect((await get("/api/tab/me", await issuer.token())).status).toBe(200);
    expect(issuer.jwksRequests()).toBe(before);
  });
});

describe("refused tokens get 401/403 and see nothing", () => {
  const refusedWith = async (token: string | undefined, status: number) => {
    const res = await get(`/api/tab/boards/${boardId}/actions`, token);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; items?: unknown };
    expect(body.items).toBeUndefined();
    expect(body.error).toEqual(expect.any(String));
    return res;
  };

  test("no token", async () => {
    const res = await refusedWith(undefined, 401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });
  test("expired", async () => {
    const now = Math.floor(Date.now() / 1000);
    await refusedWith(await issuer.token({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }), 401);
  });
  test("for another app (wrong audience)", async () => {
    await refusedWith(await issuer.token({ aud: "22222222-2222-4222-8222-222222222222" }), 401);
  });
  test("from another issuer", async () => {
    await refusedWith(await issuer.token({ iss: `https://evil.example.com/${TENANT}/v2.0` }), 401);
    // A real Entra issuer, but for another tenant than the token's own tid.
    await refusedWith(await issuer.token({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), 401);
  });
  test("from a tenant this bot does not serve", async () => {
    await refusedWith(await issuer.token({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), 403);
  });
  test("unsigned (alg none)", async () => {
    await refusedWith(unsignedToken(claimsOf(await issuer.token())), 401);
  });
  test("tampered after signing, or signed with a key Entra ID does not publish", async () => {
    await refusedWith(tampered(await issuer.token(), { oid: anthony.aadObjectId }), 401);
    await refusedWith(await issuer.token({}, { foreignKey: true }), 401);
  });
  test("a good token for someone not on the board", async () => {
    const stranger = await issuer.token({ oid: "00000000-0000-4000-8000-999999999999" });
    expect(await (await get("/api/tab/me", stranger)).json()).toMatchObject({ boards: [] });
    await refusedWith(stranger, 403);
  });
});

describe("updating an action from the tab", () => {
  test("a member who is not an owner, chair or manager: 403 and nothing written", async () => {
    const before = await actionNow();
    const res = await update(await issuer.token({ oid: anthony.aadObjectId }), { status: "done", note: "Sent" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/Only an owner of this action, the chair or the partnership manager/);
    expect(await actionNow()).toEqual(before);
  });

  test("a bad token writes nothing either", async () => {
    const before = await actionNow();
    expect((await update(tampered(await issuer.token(), { exp: 9999999999 }), { status: "done", note: "x" })).status).toBe(401);
    expect(await actionNow()).toEqual(before);
  });

  test("the owner: the card's rules apply (a note for done), then it is recorded once", async () => {
    const token = await issuer.token();
    const noNote = await update(token, { status: "done" });
    expect(noNote.status).toBe(400);
    expect((await actionNow()).status).toBe("open");
    const requestId = crypto.randomUUID();
    for (let i = 0; i < 2; i++) expect((await update(token, { status: "in-progress", note: "Drafted", requestId })).status).toBe(200);
    const after = await actionNow();
    expect(after.status).toBe("in-progress");
    expect(after.history.filter((u) => u.note === "Drafted")).toHaveLength(1);
  });
});

describe("the papers", () => {
  test("with no public address the tab makes no download links and says where the files are", async () => {
    const res = await get(`/api/tab/boards/${boardId}/papers`, await issuer.token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ papers: [], footnote: expect.stringContaining("PUBLIC_URL") });
  });
});

describe("what every answer carries", () => {
  test("CSP frame-ancestors for Teams hosts only, and no CORS even when asked", async () => {
    const res = await get("/api/tab/me", await issuer.token(), { origin: "https://evil.example.com" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(\s|;|$)/);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const page = await get("/tab/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe(csp);
    const preflight = await fetch(`${bot.app.url}/api/tab/me`, { method: "OPTIONS", headers: { origin: "https://evil.example.com", "access-control-request-method": "GET" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("ETags: the same view asked again is a 304", async () => {
    const token = await issuer.token();
    const first = await get(`/api/tab/boards/${boardId}/signoffs`, token);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect((await get(`/api/tab/boards/${boardId}/signoffs`, token, { "if-none-match": etag! })).status).toBe(304);
  });

  test("a request with anything unexpected is refused by its schema", async () => {
    const token = await issuer.token();
    expect((await get(`/api/tab/boards/${boardId}/actions?status=everything`, token)).status).toBe(400);
    expect((await get(`/api/tab/boards/${boardId}/next?debug=1`, token)).status).toBe(400);
    expect((await get(`/api/tab/boards/not-a-board/next`, token)).status).toBe(404);
    const extra = await update(token, { status: "open", note: "", partnershipId: "p00000000000000000000" });
    expect(extra.status).toBe(400);
  });
});
