import { ConfigError, loadConfig } from "../bot/config";

const APP = "11111111-2222-4333-8444-555555555555";
const TENANT = "66666666-7777-4888-8999-000000000000";

test("with no app id the bot runs in local mode on port 3978", () => {
  const config = loadConfig({});
  expect(config.auth).toEqual({ mode: "local" });
  expect(config.port).toBe(3978);
  expect(config.allowedTenants).toEqual([]);
});

test("a bad value stops start-up with a message naming the variable", () => {
  expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
  expect(() => loadConfig({ MICROSOFT_APP_ID: "not-a-guid" })).toThrow(/MICROSOFT_APP_ID: must be a GUID/);
  expect(() => loadConfig({ ALLOWED_TENANTS: `${TENANT},contoso` })).toThrow(/ALLOWED_TENANTS.*contoso/);
  expect(() => loadConfig({ TABLE_PREFIX: "bad-prefix!" })).toThrow(/TABLE_PREFIX/);
  expect(() => loadConfig({ MICROSOFT_APP_TYPE: "Anything" })).toThrow(/MICROSOFT_APP_TYPE/);
  expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
});

test("an app id needs a secret or a certificate, and a tenant for single-tenant apps", () => {
  expect(() => loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT })).toThrow(/MICROSOFT_APP_PASSWORD: is required/);
  expect(() => loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret" })).toThrow(/MICROSOFT_APP_TENANT_ID/);
  const config = loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TENANT_ID: TENANT });
  expect(config.auth).toMatchObject({ mode: "azure", appId: APP, appType: "SingleTenant", tenantId: TENANT });
  // A single-tenant bot serves its own tenant unless told otherwise.
  expect(config.allowedTenants).toEqual([TENANT]);
});

test("a multi-tenant bot must say which tenants it serves", () => {
  const base = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TYPE: "MultiTenant" };
  expect(() => loadConfig(base)).toThrow(/ALLOWED_TENANTS/);
  expect(loadConfig({ ...base, ALLOWED_TENANTS: ` ${TENANT} ` }).allowedTenants).toEqual([TENANT]);
});

test("certificate credentials are accepted instead of a secret", () => {
  const config = loadConfig({
    MICROSOFT_APP_ID: APP,
    MICROSOFT_APP_TENANT_ID: TENANT,
    MICROSOFT_APP_CERTIFICATE_THUMBPRINT: "ABCDEF",
    MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: "/secrets/bot.pem",
  });
  expect(config.auth).toMatchObject({ mode: "azure", certificate: { thumbprint: "ABCDEF", privateKey: "/secrets/bot.pem" } });
});

test("the papers' link secret: configured and checked, else random for each process", () => {
  expect(() => loadConfig({ PAPERS_LINK_SECRET: "too-short" })).toThrow(/PAPERS_LINK_SECRET: must be at least 32 characters/);
  const secret = "x".repeat(40);
  expect(loadConfig({ PAPERS_LINK_SECRET: secret }).papers).toEqual({ linkSecret: secret, secretConfigured: true, publicUrl: undefined });
  const a = loadConfig({}).papers;
  const b = loadConfig({}).papers;
  expect(a.secretConfigured).toBe(false);
  expect(a.linkSecret).toHaveLength(64);
  expect(a.linkSecret).not.toBe(b.linkSecret);
  expect(() => loadConfig({ PUBLIC_URL: "quorate.example.org" })).toThrow(/PUBLIC_URL/);
  expect(loadConfig({ PUBLIC_URL: "https://quorate.example.org" }).papers.publicUrl).toBe("https://quorate.example.org");
});
