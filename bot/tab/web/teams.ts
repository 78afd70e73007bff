import { app, authentication } from "@microsoft/teams-js";

// The Teams host, when there is one. Inside Teams: the context (for display and for finding the
// channel's board; never proof of who someone is), the theme and its changes, and the SSO token the
// server checks. Outside Teams app.initialize() rejects, and the page runs without a token: the
// server allows that in local mode only.

export type Theme = "default" | "dark" | "contrast";

export interface Host {
  inTeams: boolean;
  tenantId?: string;
  channelId?: string;
  /** A Bearer token for the API, or undefined outside Teams; `fresh` asks Teams again (after a 401). */
  token(fresh?: boolean): Promise<string | undefined>;
}

export function normaliseTheme(theme: string | null | undefined): Theme {
  return theme === "dark" || theme === "contrast" ? theme : "default";
}

export function applyTheme(theme: string | null | undefined): void {
  document.body.dataset.theme = normaliseTheme(theme);
}

const TOKEN_REUSE_MS = 4 * 60_000;

export async function connect(): Promise<Host> {
  // Teams fills {theme} in the tab's URL, so the first paint is already in the right theme.
  applyTheme(new URLSearchParams(location.search).get("theme"));
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("No answer from a Teams host")), 5000))]);
  } catch {
    return { inTeams: false, token: async () => undefined };
  }
  const context = await app.getContext();
  applyTheme(context.app.theme);
  app.registerOnThemeChangeHandler(applyTheme);
  let cached: { token: string; at: number } | undefined;
  return {
    inTeams: true,
    tenantId: context.user?.tenant?.id,
    channelId: context.channel?.id,
    async token(fresh = false) {
      if (!fresh && cached && Date.now() - cached.at < TOKEN_REUSE_MS) return cached.token;
      const token = await authentication.getAuthToken();
      cached = { token, at: Date.now() };
      return token;
    },
  };
}
