import restify from "restify";
import { TurnContext } from "botbuilder";
import { Logger } from "./log";
import { InboundAdapter } from "./teams/inbound";

/** HTTP: Bot Framework's messaging endpoint and a health check. Nothing else is exposed. */
export function createServer(
  adapter: InboundAdapter,
  logic: (context: TurnContext) => Promise<void>,
  health: () => Promise<Record<string, unknown>>,
  log: Logger,
): restify.Server {
  const server = restify.createServer({ name: "quorate", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));

  // Refusals (400, 401) and failures (500) are logged as one JSON line each and counted by the adapter.
  server.post("/api/messages", async (req, res) => adapter.receive(req, res, logic));
  server.on("restifyError", (_req, _res, error, callback) => {
    log.warn("http.error", { status: (error as { statusCode?: number }).statusCode, kind: (error as Error).name });
    return callback();
  });

  server.get("/healthz", async (_req, res) => {
    const body = await health();
    res.json(body.status === "ok" ? 200 : 503, body);
  });

  return server;
}
