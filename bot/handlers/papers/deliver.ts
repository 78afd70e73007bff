import { Attachment } from "botbuilder";
import { papersCard, PapersCardData } from "../../../cards/papersCard";
import { audit } from "../../audit";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { buildPaper, PaperKind, PaperRequest } from "../../papers/files";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";
import { FILE_CONSENT, UploadInfo, uploadConsented } from "../../teams/fileUpload";

// Handing out the papers. In a 1:1 chat each file comes through Teams' file consent, as `export actions`
// does; in a channel (where a bot cannot send files) the card carries signed links that expire in 15
// minutes; without a public address for links, the files go to the person's 1:1 chat instead.

export interface PaperOffer {
  request: PaperRequest;
  /** "Draft minutes (Word)" */
  label: string;
}

const CAPABILITY: Record<PaperKind, "draftMinutes" | "viewPapers"> = {
  "minutes-docx": "draftMinutes",
  "minutes-md": "draftMinutes",
  "register-csv": "viewPapers",
  "register-xlsx": "viewPapers",
  "actions-csv": "viewPapers",
};

const AGAIN: Record<PaperKind, string> = {
  "minutes-docx": "**minutes**",
  "minutes-md": "**minutes**",
  "register-csv": "**attendance register**",
  "register-xlsx": "**attendance register**",
  "actions-csv": "**export actions**",
};

export async function deliverPapers(req: Request, board: Board, card: Omit<PapersCardData, "links" | "footnote">, offers: PaperOffer[]): Promise<Outcome> {
  const partnershipId = board.partnership.id;
  if (req.scope !== "personal") {
    const links = offers.map((o) => ({ title: `Download: ${o.label}`, url: req.deps.links.url({ partnershipId, ...o.request }, req.now) }));
    if (links.every((l) => l.url !== undefined)) {
      await audit(req, partnershipId, "papers.links_made", offers.map((o) => o.request.kind).join(","), undefined, offers.map((o) => o.request));
      const footnote = "The links work for 15 minutes. Ask again for new ones.";
      return { card: papersCard({ ...card, links: links as { title: string; url: string }[], footnote }) };
    }
  }
  const consents = await Promise.all(offers.map((o) => consentFor(req, board, o)));
  const files = consents.filter((c): c is Attachment => c !== undefined);
  const summary = papersCard({ ...card, links: [], footnote: files.length ? "Accept each file to have it saved to your OneDrive." : "" });
  if (req.scope === "personal") return { posts: [summary, ...files] };
  const actor = board.actor;
  if (!actor?.teamsUserId) return say(`Say ${AGAIN[offers[0]!.request.kind]} to me in a 1:1 chat and I'll send you the files there.`);
  const person = { teamsUserId: actor.teamsUserId, tenantId: board.partnership.channel.tenantId, serviceUrl: board.partnership.channel.serviceUrl };
  for (const content of [summary, ...files]) await req.deps.proactive.postToPerson(person, content);
  return say("I've sent you the files in our 1:1 chat.");
}

async function consentFor(req: Request, board: Board, offer: PaperOffer): Promise<Attachment | undefined> {
  const file = await buildPaper(req.deps.store, board.partnership.id, offer.request, req.now);
  if (!file) return undefined;
  const context = { partnershipId: board.partnership.id, ...offer.request };
  return {
    contentType: FILE_CONSENT,
    name: file.name,
    content: { description: `${board.partnership.name}: ${offer.label}`, sizeInBytes: file.body.length, acceptContext: context, declineContext: context },
  };
}

/** The person accepted a paper: build it again (records may have moved on) and upload it. */
export async function paperConsent(req: Request, paper: PaperRequest & { partnershipId: string }, uploadInfo: UploadInfo): Promise<Outcome> {
  const board = await loadBoard(req, paper.partnershipId);
  if (!isBoard(board)) return board;
  const capability = CAPABILITY[paper.kind];
  if (!can(board.actor, capability)) return say(`Only ${whoCan(capability)} can have that file. No file sent.`);
  const file = await buildPaper(req.deps.store, board.partnership.id, paper, req.now);
  if (!file) return say("That meeting is no longer there. No file sent.");
  const sent = await uploadConsented(req, uploadInfo, file.body, file.contentType.split(";")[0]!, file.fileType);
  if (typeof sent === "string") return say(sent.replace("{again}", AGAIN[paper.kind]));
  await audit(req, board.partnership.id, "paper.sent", paper.meetingId ? `${paper.kind}/${paper.meetingId}` : paper.kind, undefined, { bytes: file.body.length });
  return { posts: [sent] };
}
