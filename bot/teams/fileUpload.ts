import { z } from "zod";
import { Attachment } from "botbuilder";
import { Request } from "../request";

// Files in a 1:1 chat: Teams asks the person to accept the file (the consent card); on accept the bot
// uploads it to the URL Teams gives (their OneDrive) and shows it as a file card.

export const FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent";
const FILE_INFO = "application/vnd.microsoft.teams.card.file.info";

export const uploadInfoSchema = z.object({
  name: z.string().max(200),
  uploadUrl: z.string().url().max(4000),
  contentUrl: z.string().url().max(4000),
  uniqueId: z.string().max(200),
  fileType: z.string().max(20).optional(),
});

export type UploadInfo = z.infer<typeof uploadInfoSchema>;

/**
 * Uploads an accepted file where Teams said and returns the file card, or what went wrong ("{again}"
 * stands for the command to try again with).
 */
export async function uploadConsented(req: Request, uploadInfo: UploadInfo, body: Buffer, contentType: string, fileType: string): Promise<Attachment | string> {
  const target = new URL(uploadInfo.uploadUrl);
  // The upload URL comes in the request: only ever send files to OneDrive/SharePoint (or, locally, this machine).
  const local = req.deps.config.auth.mode === "local" && (target.hostname === "127.0.0.1" || target.hostname === "localhost");
  if (!local && !(target.protocol === "https:" && /(\.sharepoint\.com|\.sharepoint-df\.com)$/i.test(target.hostname))) {
    req.deps.log.warn("export.refused_upload_url", { host: target.hostname });
    return "That upload location isn't one I send files to. No file sent.";
  }
  const response = await fetch(target, {
    method: "PUT",
    headers: { "content-type": contentType, "content-length": String(body.length), "content-range": `bytes 0-${body.length - 1}/${body.length}` },
    body,
  });
  if (!response.ok) {
    req.deps.log.error("export.upload_failed", { status: response.status });
    return "The file couldn't be uploaded. Please try {again} again.";
  }
  return {
    contentType: FILE_INFO,
    contentUrl: uploadInfo.contentUrl,
    name: uploadInfo.name,
    content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType ?? fileType },
  };
}

