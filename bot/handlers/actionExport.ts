import { z } from "zod";
import { Attachment } from "botbuilder";
import { isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { actionsCsv } from "../rules/actionsCsv";
import { compareRefs } from "../rules/actionLog";
import { todayIn } from "../rules/zonedTime";

// `export actions`: the log as a CSV file in the person's 1:1 chat. Teams asks the person to accept the
// file; the bot then uploads it to their OneDrive and shows it as a file card. Only members get it.

const FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent";
const FILE_INFO = "application/vnd.microsoft.teams.card.file.info";

export const fileConsentInput = z.object({
  type: z.literal("fileUpload"),
  action: z.enum(["accept", "decline"]),
  context: z.object({ partnershipId: z.string().max(40) }),
  uploadInfo: z
    .object({
      name: z.string().max(200),
      uploadUrl: z.string().url().max(4000),
      contentUrl: z.string().url().max(4000),
      uniqueId: z.string().max(200),
      fileType: z.string().max(20).optional(),
    })
    .optional(),
});

export async function exportActions(req: Request): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!board.actor) return say("Only members of this board can export its action log.");
  const csv = await csvFor(req, board.partnership.id);
  if (csv === undefined) return say("Only members of this board can export its action log.");
  const consent: Attachment = {
    contentType: FILE_CONSENT,
    name: `${slug(board.partnership.name)}-actions-${todayIn(board.partnership.timeZone, req.now)}.csv`,
    content: {
      description: `${board.partnership.name}: the action log as CSV (ref, action, owner, raised at, due, status, latest note)`,
      sizeInBytes: Buffer.byteLength(csv),
      acceptContext: { partnershipId: board.partnership.id },
      declineContext: { partnershipId: board.partnership.id },
    },
  };
  // Files can only be offered in a 1:1 chat.
  if (req.scope === "personal") return { posts: [consent] };
  const actor = board.actor;
  if (!actor.teamsUserId) return say("Say **export actions** to me in a 1:1 chat and I'll send you the file there.");
  await req.deps.proactive.postToPerson({ teamsUserId: actor.teamsUserId, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl }, consent);
  return say("I've sent you the action log as a file in our 1:1 chat.");
}

/** The person accepted (or declined) the file: upload it where Teams said, then show the file card. */
export async function fileConsent(req: Request, input: z.infer<typeof fileConsentInput>): Promise<Outcome> {
  if (input.action === "decline" || !input.uploadInfo) return say("No file sent.");
  const csv = await csvFor(req, input.context.partnershipId);
  if (csv === undefined) return say("Only members of this board can export its action log.");
  const target = new URL(input.uploadInfo.uploadUrl);
  // The upload URL comes in the request: only ever send the log to OneDrive/SharePoint (or, locally, this machine).
  const local = req.deps.config.auth.mode === "local" && (target.hostname === "127.0.0.1" || target.hostname === "localhost");
  if (!local && !(target.protocol === "https:" && /(\.sharepoint\.com|\.sharepoint-df\.com)$/i.test(target.hostname))) {
    req.deps.log.warn("export.refused_upload_url", { host: target.hostname });
    return say("That upload location isn't one I send files to. No file sent.");
  }
  const body = Buffer.from(csv, "utf8");
  const response = await fetch(target, {
    method: "PUT",
    headers: { "content-type": "text/csv", "content-length": String(body.length), "content-range": `bytes 0-${body.length - 1}/${body.length}` },
    body,
  });
  if (!response.ok) {
    req.deps.log.error("export.upload_failed", { status: response.status });
    return say("The file couldn't be uploaded. Please try **export actions** again.");
  }
  const info: Attachment = {
    contentType: FILE_INFO,
    contentUrl: input.uploadInfo.contentUrl,
    name: input.uploadInfo.name,
    content: { uniqueId: input.uploadInfo.uniqueId, fileType: input.uploadInfo.fileType ?? "csv" },
  };
  return { posts: [info] };
}

/** The whole log, oldest reference first; undefined unless the person belongs to that board. */
async function csvFor(req: Request, partnershipId: string): Promise<string | undefined> {
  const board = await loadBoard(req, partnershipId);
  if (!isBoard(board) || !board.actor) return undefined;
  const [actions, meetings] = await Promise.all([req.deps.store.actions.all(partnershipId), req.deps.store.meetings.list(partnershipId)]);
  const titles = new Map(meetings.map((m) => [m.id, m.title]));
  return actionsCsv([...actions].sort(compareRefs), board.partnership.timeZone, { meetingTitle: (id) => titles.get(id), bom: true });
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "board";
