import path from "node:path";
import { forkServer, ServerProcess } from "../../bench/child";
import { Reply } from "../teams";
import type { BotChildSettings } from "./botChild";

// Several bot processes on one storage account, as Azure Bot Service spreads a board's traffic over
// a scaled-out App Service. Each is a real process (its own event loop, memory and limiter), driven
// over HTTP like the single-process test bot.

const CHILD = path.join(__dirname, "botChild.ts");
const REGISTER = path.join(__dirname, "tsRegister.js");

export interface Instance {
  process: ServerProcess;
  send(activity: Record<string, unknown>): Promise<Reply>;
  idle(): Promise<void>;
}

export async function startInstance(settings: BotChildSettings, serviceUrl: string, name = "bot"): Promise<Instance> {
  const child = await forkServer(name, CHILD, settings, ["-r", REGISTER]);
  return {
    process: child,
    async send(activity) {
      const response = await fetch(`${child.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ serviceUrl, ...activity }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    idle: () => child.call("idle"),
  };
}

/** Until every instance has nothing left to send: one may have been waiting on another's lease. */
export async function allIdle(instances: Instance[]): Promise<void> {
  for (let round = 0; round < 3; round++) await Promise.all(instances.map((i) => i.idle()));
}
