import { Agent, createServer, IncomingMessage, request, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { azuriteConnectionString } from "../../../storage/azurite";

// A pass-through HTTP proxy in front of Azurite's Table service that the tests own: it records every
// storage request the bot makes (so a test can see exactly what was written, and when) and can be told
// to fail requests from a chosen point on, for outages that start in the middle of a write.

export interface StorageCall {
  method: string;
  path: string;
  /** Tables the request touches (a batch can name several operations on one table). */
  tables: string[];
  /** Anything but a read: creates, updates, deletes and batches. */
  writes: boolean;
  body: string;
  at: number;
  /** What the proxy answered instead of forwarding, if it did. */
  faulted?: number | "reset";
  /** Azurite's answer, once it came. */
  status?: number;
  /** True when the request took effect: a 2xx answer, and for a batch, every operation in it 2xx too. */
  ok?: boolean;
}

/** Decides per request: undefined forwards it, a status answers with that status, "reset" drops the connection. */
export type Fault = (call: StorageCall) => number | "reset" | undefined;

export interface StorageProxy {
  port: number;
  connectionString: string;
  calls: StorageCall[];
  fault?: Fault;
  close(): Promise<void>;
}

const ACCOUNT = "/devstoreaccount1/";

function tablesOf(path: string, body: string): string[] {
  const rest = path.startsWith(ACCOUNT) ? path.slice(ACCOUNT.length) : path;
  const first = decodeURIComponent(rest.split(/[(?/]/)[0] ?? "");
  if (first !== "$batch") return first ? [first] : [];
  const names = new Set<string>();
  for (const m of body.matchAll(/devstoreaccount1\/([A-Za-z][A-Za-z0-9]*)/g)) names.add(m[1]!);
  return [...names];
}

export async function startStorageProxy(targetPort: number): Promise<StorageProxy> {
  const agent = new Agent({ keepAlive: true });
  const calls: StorageCall[] = [];
  const proxy: Partial<StorageProxy> = { calls };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? "/";
    const text = body.toString("utf8");
    const method = req.method ?? "GET";
    const call: StorageCall = {
      method,
      path,
      tables: tablesOf(path, text),
      writes: method !== "GET" && method !== "HEAD",
      body: text,
      at: Date.now(),
    };
    calls.push(call);
    const fault = proxy.fault?.(call);
    if (fault === "reset") {
      call.faulted = "reset";
      req.socket.destroy();
      return;
    }
    if (fault !== undefined) {
      call.faulted = fault;
      res.writeHead(fault, { "content-type": "application/json;odata=minimalmetadata" });
      res.end(JSON.stringify({ "odata.error": { code: "ServerBusy", message: { lang: "en-US", value: "Injected by the test's storage proxy." } } }));
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: targetPort, method, path, headers: req.headers, agent },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (c: Buffer) => parts.push(c));
        answer.on("end", () => {
          const payload = Buffer.concat(parts);
          call.status = answer.statusCode ?? 502;
          const inner = [...payload.toString("utf8").matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
          call.ok = call.status < 300 && inner.every((code) => code < 300);
          res.writeHead(call.status, answer.headers);
          res.end(payload);
        });
      },
    );
    upstream.on("error", () => res.destroy());
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    port,
    connectionString: azuriteConnectionString(port),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  }) as StorageProxy;
}

/** The shared Azurite's port, as globalSetup started it. */
export function sharedAzuritePort(): number {
  const port = Number(process.env.QUORATE_TEST_AZURITE_PORT);
  if (!port) throw new Error("QUORATE_TEST_AZURITE_PORT is not set: run the tests through jest's globalSetup");
  return port;
}
