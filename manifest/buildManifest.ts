import type { TeamsManifestV1D30 } from "@microsoft/app-manifest";
import { GROUP_COMMANDS, PERSONAL_COMMANDS } from "./commands";
import { MEETING_PERMISSIONS } from "./permissions";

// The Teams app manifest, built in code so the ids, version and URLs come from the environment and
// the compiler checks the shape against the schema's generated types.

/** Newest generally available schema (Microsoft 365 app manifest reference, August 2026). */
export const MANIFEST_VERSION = "1.30";
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Used when MICROSOFT_APP_ID is absent: enough to sideload into the Agents Playground, not Teams. */
export const PLACEHOLDER_APP_ID = "5b0c7e2a-3d94-4f1b-8a6e-0c2f9d4b7e13";
export const DEFAULT_WEBSITE_URL = "https://quorate.example.org";

export const ACCENT_COLOR = "#0F6C74";

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
export type ManifestEnv = Readonly<Record<string, string | undefined>>;

function setting(env: ManifestEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The real app id, or undefined when the package can only be a local trial. */
export function configuredAppId(env: ManifestEnv): string | undefined {
  return setting(env, "MICROSOFT_APP_ID");
}

/** validDomains holds host names, so accept a URL too and keep its host. */
function domainOf(value: string): string {
  return value.includes("://") ? new URL(value).host : value.replace(/\/+$/, "");
}

/**
 * The channel tab (its configuration page binds it to the channel's board) and the personal tab, "My
 * boards". {theme} and {locale} are filled in by Teams, so the first paint already has the right theme.
 */
function tabs(base: string): Pick<TeamsManifest, "configurableTabs" | "staticTabs"> {
  return {
    configurableTabs: [{ configurationUrl: `${base}/config.html?theme={theme}`, canUpdateConfiguration: true, scopes: ["team"], context: ["channelTab"] }],
    staticTabs: [
      { entityId: "myBoards", name: "My boards", contentUrl: `${base}/?theme={theme}`, websiteUrl: `${base}/`, scopes: ["personal"] },
      { entityId: "conversations", scopes: ["personal"] },
      { entityId: "about", scopes: ["personal"] },
    ],
  };
}

export function buildManifest(env: ManifestEnv, version: string): TeamsManifest {
  const appId = configuredAppId(env);
  const id = appId ?? PLACEHOLDER_APP_ID;
  const website = (setting(env, "QUORATE_WEBSITE_URL") ?? DEFAULT_WEBSITE_URL).replace(/\/+$/, "");
  const botDomain = setting(env, "QUORATE_BOT_DOMAIN");

  const manifest: TeamsManifest = {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id,
    developer: {
      name: "Quorate",
      websiteUrl: website,
      privacyUrl: `${website}/privacy`,
      termsOfUseUrl: `${website}/terms`,
    },
    name: { short: "Quorate", full: "Quorate — partnership board meetings" },
    description: {
      short: "Run your partnership board in Teams: roster, roll call, quorum, actions",
      full: [
        "Quorate runs a partnership board, such as a Community Safety Partnership, from its Teams channel.",
        "Keep the roster of members, deputies and organisations, imported from a spreadsheet.",
        "Schedule meetings, collect apologies, and take the roll call with a live count against the board's quorum rule,",
        "so the chair knows whether decisions can be made.",
        "Record actions with owners and due dates, remind people of what they owe,",
        "and ask voting members to sign off papers and minutes, with a record of who agreed and when.",
      ].join(" "),
      features: [
        { title: "Roll call with live quorum", description: "Members answer a card; the count against the quorum rule updates as they do." },
        { title: "Apologies and actions", description: "Apologies before the meeting, actions after it, each with an owner and due date." },
        { title: "Sign-offs", description: "Ask voting members to approve papers or minutes and keep the record." },
      ],
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: id,
        scopes: ["team", "personal", "groupChat"],
        // The action log export is offered as a file in the 1:1 chat.
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ["personal"], commands: PERSONAL_COMMANDS },
          { scopes: ["team", "groupChat"], commands: GROUP_COMMANDS },
        ],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    // Teams meetings drive the roll call: start, end, and who joins and leaves.
    authorization: { permissions: { resourceSpecific: MEETING_PERMISSIONS } },
    validDomains: botDomain ? [domainOf(botDomain)] : [],
  };
  // The tab is served by the bot itself, so it needs the bot's public host.
  if (botDomain) Object.assign(manifest, tabs(`https://${domainOf(botDomain)}/tab`));
  // SSO needs the real registration; with the placeholder it would point at nobody. With a host, the
  // tab and the bot share one Application ID URI (api://<host>/botid-<id>).
  if (appId) manifest.webApplicationInfo = { id: appId, resource: botDomain ? `api://${domainOf(botDomain)}/botid-${appId}` : `api://botid-${appId}` };
  return manifest;
}
