import { z } from "zod";
import { Attachment } from "botbuilder";
import { isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { todayIn } from "../rules/zonedTime";
import { MEETING_ID } from "../../storage/keys";
import { actionLogCsv } from "../papers/actionLog";
import { PAPER_KINDS, slug } from "../papers/files";
import { FILE_CONSENT, uploadConsented, uploadInfoSchema } from "../teams/fileUpload";
import { paperConsent } from "./papers/deliver";

// `export actions`: the log as a CSV file in the person's 1:1 chat. Teams asks the person to accept the
// file; the bot then uploads it to their OneDrive and shows it as a file card. Only members get it.
// The same consent answer brings the board's papers (handlers/papers), which say which file they are.

export const fileConsentInput = z.object({
  type: z.literal("fileUpload"),
  action: z.enum(["accept", "decline"]),
  // `kind` (and its meeting or count) for the board's papers; absent for the action log.
  context: z.object({
    partnershipId: z.string().max(40),
    kind: z.enum(PAPER_KINDS).optional(),
    meetingId: z.string().regex(MEETING_ID).optional(),
    last: z.number().int().min(1).max(120).optional(),
  }),
  uploadInfo: uploadInfoSchema.optional(),
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
  if (input.context.kind) return paperConsent(req, { ...input.context, kind: input.context.kind }, input.uploadInfo);
  const csv = await csvFor(req, input.context.partnershipId);
  if (csv === undefined) return say("Only members of this board can export its action log.");
  const sent = await uploadConsented(req, input.uploadInfo, Buffer.from(csv, "utf8"), "text/csv", "csv");
  return typeof sent === "string" ? say(sent.replace("{again}", "**export actions**")) : { posts: [sent] };
}

/** The whole log, oldest reference first; undefined unless the person belongs to that board. */
async function csvFor(req: Request, partnershipId: string): Promise<string | undefined> {
  const board = await loadBoard(req, partnershipId);
  if (!isBoard(board) || !board.actor) return undefined;
  return (await actionLogCsv(req.deps.store, partnershipId))?.csv;
}

