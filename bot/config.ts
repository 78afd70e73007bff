import { randomBytes } from "node:crypto";
import { z } from "zod";

// Every setting the bot reads, with its variable, default and meaning. Checked once at start: a bad
// value stops the process with a message that names the variable.

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a GUID");

const optionalGuid = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const parsed = guid.safeParse(v);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "must be a GUID" });
      return z.NEVER;
    }
    return parsed.data;
  });

const guidList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const items = (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const item of items) {
      if (!guid.safeParse(item).success) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not a tenant GUID` });
        return z.NEVER;
      }
    }
    return items;
  });

const envSchema = z
  .object({
    /** The Azure Bot registration's app (client) id. Absent: local mode, no authentication. */
    MICROSOFT_APP_ID: optionalGuid,
    /** Client secret of the app registration. */
    MICROSOFT_APP_PASSWORD: optionalText,
    /** Certificate auth instead of a secret: thumbprint and PEM private key (or a path to it). */
    MICROSOFT_APP_CERTIFICATE_THUMBPRINT: optionalText,
    MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: optionalText,
    /** MultiTenant, SingleTenant or UserAssignedMSI, as in the Azure Bot resource. */
    MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("SingleTenant"),
    /** The app registration's tenant (required for SingleTenant and UserAssignedMSI). */
    MICROSOFT_APP_TENANT_ID: optionalGuid,
    /** Azure Storage connection string. Absent: `npm start` runs Azurite locally. */
    STORAGE_CONNECTION_STRING: optionalText,
    /** Prefix for table names, so several deployments can share an account. */
    TABLE_PREFIX: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "must be letters and digits, starting with a letter, at most 20")
      .default("quorate"),
    /** HTTP port for /api/messages and /healthz. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Tenants whose activities are accepted, comma-separated. Empty in local mode means any. */
    ALLOWED_TENANTS: guidList,
    /** Days before a meeting on which the channel is asked for apologies, comma-separated. */
    REMINDER_DAYS: z
      .string()
      .default("7,2")
      .transform((v, ctx) => {
        const days = v.split(",").map((d) => d.trim()).filter(Boolean).map(Number);
        if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) {
          ctx.addIssue({ code: "custom", message: "must be whole numbers of days from 1 to 60, comma-separated" });
          return z.NEVER;
        }
        return [...new Set(days)].sort((a, b) => b - a);
      }),
    /** Days before a meeting on which owners of outstanding actions get their list. */
    ACTION_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
    /** How often each instance looks for reminders that are due; 0 turns the timer off. */
    REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /** The key that signs the papers' download links; at least 32 characters. Absent: random per process. */
    PAPERS_LINK_SECRET: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().min(32, "must be at least 32 characters").optional()),
    /** Where the bot is reached from outside (https://…), for download links in a channel. */
    PUBLIC_URL: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v)) {
          ctx.addIssue({ code: "custom", message: "must be an http(s) URL such as https://quorate.example.org" });
          return z.NEVER;
        }
        return v;
      }),
    /** The tab's SSO: Entra ID's signing keys (tests serve their own on localhost). */
    TAB_JWKS_URL: z.string().trim().url("must be a URL").default("https://login.microsoftonline.com/common/discovery/v2.0/keys"),
    /** The bot's public host name: the tab's SSO audience is api://<domain>/botid-<app id>. */
    QUORATE_BOT_DOMAIN: optionalText,
    /** error, warn, info or debug. */
    LOG_LEVEL: z.enum(["silent", "error", "warn", "info", "debug"]).default("info"),
    /** Local mode: the channel (and its team) that `demo` said in a 1:1 chat loads the example board into. */
    DEMO_CHANNEL_ID: z.string().trim().max(200).optional(),
    DEMO_TEAM_ID: z.string().trim().max(200).optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.MICROSOFT_APP_ID) return;
    const hasSecret = Boolean(env.MICROSOFT_APP_PASSWORD);
    const hasCert = Boolean(env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY);
    if (env.MICROSOFT_APP_TYPE !== "UserAssignedMSI" && !hasSecret && !hasCert) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_PASSWORD"],
        message:
          "is required when MICROSOFT_APP_ID is set (or set MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY)",
      });
    }
    if (env.MICROSOFT_APP_TYPE !== "MultiTenant" && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_TENANT_ID"],
        message: `is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE}`,
      });
    }
    if (env.MICROSOFT_APP_TYPE === "MultiTenant" && env.ALLOWED_TENANTS.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["ALLOWED_TENANTS"],
        message: "must list the tenants to serve when MICROSOFT_APP_TYPE is MultiTenant",
      });
    }
  });

export interface Config {
  auth:
    | { mode: "local" }
    | {
        mode: "azure";
        appId: string;
        appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
        tenantId?: string;
        password?: string;
        certificate?: { thumbprint: string; privateKey: string };
      };
  storageConnectionString?: string;
  tablePrefix: string;
  port: number;
  /** Empty means any tenant (local mode only). */
  allowedTenants: string[];
  logLevel: "silent" | "error" | "warn" | "info" | "debug";
  reminders: { daysBefore: number[]; actionDaysBefore: number; intervalSeconds: number };
  /** Where `demo` in a 1:1 chat puts the example board (`npm start`: the playground's Board channel). */
  demoChannel?: { conversationId: string; teamId?: string };
  /** Download links for the papers: the signing secret (random per process unless configured) and the public address. */
  papers: { linkSecret: string; secretConfigured: boolean; publicUrl?: string };
  /** The tab's token checks: where Entra ID's keys are, and the audiences a token may name. */
  tab: { jwksUrl: string; audiences: string[] };
}

export class ConfigError extends Error {}

/** v2 tokens name the app id; v1 tokens the Application ID URI the manifest's webApplicationInfo gives. */
export function ssoAudiences(appId: string, botDomain?: string): string[] {
  const host = botDomain && (botDomain.includes("://") ? new URL(botDomain).host : botDomain.replace(/\/+$/, ""));
  return [appId, `api://botid-${appId}`, ...(host ? [`api://${host}/botid-${appId}`] : [])];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const allowedTenants =
    e.ALLOWED_TENANTS.length > 0 ? e.ALLOWED_TENANTS : e.MICROSOFT_APP_TENANT_ID ? [e.MICROSOFT_APP_TENANT_ID] : [];
  return {
    auth: e.MICROSOFT_APP_ID
      ? {
          mode: "azure",
          appId: e.MICROSOFT_APP_ID,
          appType: e.MICROSOFT_APP_TYPE,
          tenantId: e.MICROSOFT_APP_TENANT_ID,
          password: e.MICROSOFT_APP_PASSWORD,
          certificate:
            e.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && e.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY
              ? { thumbprint: e.MICROSOFT_APP_CERTIFICATE_THUMBPRINT, privateKey: e.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY }
              : undefined,
        }
      : { mode: "local" },
    storageConnectionString: e.STORAGE_CONNECTION_STRING,
    tablePrefix: e.TABLE_PREFIX,
    port: e.PORT,
    allowedTenants: e.MICROSOFT_APP_ID ? allowedTenants : e.ALLOWED_TENANTS,
    logLevel: e.LOG_LEVEL,
    reminders: { daysBefore: e.REMINDER_DAYS, actionDaysBefore: e.ACTION_REMINDER_DAYS, intervalSeconds: e.REMINDER_INTERVAL_SECONDS },
    demoChannel: e.DEMO_CHANNEL_ID ? { conversationId: e.DEMO_CHANNEL_ID, teamId: e.DEMO_TEAM_ID || undefined } : undefined,
    papers: { linkSecret: e.PAPERS_LINK_SECRET ?? randomBytes(32).toString("hex"), secretConfigured: e.PAPERS_LINK_SECRET !== undefined, publicUrl: e.PUBLIC_URL },
    tab: {
      jwksUrl: e.TAB_JWKS_URL,
      audiences: e.MICROSOFT_APP_ID ? ssoAudiences(e.MICROSOFT_APP_ID, e.QUORATE_BOT_DOMAIN) : [],
    },
  };
}
