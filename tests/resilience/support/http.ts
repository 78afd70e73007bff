import { request } from "node:http";
import type { Reply, TestBot } from "../../support/teams";

/**
 * Posts an activity as TestBot.send does and times the answer, but returns as soon as the bot has
 * answered: TestBot.send also waits for app.idle() (the card updates and announcements the request set
 * going), which is right for asserting what was sent and wrong for timing what the presser sees.
 */
export function postTimed(bot: TestBot, activity: Record<string, unknown>): Promise<Reply & { ms: number }> {
  const started = Date.now();
  const body = JSON.stringify({ serviceUrl: bot.connector.url, ...activity });
  return new Promise((resolve, reject) => {
    const req = request(`${bot.app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
