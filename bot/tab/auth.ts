import { createRemoteJWKSet, jwtVerify } from "jose";
import { z } from "zod";

// The tab's single sign-on token (authentication.getAuthToken() in Teams) checked as Entra ID issues
// it: signed by one of Entra ID's keys (the JWKS is fetched once and cached by jose, refetched when a
// token names a key it has not seen), for this app (audience), not expired, issued by Entra ID for the
// token's own tenant in either the v1 or the v2 issuer form, and from a tenant this bot serves.

export interface TokenIdentity {
  /** The person's object id in their tenant: what the directory maps to members. */
  oid: string;
  tid: string;
  name?: string;
}

export type TokenCheck = { ok: true; identity: TokenIdentity } | { ok: false; status: 401 | 403; message: string };

export interface TokenOptions {
  jwksUrl: string;
  audiences: string[];
  allowedTenants: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const claims = z.object({
  oid: z.string().regex(GUID),
  tid: z.string().regex(GUID),
  iss: z.string(),
  name: z.string().max(200).optional(),
});

/** Entra ID's two issuer forms for a tenant: v1 (sts.windows.net) and v2 (login.microsoftonline.com). */
export function issuersFor(tenantId: string): string[] {
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

export const NOT_SIGNED_IN = "Sign-in needed: open this tab in Microsoft Teams.";

export function createTokenChecker(options: TokenOptions): (authorization: string | undefined) => Promise<TokenCheck> {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 12 * 3600_000 });
  const refused = (message: string): TokenCheck => ({ ok: false, status: 401, message });
  return async (authorization) => {
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization?.trim() ?? "")?.[1];
    if (!token) return refused(NOT_SIGNED_IN);
    if (options.audiences.length === 0) return refused("This bot has no app id, so it cannot check Teams sign-in.");
    let payload: unknown;
    try {
      // RS256 only: Entra ID signs with it, and naming it shuts out "none" and HMAC tricks.
      ({ payload } = await jwtVerify(token, keys, { audience: options.audiences, algorithms: ["RS256"], clockTolerance: 60, requiredClaims: ["exp", "iat"] }));
    } catch {
      return refused("That sign-in could not be checked (expired, or not for this app). Reload the tab.");
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) return refused("That sign-in does not say who you are.");
    const { oid, tid, iss, name } = parsed.data;
    if (!issuersFor(tid.toLowerCase()).includes(iss.toLowerCase())) return refused("That sign-in was not issued by your organisation's Microsoft Entra ID.");
    if (!options.allowedTenants.some((t) => t.toLowerCase() === tid.toLowerCase())) {
      return { ok: false, status: 403, message: "Your organisation is not one this Quorate serves." };
    }
    return { ok: true, identity: { oid, tid: tid.toLowerCase(), name } };
  };
}
