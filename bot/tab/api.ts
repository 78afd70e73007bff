import type { Request as HttpRequest, Response as HttpResponse, Server } from "restify";
import { CloudAdapter } from "botbuilder";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Deps } from "../deps";
import { partnershipIdFor } from "../../storage/keys";
import { StorageUnavailableError } from "../../storage/errors";
import { Access, BoardAccess, createAccess, isRefusal, Viewer } from "./access";
import { updateBody, updateFromTab } from "./actionUpdate";
import { refuse, sendJson } from "./headers";
import { tabRequest } from "./tabRequest";
import { actionsQuery, actionsView } from "./views/actions";
import { attendanceView } from "./views/attendance";
import { papersView } from "./views/papers";
import { nextMeetingView } from "./views/nextMeeting";
import { rollCallView } from "./views/rollCall";
import { signOffsView } from "./views/signOffs";

// The tab's JSON API under /api/tab/. Every request is parsed with zod (path, query and body; anything
// unexpected is refused), the person is identified before anything is read, and what they see is
// decided per board by the same rules as the bot. Answers carry ETags; nothing here sends CORS headers.

const boardParams = z.object({ board: z.string().regex(/^p[0-9a-f]{20}$/, "There is no such board.") }).strict();
const actionParams = boardParams.extend({ ref: z.string().regex(/^A-\d{4}-\d{3,6}$/i, "That is not an action reference.") }).strict();
const noQuery = z.object({}).strict();
const channelQuery = z.object({ tenantId: z.string().min(1).max(100), channelId: z.string().min(1).max(400) }).strict();


function queryOf(req: HttpRequest): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? "/", "http://tab.invalid").searchParams);
}

const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "That request could not be read.";

export function registerTabApi(server: Server, deps: Deps, adapter: CloudAdapter): Access {
  const access = createAccess(deps);

  /** Runs a handler with the person identified; any failure is an answer, never a hang or a stack. */
  const handle = (run: (req: HttpRequest, res: HttpResponse, viewer: Viewer) => Promise<void>) => async (req: HttpRequest, res: HttpResponse) => {
    try {
      const viewer = await access.viewerOf(req);
      if (isRefusal(viewer)) return refuse(req, res, viewer.status, viewer.message, viewer.status === 401 ? { "WWW-Authenticate": "Bearer" } : {});
      await run(req, res, viewer);
    } catch (error) {
      const outage = error instanceof StorageUnavailableError;
      deps.log.error(outage ? "storage.unavailable" : "tab.failed", { path: req.getPath?.(), error });
      if (!res.headersSent) refuse(req, res, outage ? 503 : 500, outage ? "The board's records can't be reached just now. Nothing was changed; try again in a minute." : "Something went wrong. Nothing was changed.");
    }
  };

  /** A board's view: the path and query parsed, the person a member of that board. */
  const boardView = <Q extends z.ZodTypeAny>(query: Q, view: (req: ReturnType<typeof tabRequest>, access: BoardAccess, q: z.infer<Q>) => Promise<unknown>) =>
    handle(async (req, res, viewer) => {
      const params = boardParams.safeParse(req.params ?? {});
      if (!params.success) return refuse(req, res, 404, firstIssue(params.error));
      const q = query.safeParse(queryOf(req));
      if (!q.success) return refuse(req, res, 400, firstIssue(q.error));
      const member = await access.memberOf(viewer, params.data.board);
      if (isRefusal(member)) return refuse(req, res, member.status, member.message);
      const answer = await view(tabRequest(deps, adapter, member, `tab-read-${randomUUID()}`), member, q.data);
      if (isRefusal(answer)) return refuse(req, res, answer.status, answer.message);
      sendJson(req, res, 200, answer);
    });

  server.get("/api/tab/me", handle(async (req, res, viewer) => {
    const q = noQuery.safeParse(queryOf(req));
    if (!q.success) return refuse(req, res, 400, firstIssue(q.error));
    sendJson(req, res, 200, { name: viewer.name, local: viewer.local, boards: await access.boardsOf(viewer) });
  }));

  // The channel tab's configuration page: the board set up in this channel, if the person is on it.
  // The ids come from app.getContext() (display only): they pick a board, the membership check decides.
  server.get("/api/tab/channel", handle(async (req, res, viewer) => {
    const q = channelQuery.safeParse(queryOf(req));
    if (!q.success) return refuse(req, res, 400, firstIssue(q.error));
    const id = partnershipIdFor(q.data.tenantId, q.data.channelId.split(";")[0] ?? "");
    const board = await deps.boards.get(id);
    if (!board) return sendJson(req, res, 200, { board: null, message: "This channel has no board yet. Run **setup** with @Quorate in this channel first, then add the tab." });
    const member = await access.memberOf(viewer, id);
    if (isRefusal(member)) return refuse(req, res, member.status, member.message);
    sendJson(req, res, 200, { board: { id, name: board.partnership.name } });
  }));

  server.get("/api/tab/boards/:board/next", boardView(noQuery, nextMeetingView));
  server.get("/api/tab/boards/:board/rollcall", boardView(noQuery, rollCallView));
  server.get("/api/tab/boards/:board/actions", boardView(actionsQuery, actionsView));
  server.get("/api/tab/boards/:board/signoffs", boardView(noQuery, signOffsView));
  server.get("/api/tab/boards/:board/attendance", boardView(noQuery, attendanceView));
  server.get("/api/tab/boards/:board/papers", boardView(noQuery, papersView));

  server.post("/api/tab/boards/:board/actions/:ref", handle(async (req, res, viewer) => {
    // JSON only: a cross-site form post cannot send it without a CORS preflight, which is never granted.
    if (!/^application\/json\b/i.test(String(req.headers["content-type"] ?? ""))) return refuse(req, res, 415, "Send JSON.");
    const params = actionParams.safeParse(req.params ?? {});
    if (!params.success) return refuse(req, res, 404, firstIssue(params.error));
    const body = updateBody.safeParse(req.body ?? {});
    if (!body.success) return refuse(req, res, 400, firstIssue(body.error));
    const member = await access.memberOf(viewer, params.data.board);
    if (isRefusal(member)) return refuse(req, res, member.status, member.message);
    const answer = await updateFromTab(deps, adapter, member, params.data.ref, body.data);
    sendJson(req, res, answer.status, answer.status === 200 ? { message: answer.message } : { error: answer.message });
  }));

  return access;
}
