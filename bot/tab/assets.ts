import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

// The built tab (dist/tab), read once at start and kept in memory with its gzip form and ETag: the
// files are small and never change while the process runs.

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export const ASSET_NAMES = ["index.html", "config.html", "tab.css", "app.js"] as const;

export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of ASSET_NAMES) {
    const file = path.join(dir, name);
    // A bot built without the tab (tsc alone) still serves messages; /tab/ then answers 404.
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    assets.set(name, { body, gzip: gzipSync(body, { level: 9 }), type: TYPES[path.extname(name)] ?? "application/octet-stream", etag });
  }
  return assets;
}
