import http from "node:http";
import { AddressInfo } from "node:net";
import { azuriteConnectionString } from "../../storage/azurite";

// A pass-through in front of Azurite that logs every storage request and can hold answers back (all,
// or one kind): if holding a kind of request delays the bot's answer, the answer waits for it.

export interface StorageCall {
  label: string;
  /** When the bot sent it and when the proxy released the answer (hrtime, ns). */
  start: bigint;
  end: bigint;
  /** Azurite's own time, without the added delay. */
  serviceMs: number;
}

export interface StorageProxy {
  connectionString: string;
  calls: StorageCall[];
  /** Held this long before being released: every request, or only those labelled `holdLabel`. */
  delayMs: number;
  holdLabel?: string;
  /** With holdLabel: only its nth request (1-based) since the last `mark()`. */
  holdNth?: number;
  /** Starts counting requests of each label afresh (before a press). */
  mark(): void;
  close(): Promise<void>;
}

/** "Attendance batch(2)", "Members query", "Audit insert": the table without its prefix, and what was done. */
export function labelOf(method: string, url: string, body: string, prefix: string): string {
  const path = decodeURIComponent(new URL(url, "http://proxy").pathname).replace(/^\/devstoreaccount1\/?/, "");
  const table = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  if (path.startsWith("$batch")) {
    const ops = [...body.matchAll(/^(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S*\/devstoreaccount1\/([A-Za-z0-9]+)/gm)];
    return `${table(ops[0]?.[1] ?? "?")} batch(${ops.length})`;
  }
  const m = /^([A-Za-z0-9]+)(\(([^)]*)\))?/.exec(path);
  const keyed = Boolean(m?.[3]);
  const kind: Record<string, string> = { GET: keyed ? "get" : "query", POST: "insert", PUT: "replace", MERGE: "merge", PATCH: "merge", DELETE: "delete" };
  return `${table(m?.[1] ?? "?")} ${kind[method] ?? method}`;
}

export async function startStorageProxy(azuritePort: number, prefix: string): Promise<StorageProxy> {
  const agent = new http.Agent({ keepAlive: true });
  let seen = new Map<string, number>();
  const proxy: StorageProxy = { connectionString: "", calls: [], delayMs: 0, mark: () => (seen = new Map()), close: async () => undefined };
  const server = http.createServer((req, res) => {
    const start = process.hrtime.bigint();
    let nth = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      // Counted in the order the bot sent them, not the order Azurite answers.
      const label = labelOf(req.method ?? "GET", req.url ?? "/", body.toString("latin1"), prefix);
      nth = (seen.get(label) ?? 0) + 1;
      seen.set(label, nth);
      const up = http.request({ host: "127.0.0.1", port: azuritePort, method: req.method, path: req.url, headers: req.headers, agent }, (upRes) => {
        const parts: Buffer[] = [];
        upRes.on("data", (c: Buffer) => parts.push(c));
        upRes.on("end", () => {
          const serviceMs = Number(process.hrtime.bigint() - start) / 1e6;
          const answer = Buffer.concat(parts);
          const headers = { ...upRes.headers, "content-length": String(answer.length) };
          delete headers["transfer-encoding"];
          const release = () => {
            res.writeHead(upRes.statusCode ?? 502, headers);
            res.end(answer);
            proxy.calls.push({ label, start, end: process.hrtime.bigint(), serviceMs });
          };
          const held = proxy.holdLabel === undefined || (proxy.holdLabel === label && (proxy.holdNth === undefined || proxy.holdNth === nth));
          const hold = held ? proxy.delayMs : 0;
          // setTimeout(0) would still add a millisecond: release at once when not delaying.
          if (hold > 0) setTimeout(release, hold);
          else release();
        });
      });
      up.on("error", () => res.writeHead(502).end());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  proxy.connectionString = azuriteConnectionString((server.address() as AddressInfo).port);
  proxy.close = () =>
    new Promise<void>((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
