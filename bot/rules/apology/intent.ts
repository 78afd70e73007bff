// Step 2 of reading an apology: find the apology (or "can't make it") and check it is about a meeting.
import type { Tok } from "./tidy";
import { Intent, orgOf, subjectNames } from "./names";
import { readApologyWord } from "./apologyWord";
import { meetingObject } from "./meetingObject";

// "can't make", "unable to attend", "won't be able to join", "not able to make it".
const ABSENCE =
  /\b(?:can't|cannot|can not|won't|will not|couldn't|could not|shan't|unable to|not able to|(?:not|n't) be able to|(?:not|n't) going to be able to|(?:not|n't) going to|can no longer|(?:am |i'm )?no longer able to)\s+(?:now\s+|actually\s+|be\s+able\s+to\s+)?(?:make(?:\s+it)?|attend|join|come(?:\s+to)?|get\s+to|dial\s+in(?:to)?)\b/gi;
// "won't be there", "will not be attending", "not attending", "unavailable", "will have to miss".
const NOT_THERE = /\b(?:won't|will not|shan't|not|can't|cannot|unable to)\s+(?:be\s+)?(?:attending|there|at|present|joining|available|in attendance)\b/gi;
// "count me out for Thursday": an absence said without "attend" or "apologies".
const UNAVAILABLE = /\b(?:unavailable|count\s+me\s+out|(?:will|'ll|have to|having to|going to|got to|need to|will have to)\s+miss)\b/gi;
const APOLOGY = /\b(?:apologies|apology|regrets)\b/gi;

export function findIntent(text: string, toks: Tok[]): Intent | undefined {
  // The first apology read gives the names; every other one is spent too, so it is never taken as the reason.
  let found: Intent | undefined;
  const refused: number[] = [];
  const anchors: { at: number; end: number; kind: "apology" | "absence" }[] = [];
  for (const re of [ABSENCE, NOT_THERE, UNAVAILABLE]) {
    for (const m of text.matchAll(re)) anchors.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: "absence" });
  }
  for (const m of text.matchAll(APOLOGY)) anchors.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: "apology" });
  anchors.sort((a, b) => a.at - b.at);
  for (const a of anchors) {
    const first = toks.findIndex((t) => t.start >= a.at);
    const next = toks.findIndex((t) => t.start >= a.end);
    if (first < 0) continue;
    const read = askedOrHypothetical(toks, first)
      ? undefined
      : a.kind === "apology"
        ? readApologyWord(text, toks, first, refused)
        : readAbsence(text, toks, first, next < 0 ? toks.length : next);
    if (!read) refused.push(first);
    else if (!found) found = read;
    else found = { ...found, span: { from: Math.min(found.span.from, read.span.from), to: Math.max(found.span.to, read.span.to) } };
  }
  return found;
}

/** "Any apologies?" and "if you can't attend, ..." are about apologies, not one. */
function askedOrHypothetical(toks: Tok[], at: number): boolean {
  let end = at;
  while (end < toks.length && !/^[.!?]$/.test(toks[end]?.text ?? "")) end++;
  let start = at;
  while (start > 0 && !/^[.!?]$/.test(toks[start - 1]?.text ?? "")) start--;
  const sentence = toks.slice(start, end);
  const firstPerson = sentence.some((t) => ["i", "i'm", "i've", "i'll", "my", "me", "myself", "our"].includes(t.low));
  if (toks[end]?.text === "?" && !firstPerson) return true;
  let clause = at;
  while (clause > 0 && !/^[.!?,;:-]$/.test(toks[clause - 1]?.text ?? "")) clause--;
  return toks.slice(clause, at).some((t) => ["if", "whether", "unless"].includes(t.low));
}

/** "can't make Thursday", "Russ Freeman can't make it": the object must be a meeting, not "sense" or "the deadline". */
function readAbsence(text: string, toks: Tok[], first: number, next: number): Intent | undefined {
  const object = meetingObject(toks, next, true);
  if (!object) return undefined;
  const subject = subjectNames(text, toks, first);
  if (subject === "unknown") return undefined;
  const from = subject.names.length > 0 ? subject.from : (toks[first]?.start ?? 0);
  return { names: subject.names, ...orgOf(subject), span: { from, to: object.to ?? toks[next - 1]?.end ?? from } };
}
