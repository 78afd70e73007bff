import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../storage/azurite";

// Cold start as production runs it: `node dist/bot/index.js` against an existing storage account,
// timed from spawn to the first healthy /healthz and to the first answered activity.

export interface ColdStart {
  healthyMs: number;
  firstAnswerMs: number;
  firstAnswerStatus: number;
  /** Resident memory of the child right after its first answer (Linux only). */
  rssMb?: number;
}

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

/** A fresh connection per request: nothing may be reused across processes. */
function request(port: number, method: string, urlPath: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {};
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function rssOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function measureColdStart(connectionString: string, prefix: string, firstActivity: string): Promise<ColdStart> {
  const port = await freePort();
  const entry = path.join(__dirname, "..", "..", "bot", "index.js");
  // Only what the bot needs: no MICROSOFT_APP_ID leaking in, and a cwd with no .env for dotenv to find.
  const env = { PATH: process.env.PATH ?? "", STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, PORT: String(port), LOG_LEVEL: "silent" };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], { cwd: tmpdir(), env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    let healthyMs = NaN;
    while (Number.isNaN(healthyMs)) {
      if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}: ${stderr}`);
      if (ms(started) > 30_000) throw new Error(`bot not healthy after 30 s: ${stderr}`);
      const status = await request(port, "GET", "/healthz").catch(() => 0);
      if (status === 200) healthyMs = ms(started);
      else await sleep(5);
    }
    const firstAnswerStatus = await request(port, "POST", "/api/messages", firstActivity);
    const firstAnswerMs = ms(started);
    return { healthyMs, firstAnswerMs, firstAnswerStatus, rssMb: child.pid ? rssOf(child.pid) : undefined };
  } finally {
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
