import { createHash } from "node:crypto";
import type { Request as HttpRequest, Response as HttpResponse } from "restify";

// Security headers for everything under /tab/ and /api/tab/. Teams frames the tab, so frame-ancestors
// names Teams' and Microsoft 365's hosts and nothing else; scripts, styles and requests are same-origin
// only, and no CORS header is ever sent, so other sites' pages cannot call the API.

export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.microsoft.us",
  "https://*.teams.microsoft.us",
  "https://local.teams.office.com",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
  "https://outlook.office.com",
  "https://outlook.office365.com",
];

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches Teams' list of valid host origins from its CDN (it falls back to a built-in list).
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
].join("; ");

export function secure(res: HttpResponse): void {
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}

/** A JSON answer with an ETag of its content: an unchanged view (the roll call polled) costs a 304. */
export function sendJson(req: HttpRequest, res: HttpResponse, status: number, body: unknown): void {
  secure(res);
  const text = JSON.stringify(body);
  res.setHeader("Cache-Control", "private, no-cache");
  if (status === 200) {
    const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 22)}"`;
    res.setHeader("ETag", etag);
    if (matches(req.headers["if-none-match"], etag)) {
      res.writeHead(304);
      res.end();
      return;
    }
  }
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(text);
}

export function matches(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : header;
  return value !== undefined && value.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** An error answer: a message the page shows as it is. */
export function refuse(req: HttpRequest, res: HttpResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  sendJson(req, res, status, { error: message });
}
