import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from "jose";

// Entra ID played locally: signing keys the test makes, their JWKS served on localhost, and tokens
// shaped as Teams' SSO (authentication.getAuthToken) hands them to a tab.

export interface Issuer {
  jwksUrl: string;
  /** A signed token; `claims` override or remove (undefined) the defaults. */
  token(claims?: Partial<Record<keyof JWTPayload | "oid" | "tid" | "name" | "ver", unknown>>, options?: { foreignKey?: boolean }): Promise<string>;
  jwksRequests(): number;
  close(): Promise<void>;
}

export async function startIssuer(defaults: { appId: string; tenantId: string; oid: string }): Promise<Issuer> {
  const signing = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: "test-key-1", use: "sig", alg: "RS256" };
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    async token(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        aud: defaults.appId,
        iss: `https://login.microsoftonline.com/${defaults.tenantId}/v2.0`,
        iat: now - 10,
        nbf: now - 10,
        exp: now + 3600,
        oid: defaults.oid,
        tid: defaults.tenantId,
        name: "Test Person",
        ver: "2.0",
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      const key = options.foreignKey ? foreign.privateKey : signing.privateKey;
      return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: "test-key-1", typ: "JWT" }).sign(key);
    },
    jwksRequests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The same claims with no signature at all ("alg": "none"). */
export function unsignedToken(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.`;
}

/** A signed token whose payload was changed afterwards (the signature no longer matches). */
export function tampered(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  const claims = { ...JSON.parse(Buffer.from(payload!, "base64url").toString()), ...change };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
}
