import type { Request as HttpRequest, Response as HttpResponse, Server } from "restify";
import { CloudAdapter } from "botbuilder";
import { Deps } from "../deps";
import { registerTabApi } from "./api";
import { Asset, loadAssets } from "./assets";
import { defaultAssetsDir } from "./build";
import { matches, refuse, secure } from "./headers";

// The tab, served by the bot's own process: its pages under /tab/ and its JSON API under /api/tab/.

export interface TabOptions {
  /** Where the built pages are (dist/tab by default). */
  assetsDir?: string;
}

export function registerTab(server: Server, deps: Deps, adapter: CloudAdapter, options: TabOptions = {}): void {
  const assets = loadAssets(options.assetsDir ?? defaultAssetsDir());
  if (assets.size === 0) deps.log.warn("tab.not_built", { message: "dist/tab is missing: run npm run build. /tab/ answers 404." });

  // restify 11 takes async handlers (or ones with a next callback).
  const serve = (name: string) => async (req: HttpRequest, res: HttpResponse) => sendAsset(req, res, assets.get(name));
  server.get("/tab", async (_req: HttpRequest, res: HttpResponse) => {
    secure(res);
    res.writeHead(301, { Location: "/tab/" });
    res.end();
  });
  server.get("/tab/", serve("index.html"));
  server.get("/tab/:file", async (req: HttpRequest, res: HttpResponse) => {
    const name = String((req.params as { file?: string })?.file ?? "");
    // Only the files the build makes: no path is ever read from disk on request.
    sendAsset(req, res, assets.get(name));
  });
  registerTabApi(server, deps, adapter);
}

function sendAsset(req: HttpRequest, res: HttpResponse, asset: Asset | undefined): void {
  secure(res);
  if (!asset) return refuse(req, res, 404, "No such page.");
  res.setHeader("ETag", asset.etag);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("Vary", "Accept-Encoding");
  if (matches(req.headers["if-none-match"], asset.etag)) {
    res.writeHead(304);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  res.writeHead(200, { "Content-Type": asset.type, ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
  res.end(gzip ? asset.gzip : asset.body);
}
