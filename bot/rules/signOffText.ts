import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { DEFAULT_SIGN_OFF_RULE, SignOffRule } from "./signOff";

// `sign-off "Annual report 2023/24" https://... by 8 April, votes: all members, passes: unanimous` — the
// title (quoted, or up to the first comma), an optional link, an optional deadline, and who votes and
// what passes as two separate things (each with its default).

export interface SignOffDraft {
  title: string;
  link?: string;
  /** YYYY-MM-DD in the partnership's zone; absent means the default (14 days). */
  deadlineDate?: string;
  rule: SignOffRule;
}

const EXAMPLE = `sign-off "Annual report 2023/24" https://example.org/report.pdf by 8 April`;

export function parseSignOffText(text: string, opts: { timeZone: string; now: Date }): { ok: true; draft: SignOffDraft } | { ok: false; message: string } {
  let rest = text.trim();
  const link = /https:\/\/\S+/i.exec(rest)?.[0]?.replace(/[),.;]+$/, "");
  if (link) rest = rest.replace(link, " ");
  if (/http:\/\//i.test(rest)) return { ok: false, message: "Give the document's link as https://…, or leave it out." };

  let title: string | undefined;
  const quoted = /^["“'‘](.+?)["”'’]/.exec(rest);
  if (quoted) {
    title = quoted[1]!.trim();
    rest = rest.slice(quoted[0].length);
  } else {
    const cut = rest.search(/,|\s(by|deadline|until|closing)\s/i);
    title = (cut >= 0 ? rest.slice(0, cut) : rest).trim();
    rest = cut >= 0 ? rest.slice(cut) : "";
  }
  if (!title) return { ok: false, message: `Say what is to be signed off, for example: ${EXAMPLE}` };
  if (title.length > 200) return { ok: false, message: `A sign-off's title can be at most 200 characters; this one is ${title.length}.` };

  const rule = ruleFrom(rest);
  if (typeof rule === "string") return { ok: false, message: rule };

  let deadlineDate: string | undefined;
  const dateText = /\b(?:by|deadline|until|closing)\b\s*(.+?)(?=,|;|\bvot(?:es|ers|ing)\b|\bpass(?:es)?\b|\bunanimous|\bat least\b|\bmajority\b|$)/i.exec(rest)?.[1];
  if (dateText) {
    const local = DateTime.fromJSDate(opts.now, { zone: opts.timeZone });
    const reference = new Date(local.year, local.month - 1, local.day, 12, 0);
    const found = chrono.en.GB.parse(dateText, reference, { forwardDate: true })[0];
    if (!found || !found.start.isCertain("day")) return { ok: false, message: `I couldn't read "${dateText.trim()}" as a date. ${EXAMPLE}` };
    const date = DateTime.fromObject({ year: found.start.get("year")!, month: found.start.get("month")!, day: found.start.get("day")! }, { zone: opts.timeZone });
    if (!date.isValid) return { ok: false, message: `There is no such date as "${dateText.trim()}".` };
    if (date.toISODate()! < local.toISODate()!) return { ok: false, message: `The deadline ${date.toFormat("d LLLL yyyy")} has passed.` };
    deadlineDate = date.toISODate()!;
  }
  return { ok: true, draft: { title, link, deadlineDate, rule } };
}

export const WHO_VOTES_WORDS = "votes: statutory partners | all members";
export const WHAT_PASSES_WORDS = "passes: majority | unanimous | at least N";

const VOTERS = /\bvot(?:es|ers|ing)\s*:?\s*(?:by\s+)?(statutory(?: partners| organisations)?|all members|every member|members)\b/i;
const PASSES = /\bpass(?:es)?\s*:?\s*(?:by\s+|with\s+|when\s+)?(a majority|majority|unanimous(?:ly)?|all|everyone|every vote|at least (\d{1,3}))\b/i;

/**
 * Who votes and what passes, each said on its own. "all members" on its own could be either (it once
 * passed on a majority with ten members silent), so it is asked about rather than guessed.
 */
function ruleFrom(text: string): SignOffRule | string {
  const votersMatch = VOTERS.exec(text);
  const passMatch = PASSES.exec(text);
  const rest = text.replace(VOTERS, " ").replace(PASSES, " ");
  if (/\ball(?: the)? members\b/i.test(rest)) {
    return `"all members" could mean who votes or what passes. Say **votes: all members** (every member has a vote) and, if every one must approve, **passes: unanimous**.`;
  }
  const voters: SignOffRule["voters"] = votersMatch && !/^statutory/i.test(votersMatch[1]!) ? "all-members" : "statutory-organisations";
  const passWord = (passMatch?.[1] ?? "").toLowerCase();
  const atLeast = passMatch?.[2] ?? /\bat least (\d{1,3})\b/i.exec(rest)?.[1];
  if (atLeast !== undefined) {
    const count = Number(atLeast);
    if (count < 1) return "At least how many? Give a number from 1.";
    return { voters, pass: { kind: "at-least", count } };
  }
  if (/^(unanimous|all|everyone|every vote)/.test(passWord) || /\bunanimous(ly)?\b/i.test(rest)) return { voters, pass: { kind: "unanimous" } };
  return { ...DEFAULT_SIGN_OFF_RULE, voters };
}
