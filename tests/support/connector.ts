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
  /**
   * The last message posted (a reply or a new message, not a card update): what the bot last said.
   * A shared card's update may land after the answer that caused it (answers go first).
   */
  lastPost(): Sent | undefined;
  /** Files the bot uploaded (the file-consent flow's OneDrive upload, played by the stub). */
  uploads: Upload[];
  people: Map<string, Person>;
  /** The next N requests get this status (429 with Retry-After, 500...). */
  failNext(status: number, count?: number, retryAfterSeconds?: number): void;
  /** The next N requests for which `match` is true (path decoded) get this status; checked before failNext's. */
  failMatching(match: (request: { method: string; path: string }) => boolean, status: number, count?: number, retryAfterSeconds?: number): void;
  /** Every request the stub refused, in order (path decoded). */
  refused: Refused[];
  /** Single-member reads (GET .../members/{userId}). */
  memberLookups: number;
  /** Pages of members read (GET .../pagedmembers). */
  pagedReads: number;
  /** Member reads of either kind that went over Teams' member-read limits (each was answered 429). */
  memberReadBreaches: number;
  /** Teams user ids of people who are not members of the team: not listed, not found, no 1:1 chat. */
  notInTeam: Set<string>;
  /** 1:1 chats the bot created, with what it asked for. */
  created: { members: { id: string }[]; tenantId?: string; bot?: { id: string }; isGroup?: boolean }[];
  /** Teams meetings the stub knows: who is in each call now (aadObjectIds), and its details. */
  meetings: Map<string, { inMeeting: Set<string>; details?: { joinUrl?: string; title?: string; scheduledStartTime?: string } }>;
  /** getMeetingParticipant calls answered (over the read limits included). */
  participantLookups: number;
  /** Meeting participant reads that went over Teams' member-read limits (each was answered 429). */
  readBreaches: number;
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

/** Teams' published limits on member reads per bot per conversation. */
export const TEAMS_MEMBER_READ_LIMITS = [
  { limit: 14, ms: 1_000 },
  { limit: 16, ms: 2_000 },
  { limit: 120, ms: 30_000 },
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
  const notInTeam = new Set<string>();
  const created: ConnectorStub["created"] = [];
  const meetings: ConnectorStub["meetings"] = new Map();
  const stub: Partial<ConnectorStub> = { sent, uploads, people, refused, memberLookups: 0, pagedReads: 0, breaches: 0, memberReadBreaches: 0, notInTeam, created, meetings, participantLookups: 0, readBreaches: 0 };
  const reads: number[] = [];
  /** Like Teams: a participant read over the read limits is refused with 429. */
  const readOverLimit = (): boolean => {
    const now = Date.now();
    if (TEAMS_MEMBER_READ_LIMITS.some((w) => reads.filter((t) => now - t < w.ms).length >= w.limit)) return true;
    reads.push(now);
    return false;
  };
  const accepted = new Map<string, number[]>();
  /** Like Teams: a send or update over the conversation's limits is refused with 429. */
  const overLimit = (conversationId: string, limits = TEAMS_LIMITS, kind = ""): boolean => {
    const root = kind + (conversationId.split(";")[0] ?? conversationId);
    const now = Date.now();
    const times = accepted.get(root) ?? [];
    if (limits.some((w) => times.filter((t) => now - t < w.ms).length >= w.limit)) return true;
    times.push(now);
    accepted.set(root, times);
    return false;
  };
  const inTeam = () => [...people.values()].filter((p) => !notInTeam.has(p.id));
  const account = (person: Person) => ({
    id: person.id,
    name: person.name,
    aadObjectId: person.aadObjectId,
    email: person.email,
    userPrincipalName: person.email,
    tenantId: "tenant",
    userRole: "user",
  });

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
    // GET /v1/meetings/{meetingId}/participants/{aadObjectId}?tenantId=... (TeamsInfo.getMeetingParticipant)
    if (req.method === "GET" && parts[0] === "v1" && parts[1] === "meetings" && parts[2] && parts[3] === "participants" && parts[4]) {
      stub.participantLookups = (stub.participantLookups ?? 0) + 1;
      if (readOverLimit()) {
        stub.readBreaches = (stub.readBreaches ?? 0) + 1;
        refused.push({ method: "GET", path, status: 429, retryAfter: 1, at: Date.now() });
        return reply(429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": "1" });
      }
      const meeting = meetings.get(parts[2]);
      const person = [...people.values()].find((p) => p.aadObjectId === parts[4]);
      if (!meeting || !person) return reply(404, { error: { code: "NotFound", message: "participant not found" } });
      return reply(200, {
        user: { id: person.id, name: person.name, aadObjectId: person.aadObjectId, email: person.email, userPrincipalName: person.email, tenantId: url.searchParams.get("tenantId") ?? "", userRole: "user" },
        meeting: { role: "Attendee", inMeeting: meeting.inMeeting.has(person.aadObjectId) },
        conversation: { id: `19:meeting_${parts[2]}@thread.v2`, isGroup: true, conversationType: "groupChat" },
      });
    }
    // GET /v1/meetings/{meetingId} (TeamsInfo.getMeetingInfo)
    if (req.method === "GET" && parts[0] === "v1" && parts[1] === "meetings" && parts[2] && parts.length === 3) {
      const meeting = meetings.get(parts[2]);
      if (!meeting) return reply(404, { error: { code: "NotFound", message: "meeting not found" } });
      return reply(200, { details: { id: parts[2], type: "Scheduled", ...meeting.details }, conversation: { id: `19:meeting_${parts[2]}@thread.v2`, isGroup: true } });
    }
    const memberRead = req.method === "GET" && parts[0] === "v3" && parts[1] === "conversations" && ((parts[3] === "members" && parts[4]) || parts[3] === "pagedmembers");
    if (memberRead && overLimit(parts[2] ?? "", TEAMS_MEMBER_READ_LIMITS, "members:")) {
      stub.memberReadBreaches = (stub.memberReadBreaches ?? 0) + 1;
      refused.push({ method: "GET", path, status: 429, retryAfter: 1, at: Date.now() });
      return reply(429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": "1" });
    }
    // /v3/conversations/{id}/members/{userId}
    if (req.method === "GET" && parts[0] === "v3" && parts[1] === "conversations" && parts[3] === "members" && parts[4]) {
      stub.memberLookups = (stub.memberLookups ?? 0) + 1;
      const person = people.get(parts[4]);
      if (!person || notInTeam.has(person.id)) return reply(404, { error: { code: "MemberNotFoundInConversation", message: "not found" } });
      return reply(200, account(person));
    }
    // /v3/conversations/{teamId}/pagedmembers?pageSize=&continuationToken=: Teams pages at most 500.
    if (req.method === "GET" && parts[0] === "v3" && parts[1] === "conversations" && parts[3] === "pagedmembers") {
      stub.pagedReads = (stub.pagedReads ?? 0) + 1;
      const size = Math.min(500, Number(url.searchParams.get("pageSize") ?? 500) || 500);
      const start = Number(url.searchParams.get("continuationToken") ?? 0) || 0;
      const all = inTeam();
      const next = start + size < all.length ? String(start + size) : undefined;
      return reply(200, { members: all.slice(start, start + size).map(account), ...(next ? { continuationToken: next } : {}) });
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
    // Creating a 1:1 chat: Teams answers with the same conversation for the same person every time. It
    // needs the person, the tenant and the bot; a person outside the team can't be reached.
    if (req.method === "POST" && parts[0] === "v3" && parts[1] === "conversations" && parts.length === 2) {
      const params = (await body(req)) as ConnectorStub["created"][number] & { channelData?: { tenant?: { id?: string } } };
      const who = params.members?.[0]?.id;
      if (!who || params.members?.length !== 1 || !(params.tenantId ?? params.channelData?.tenant?.id) || !params.bot?.id) {
        return reply(400, { error: { code: "BadArgument", message: "members, tenantId and bot are required" } });
      }
      if (!people.has(who) || notInTeam.has(who)) return reply(403, { error: { code: "Forbidden", message: "The bot is not part of the conversation roster." } });
      created.push({ members: params.members, tenantId: params.tenantId ?? params.channelData?.tenant?.id, bot: params.bot, isGroup: params.isGroup });
      return reply(200, { id: `a:dm-${who}` });
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
    lastPost: () => sent.filter((s) => s.method === "POST").at(-1),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as ConnectorStub;
}
