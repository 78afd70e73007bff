import { AddressInfo } from "node:net";
import restify from "restify";
import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from "botbuilder";

// The floor: what any botbuilder bot pays to answer this invoke. Same adapter (local mode), same
// restify 11 and body parser as the real bot, a fixed card and no storage: the bot's overhead is
// whatever it costs above this, measured in the same run.

export interface FloorBot {
  url: string;
  /** Each operation is compared with the floor answering a copy of that operation's own card. */
  setCard(card: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** `before`: work the answer waits for (the storage floor's round trips); a failure answers 500. */
export async function startFloorBot(before?: (activity: Activity) => Promise<void>): Promise<FloorBot> {
  let card: Record<string, unknown> = { type: "AdaptiveCard", version: "1.5", body: [] };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const logic = async (context: TurnContext) => {
    if (context.activity.type !== "invoke" || context.activity.name !== "adaptiveCard/action") return;
    if (before) {
      try {
        await before(context.activity);
      } catch (error) {
        await context.sendActivity({ type: "invokeResponse", value: { status: 500, body: { message: String(error) } } });
        return;
      }
    }
    const body = { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
    await context.sendActivity({ type: "invokeResponse", value: { status: 200, body } });
  };
  const server = restify.createServer({ name: "floor", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));
  server.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, logic);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, setCard: (c) => (card = c), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
