import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";

// A local stand-in for the Bot Connector service that the tests own: it records what the bot sends,
// answers the Teams member API from a people list, and can be told to fail.

export interface Person {
  /** Teams user id, "29:..." */
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

export interface Sent {
  method: "POST" | "PUT";
  conversationId: string;
  activityId: string;
  /** For replies and updates: the activity in the URL. */
  replyToId?: string;
  activity: Record<string, unknown>;
  at: number;
}

/** A request the stub refused: a stubbed failure, or a 429 for going over Teams' limits. */
export interface Refused {
  method: string;
  path: string;
  status: number;
  /** The Retry-After it was answered with, in seconds. */
  retryAfter?: number;
  at: number;
}

export interface Upload {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The same bytes, for binary files (Word, Excel). */
  bytes: Buffer;
}

export interface ConnectorStub {
  url: string;
  sent: Sent[];
  /** Files the bot uploaded (the file-consent flow's OneDrive upload, played by the stub). */
  uploads: Upload[];
  people: Map<string, Person>;
  /** The next N requests get this status (429 with Retry-After, 500...). */
  failNext(status: number, count?: number, retryAfterSeconds?: number): void;
  /** The next N requests for which `match` is true (path decoded) get this status; checked before failNext's. */
  failMatching(match: (request: { method: string; path: string }) => boolean, status: number, count?: number, retryAfterSeconds?: number): void;
  /** Every request the stub refused, in order (path decoded). */
  refused: Refused[];
  memberLookups: number;
  /** Sends or updates that went over Teams' per-conversation limits (each was answered 429). */
  breaches: number;
  close(): Promise<void>;
}

/** Teams' published limits per bot per conversation. */
export const TEAMS_LIMITS = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
];

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startConnector(): Promise<ConnectorStub> {
  const sent: Sent[] = [];
  const uploads: Upload[] = [];
  const people = new Map<string, Person>();
  let failures: { status: number; count: number; retryAfter?: number } | undefined;
  const targeted: { match: (request: { method: string; path: string }) => boolean; status: number; count: number; retryAfter?: number }[] = [];
  const refused: Refused[] = [];
  let counter = 0;
  const stub: Partial<ConnectorStub> = { sent, uploads, people, refused, memberLookups: 0, breaches: 0 };
  const accepted = new Map<string, number[]>();
  /** Like Teams: a send or update over the conversation's limits is refused with 429. */
  const overLimit = (conversationId: string): boolean => {
    const root = conversationId.split(";")[0] ?? conversationId;
    const now = Date.now();
    const times = accepted.get(root) ?? [];
    if (TEAMS_LIMITS.some((w) => times.filter((t) => now - t < w.ms).length >= w.limit)) return true;
    times.push(now);
    accepted.set(root, times);
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(payload === undefined ? "" : JSON.stringify(payload));
    };
    const path = "/" + parts.join("/");
    const aimed = targeted.find((t) => t.count > 0 && t.match({ method: req.method ?? "", path }));
    const failure = aimed ?? (failures && failures.count > 0 ? failures : undefined);
    if (failure) {
      failure.count--;
      refused.push({ method: req.method ?? "", path, status: failure.status, retryAfter: failure.retryAfter, at: Date.now() });
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
      return reply(failure.status, { error: { code: "Stubbed", message: "stubbed failure" } }, headers);
    }
    // /v3/conversations/{id}/members/{userId}
    if (req.method === "GET" && parts[0] === "v3" && parts[1] === "conversations" && parts[3] === "members" && parts[4]) {
      stub.memberLookups = (stub.memberLookups ?? 0) + 1;
      const person = people.get(parts[4]);
      if (!person) return reply(404, { error: { code: "MemberNotFoundInConversation", message: "not found" } });
      return reply(200, {
        id: person.id,
        name: person.name,
        aadObjectId: person.aadObjectId,
        email: person.email,
        userPrincipalName: person.email,
        tenantId: "tenant",
        userRole: "user",
      });
    }
    // POST /v3/conversations/{id}/activities[/{replyTo}] and PUT /v3/conversations/{id}/activities/{activityId}
    if (parts[0] === "v3" && parts[1] === "conversations" && parts[3] === "activities" && (req.method === "POST" || req.method === "PUT")) {
      const activity = await body(req);
      if (overLimit(parts[2] ?? "")) {
        stub.breaches = (stub.breaches ?? 0) + 1;
        refused.push({ method: req.method ?? "", path, status: 429, retryAfter: 1, at: Date.now() });
        return reply(429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": "1" });
      }
      const activityId = req.method === "PUT" ? (parts[4] ?? "") : `sent-${++counter}`;
      sent.push({ method: req.method, conversationId: parts[2] ?? "", activityId, replyToId: parts[4], activity, at: Date.now() });
      return reply(200, { id: activityId });
    }
    // Creating a 1:1 chat: Teams answers with the same conversation for the same person every time.
    if (req.method === "POST" && parts[0] === "v3" && parts[1] === "conversations" && parts.length === 2) {
      const params = (await body(req)) as { members?: { id: string }[] };
      return reply(200, { id: `a:dm-${params.members?.[0]?.id ?? "unknown"}` });
    }
    // A file upload to the URL given in a file-consent answer.
    if (req.method === "PUT" && parts[0] === "upload") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      uploads.push({ path: url.pathname, headers: req.headers as Record<string, string>, body: bytes.toString("utf8"), bytes });
      return reply(201, { id: "uploaded" });
    }
    reply(404, { error: { code: "NotFound", message: `${req.method} ${url.pathname}` } });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}/`,
    failNext(status: number, count = 1, retryAfterSeconds?: number) {
      failures = { status, count, retryAfter: retryAfterSeconds };
    },
    failMatching(match: (request: { method: string; path: string }) => boolean, status: number, count = 1, retryAfterSeconds?: number) {
      targeted.push({ match, status, count, retryAfter: retryAfterSeconds });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as ConnectorStub;
}
