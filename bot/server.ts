import restify from "restify";
import { CloudAdapter, TurnContext } from "botbuilder";
import { Logger } from "./log";

/** HTTP: Bot Framework's messaging endpoint and a health check. Nothing else is exposed. */
export function createServer(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  health: () => Promise<Record<string, unknown>>,
  log: Logger,
): restify.Server {
  const server = restify.createServer({ name: "quorate", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));

  server.post("/api/messages", async (req, res) => {
    try {
      await adapter.process(req, res, logic);
    } catch (error) {
      // botbuilder throws on a body it cannot read as an activity: that is the sender's fault, not ours.
      const malformed = error instanceof Error && error.message.startsWith("validateAndFixActivity") && !res.headersSent;
      log[malformed ? "warn" : "error"]("http.process_failed", { error });
      if (!res.headersSent) res.send(malformed ? 400 : 500);
    }
  });

  server.get("/healthz", async (_req, res) => {
    const body = await health();
    res.json(body.status === "ok" ? 200 : 503, body);
  });

  return server;
}
