// Names, organisations and the subject before a verb, as the apology reader reads them.
import { Span, Tok, isCapital, isWord } from "./tidy";
import { MONTHS, NOT_NAMES, ORG_WORDS, PARTICLES, TITLES, WEEKDAYS, isDateWord, isMeetingWord, words } from "./words";

/** Whose apology it is (names typed, an organisation) and the stretch of text that said so. */
export interface Intent {
  names: string[];
  organisation?: string;
  span: Span;
}

/** Names just before a verb ("Russ Freeman can't", "Cllr Jefferies sends"); "unknown" for he/she/they. */
export function subjectNames(text: string, toks: Tok[], verb: number): { names: string[]; organisation?: string; from: number } | "unknown" {
  const helpers = words("has have had would like to asked asks me us wishes wanted also both just kindly is are unfortunately sadly still");
  let j = verb - 1;
  while (j >= 0 && helpers.has(toks[j]?.low ?? "")) j--;
  const last = toks[j];
  if (last && ["he", "she", "they"].includes(last.low)) return "unknown";
  let start = j;
  while (start >= 0 && (isNameToken(toks, start) || isListJoin(toks, start) || toks[start]?.text === ".")) start--;
  start++;
  while (start <= j && !isNameToken(toks, start)) start++;
  if (start > j) return { names: [], from: toks[verb]?.start ?? 0 };
  // "Hi Michelle, can't make it": a greeting's name is not the subject.
  if (["hi", "hello", "hey", "dear", "morning", "thanks"].includes(toks[start - 1]?.low ?? "")) return { names: [], from: toks[verb]?.start ?? 0 };
  const read = readNames(text, toks, start);
  if (read.next !== j + 1) return { names: [], from: toks[verb]?.start ?? 0 };
  return { names: read.names, ...orgOf(read), from: toks[start]?.start ?? 0 };
}

export const orgOf = (r: { organisation?: string }) => (r.organisation !== undefined ? { organisation: r.organisation } : {});

export function isNameToken(toks: Tok[], i: number): boolean {
  const t = toks[i];
  if (t === undefined || !isWord(t)) return false;
  if (TITLES.has(t.low.replace(/\.$/, ""))) return true;
  if (PARTICLES.has(t.low) && isCapital(toks[i + 1])) return true;
  return isCapital(t) && !NOT_NAMES.has(t.low) && !WEEKDAYS.has(t.low) && !MONTHS.has(t.low) && !isMeetingWord(t.low);
}

const isListJoin = (toks: Tok[], i: number) => [",", "and", "&", "+"].includes(toks[i]?.low ?? "");

/** True when a named thing is an organisation: "Essex Police", "ECFRS", "Probation". */
export function isOrganisation(name: string): boolean {
  const parts = name.split(/\s+/);
  if (parts.some((p) => ORG_WORDS.has(p.toLowerCase()))) return true;
  return parts.length === 1 && /^[A-Z&]{2,7}$/.test(name) && !TITLES.has(name.toLowerCase());
}

/** Reads "Mark Eaglestone and Russ Freeman (ECFRS)" from token i. `next` is the first token after. */
export function readNames(text: string, toks: Tok[], i: number): { names: string[]; organisation?: string; next: number } {
  const names: string[] = [];
  let organisation: string | undefined;
  let next = i;
  let at = i;
  for (;;) {
    const start = at;
    while (at - start < 5 && (isNameToken(toks, at) || (toks[at]?.text === "." && at > start && (toks[at - 1]?.text.length === 1 || TITLES.has(toks[at - 1]?.low ?? ""))))) at++;
    if (at === start) break;
    const name = text.slice(toks[start]?.start ?? 0, toks[at - 1]?.end ?? 0);
    if (isOrganisation(name)) organisation ??= name;
    else names.push(name);
    next = at;
    const bracket = bracketAt(text, toks, at);
    if (bracket) {
      organisation ??= bracket.organisation;
      at = next = bracket.next;
    }
    if (!isListJoin(toks, at)) break;
    at += toks[at]?.text === "," && toks[at + 1]?.low === "and" ? 2 : 1;
  }
  // "Mark Eaglestone of ECFRS", "Cheryl from Thurrock Council".
  if (next > i && ["from", "of", "at"].includes(toks[next]?.low ?? "")) {
    let end = next + 1;
    while (isWord(toks[end]) && (isCapital(toks[end]) || ["and", "of", "&"].includes(toks[end]?.low ?? ""))) end++;
    const org = end > next + 1 ? text.slice(toks[next + 1]?.start ?? 0, toks[end - 1]?.end ?? 0) : "";
    if (org && isOrganisation(org)) {
      organisation ??= org;
      next = end;
    }
  }
  return { names, ...(organisation !== undefined ? { organisation } : {}), next };
}

/** "(ECFRS)", "(Essex Police)" at token i: capitalised words only, so "(on leave)" stays a reason. */
function bracketAt(text: string, toks: Tok[], i: number): { organisation: string; next: number; span: Span } | undefined {
  if (toks[i]?.text !== "(") return undefined;
  const close = toks.findIndex((t, j) => j > i && t.text === ")");
  if (close < 0 || close === i + 1 || close - i > 9) return undefined;
  const inner = toks.slice(i + 1, close);
  const orgLike = inner.every((t) => isCapital(t) || ["and", "of", "&", "for", "the"].includes(t.low) || t.text === ",");
  if (!orgLike || inner.some((t) => isDateWord(t.low))) return undefined;
  const organisation = text.slice(inner[0]?.start ?? 0, inner[inner.length - 1]?.end ?? 0);
  return { organisation, next: close + 1, span: { from: toks[i]?.start ?? 0, to: toks[close]?.end ?? 0 } };
}

export function bracketOrganisation(text: string, toks: Tok[]): { organisation: string; span: Span } | undefined {
  for (let i = 0; i < toks.length; i++) {
    const b = bracketAt(text, toks, i);
    if (b) return b;
  }
  return undefined;
}
