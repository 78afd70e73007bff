import { Store } from "../../storage/store";
import { attendanceRegister } from "../rules/papers/register";
import { draftMinutes } from "../rules/papers/minutes";
import { todayIn } from "../rules/zonedTime";
import { actionLogCsv } from "./actionLog";
import { loadHistory, loadMinutesRecords } from "./load";
import { minutesDocx } from "./writers/minutesDocx";
import { minutesMarkdown } from "./writers/minutesMarkdown";
import { registerCsv } from "./writers/registerCsv";
import { registerXlsx } from "./writers/registerXlsx";

// The board's papers as files: what a 1:1 upload, a download link and the tab all hand out.

export const PAPER_KINDS = ["minutes-docx", "minutes-md", "register-csv", "register-xlsx", "actions-csv"] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

/** Which paper: the kind, the meeting for minutes, how many meetings for the register. */
export interface PaperRequest {
  kind: PaperKind;
  meetingId?: string;
  last?: number;
}

export interface PaperFile {
  name: string;
  contentType: string;
  fileType: string;
  body: Buffer;
}

export const DEFAULT_REGISTER_MEETINGS = 12;

const TYPES: Record<PaperKind, { ext: string; contentType: string }> = {
  "minutes-docx": { ext: "docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  "minutes-md": { ext: "md", contentType: "text/markdown; charset=utf-8" },
  "register-csv": { ext: "csv", contentType: "text/csv; charset=utf-8" },
  "register-xlsx": { ext: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  "actions-csv": { ext: "csv", contentType: "text/csv; charset=utf-8" },
};

/** The file, or undefined when the board or the meeting is not there. */
export async function buildPaper(store: Store, partnershipId: string, paper: PaperRequest, now: Date): Promise<PaperFile | undefined> {
  const { ext, contentType } = TYPES[paper.kind];
  if (paper.kind === "minutes-docx" || paper.kind === "minutes-md") {
    if (!paper.meetingId) return undefined;
    const records = await loadMinutesRecords(store, partnershipId, paper.meetingId, now);
    if (!records) return undefined;
    const doc = draftMinutes(records);
    const body = paper.kind === "minutes-docx" ? await minutesDocx(doc) : Buffer.from(minutesMarkdown(doc), "utf8");
    return { name: `${slug(doc.board)}-minutes-${records.meeting.startsAt.slice(0, 10)}.${ext}`, contentType, fileType: ext, body };
  }
  if (paper.kind === "actions-csv") {
    const log = await actionLogCsv(store, partnershipId);
    if (!log) return undefined;
    return { name: `${slug(log.board)}-actions-${todayIn(log.timeZone, now)}.${ext}`, contentType, fileType: ext, body: Buffer.from(log.csv, "utf8") };
  }
  const history = await loadHistory(store, partnershipId, { last: paper.last ?? DEFAULT_REGISTER_MEETINGS }, now);
  if (!history) return undefined;
  const register = attendanceRegister(history);
  const body = paper.kind === "register-csv" ? Buffer.from(registerCsv(register), "utf8") : await registerXlsx(register);
  return { name: `${slug(register.board)}-attendance-register-${now.toISOString().slice(0, 10)}.${ext}`, contentType, fileType: ext, body };
}

export const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "board";
