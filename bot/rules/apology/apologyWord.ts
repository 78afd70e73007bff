// The word "apologies" itself: whose they are, what they are for, and when a bare one counts.
import { SLIPS, isDateWord, words } from "./words";
import { Tok, isWord } from "./tidy";
import { Intent, isNameToken, orgOf, readNames, subjectNames } from "./names";
import { meetingObject } from "./meetingObject";

const REFUSE_BEFORE = words("no any the your these those an a without");
const WITHDRAW = words("withdraw withdrawing retract cancel disregard ignore scrap");
const SEND_VERBS = words(
  "send sends sending sent give gives giving pass passing tender tenders submit submitting offer accept note noting record log register forward add have extend",
);

/** "Please send my apologies for Thursday", "apologies from Mark and Russ (ECFRS)", "Apologies, stuck in court". */
export function readApologyWord(text: string, toks: Tok[], k: number, refused: number[]): Intent | undefined {
  const before = (n: number) => toks[k - n]?.low ?? "";
  if (REFUSE_BEFORE.has(before(1)) || [1, 2, 3].some((n) => WITHDRAW.has(before(n)))) return undefined;
  const after = whatFollows(text, toks, k);
  if (!after) return undefined;
  const sender = whoSends(text, toks, k);
  if (!sender) return undefined;
  const names = after.names.length > 0 ? after.names : sender.names;
  const organisation = after.organisation ?? sender.organisation;
  if (sender.possessive === "third" && names.length === 0) return undefined; // "her apologies": whose?
  if (!sender.sent && !after.about && sender.names.length === 0) {
    if (sender.possessive === "first") return undefined; // "my apologies, wrong attachment"
    if (!bareApology(toks, k, after.next, refused)) return undefined;
  }
  return { names, ...orgOf({ organisation }), span: { from: sender.from, to: after.to } };
}

const SELF = words("me myself us");

/**
 * What follows the apology word: "for Thursday", "from Mark and Russ (ECFRS)", "for absence: A, B", and
 * "received from Greg" (a manager relaying it: read as on Greg's behalf, which is what recording it needs).
 * Undefined when it is about something else ("for the late reply", "if ...").
 * `about` says whether anything tied it to people or a meeting.
 */
function whatFollows(
  text: string,
  toks: Tok[],
  k: number,
): { names: string[]; organisation?: string; about: boolean; to: number; next: number } | undefined {
  let names: string[] = [];
  let organisation: string | undefined;
  let about = false;
  let to = toks[k]?.end ?? 0;
  let i = k + 1;
  const take = (read: { names: string[]; organisation?: string; next: number }) => {
    names = names.concat(read.names);
    organisation ??= read.organisation;
    about = true;
    to = toks[read.next - 1]?.end ?? to;
    i = read.next;
  };
  if (toks[i]?.low === "for" && toks[i + 1]?.low === "absence") {
    to = toks[i + 1]?.end ?? to; // the minutes' own words
    i += 2;
  }
  // A list, as the minutes write it: "Apologies for absence: Cllr Jefferies, Clare Moore".
  if (toks[i]?.text === ":" || toks[i]?.text === "-") {
    const read = readNames(text, toks, i + 1);
    const end = toks[read.next];
    if (read.next > i + 1 && (end === undefined || /^[.;!-]$/.test(end.text))) take(read);
  }
  while (["have", "has", "been"].includes(toks[i]?.low ?? "")) i++;
  if (["noted", "received", "recorded", "logged", "acknowledged", "accepted"].includes(toks[i]?.low ?? "")) {
    if (toks[i + 1]?.low !== "from") return undefined; // the manager acknowledging
    i++;
  }
  for (let round = 0; round < 3; round++) {
    const w = toks[i]?.low;
    // "my apologies to the committee for Thursday": the meeting they are sent to.
    if (w === "to") {
      const meeting = meetingObject(toks, i + 1, false);
      if (!meeting?.to) break;
      to = meeting.to;
      about = true;
      i = toks.findIndex((t) => t.start >= to);
      if (i < 0) i = toks.length;
      continue;
    }
    const behalf = w === "on" && toks[i + 1]?.low === "behalf" && toks[i + 2]?.low === "of";
    if (w !== "from" && w !== "for" && !behalf) break;
    const at = behalf ? i + 3 : i + 1;
    if (SELF.has(toks[at]?.low ?? "")) {
      take({ names: [], next: at + 1 });
      continue;
    }
    const meeting = w === "for" ? meetingObject(toks, at, false) : undefined;
    if (meeting) {
      to = meeting.to ?? to;
      about = true;
      i = toks.findIndex((t) => t.start >= to);
      if (i < 0) i = toks.length;
      continue;
    }
    const nameAt = toks[at]?.low === "the" ? at + 1 : at; // "for the Probation Service"
    const read = readNames(text, toks, nameAt);
    if (read.next === nameAt) return undefined; // "for the late reply", "for any inconvenience", "for not attending"
    take(read);
  }
  if (toks[i]?.low === "if") return undefined;
  return { names, ...orgOf({ organisation }), about, to, next: i };
}

/**
 * Who is sending it: "Please send my" (the sender), "Cllr Jefferies sends his", "Mark has asked me to send
 * his", "Tony's". Undefined for "he sends his": someone unnamed.
 */
function whoSends(
  text: string,
  toks: Tok[],
  k: number,
): { names: string[]; organisation?: string; sent: boolean; possessive?: "first" | "third"; from: number } | undefined {
  const owner = toks[k - 1];
  if (owner && /'s$/i.test(owner.text) && isNameToken(toks, k - 1)) {
    let start = k - 1;
    while (start > 0 && isNameToken(toks, start - 1)) start--;
    return { names: [text.slice(toks[start]?.start ?? 0, owner.end - 2)], sent: false, from: toks[start]?.start ?? 0 };
  }
  let j = k - 1;
  const mine = ["my", "our"].includes(toks[j]?.low ?? "");
  const theirs = ["his", "her", "their"].includes(toks[j]?.low ?? "");
  const possessive = mine ? "first" : theirs ? "third" : undefined;
  if (possessive) j--;
  if (toks[j]?.low === "on" && toks[j - 1]?.low === "pass") j--;
  const sent = SEND_VERBS.has(toks[j]?.low ?? "");
  if (!sent) return { names: [], sent, ...(possessive ? { possessive } : {}), from: toks[k]?.start ?? 0 };
  const subject = subjectNames(text, toks, j);
  if (subject === "unknown") return undefined;
  const from = subject.names.length > 0 ? subject.from : (toks[j]?.start ?? 0);
  return { names: subject.names, ...orgOf(subject), sent, ...(possessive ? { possessive } : {}), from };
}

/**
 * A bare "Apologies" counts when it stands alone or leads into a reason, not into a slip ("Apologies, typo").
 * At the end of a sentence it takes its sense from what came before: "In court all day, apologies" is one;
 * "Unable to attend to this until Friday, apologies" is not.
 */
function bareApology(toks: Tok[], k: number, i: number, refused: number[]): boolean {
  let start = k;
  while (start > 0 && !/^[.!?]$/.test(toks[start - 1]?.text ?? "")) start--;
  if (refused.some((r) => r >= start && r < k) || toks.slice(start, k).some((t) => SLIPS.has(t.low))) return false;
  while (["all", "everyone", "folks", "team", "please"].includes(toks[i]?.low ?? "")) i++;
  const t = toks[i];
  if (t === undefined) return true;
  let clauseStart = i;
  if (!isWord(t)) clauseStart = i + 1;
  else if (!isDateWord(t.low) && !words("i'm i i've i'll on off away stuck in unwell sick due because as but").has(t.low)) return false;
  for (let j = clauseStart; j < toks.length && !/^[.!?;]$/.test(toks[j]?.text ?? ""); j++) {
    if (SLIPS.has(toks[j]?.low ?? "")) return false;
  }
  return true;
}
