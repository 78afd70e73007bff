import type restify from "restify";
import { Deps } from "../deps";
import { buildPaper } from "./files";

// GET /papers/<board>/<kind>?…&exp=…&sig=…: the papers behind a signed link. A link that is not genuine,
// is out of date or is another board's gets 403 and nothing else; every download is audited first.

export function servePaperDownloads(server: restify.Server, deps: Deps): void {
  server.get("/papers/:partnershipId/:kind", async (req, res) => {
    const now = deps.now();
    // The server has no query parser: read the query from the URL itself.
    const query = Object.fromEntries(new URL(req.url ?? "/", "http://localhost").searchParams);
    const claims = deps.links.verify(req.params, query, now);
    if (!claims) {
      deps.log.warn("papers.link_refused", {});
      res.writeHead(403, { "content-length": "0" });
      res.end();
      return;
    }
    try {
      const file = await buildPaper(deps.store, claims.partnershipId, claims, now);
      if (!file) {
        res.writeHead(404, { "content-length": "0" });
        res.end();
        return;
      }
      // No audit entry, no file: the table must hold every download.
      await deps.store.audit.append({
        partnershipId: claims.partnershipId,
        at: now.toISOString(),
        actor: "download-link",
        action: "paper.downloaded",
        target: claims.meetingId ? `${claims.kind}/${claims.meetingId}` : `${claims.kind}/last-${claims.last ?? 12}`,
        after: { bytes: file.body.length, expires: new Date(claims.expires).toISOString() },
      });
      res.writeHead(200, {
        "content-type": file.contentType,
        "content-length": String(file.body.length),
        "content-disposition": `attachment; filename="${file.name}"`,
        "cache-control": "no-store",
      });
      res.end(file.body);
    } catch (error) {
      deps.log.error("papers.download_failed", { partnershipId: claims.partnershipId, kind: claims.kind, error });
      if (!res.headersSent) {
        res.writeHead(503, { "content-length": "0" });
        res.end();
      }
    }
  });
}
