// Who goes instead: "Cheryl will deputise", "sending Lee Harris in my place".
import { MONTHS, WEEKDAYS, words } from "./words";
import { Span, Tok, isWord } from "./tidy";
import { isNameToken, orgOf, readNames } from "./names";

// "X will attend / deputise / represent us / go instead / is attending in my place / will sit in for me".
// "go" and "chair" need a place ("instead", "in my absence") or the end of the clause: "Cheryl will go through item 4" is not one.
const IN_MY_PLACE = String.raw`(?:instead|in\s+my\s+(?:place|stead|absence)|on\s+my\s+behalf|for\s+me)`;
const DEPUTY_VERB = new RegExp(
  String.raw`\b(?:will|shall|is|are|can|to|has agreed to|has kindly agreed to|is going to|'ll)\s+(?:be\s+)?` +
    String.raw`(?:attend(?:ing)?|deputi[sz](?:e|ing)|represent(?:ing)?|com(?:e|ing)|sit(?:ting)?\s+in|stand(?:ing)?\s+in|cover(?:ing)?|step(?:ping)?\s+in|` +
    String.raw`substitut(?:e|ing)|join(?:ing)?|take\s+my\s+place|(?:my|the)\s+(?:deputy|substitute|sub)|there|` +
    String.raw`(?:go(?:ing)?|chair(?:ing)?)(?:\s+${IN_MY_PLACE}|(?=\s*(?:[.,;!?]|$))))\b`,
  "gi",
);
// "sending Lee Harris in my place", "my deputy will be Lee Harris", "Deputy: Lee Harris".
// Offered rather than announced: "happy to send Lee Harris", "I could send my deputy Lee Harris".
const DEPUTY_NAMED_AFTER =
  /\b(?:(?:i'll|i will|i am|i'm|will be|(?:i'm\s+|i am\s+)?happy to|i can|i could|can|could|shall i)\s+)?send(?:ing)?\s+(?:my\s+(?:deputy|colleague|substitute|sub)\s+)?(?=\p{Lu})|\b(?:my\s+)?(?:deputy|substitute|sub|replacement)\s*(?::|-|will be|is)\s*(?=\p{Lu})/giu;
// Asked rather than told: "would it be OK if Anthony Atkin came instead?".
const DEPUTY_IF = /\b(?:would it be|is it|would that be|if it's)\s+(?:ok|okay|alright|all right|fine)\s+if\s+(?=\p{Lu})/giu;
const CAME = words("came come comes went go goes attended attends attend deputised deputized deputises deputizes deputise deputize stood");
// "I can ask Helen Forster to go instead", "shall I ask Russ to go?": the offer belongs to the deputy, not the reason.
const OFFER_LEAD = /\b(?:(?:i\s+(?:can|could|will|'ll|would|might)|shall\s+i|should\s+i|happy\s+to|i'm\s+happy\s+to|i\s+am\s+happy\s+to)\s+)?(?:ask|get|send)\s*$/i;
const NOT_DEPUTIES = words("i we he she they someone somebody colleague deputy one who which that this it there team member officer rep and but so also");
const CLAUSE_END = /[.,;!?]|\s-\s|\s(?:due to|because|as|so|but)\s/i;

export function findDeputy(text: string, toks: Tok[]): { name?: string; organisation?: string; span: Span } | undefined {
  for (const m of text.matchAll(DEPUTY_VERB)) {
    const verb = toks.findIndex((t) => t.start >= (m.index ?? 0));
    let start = verb;
    // "Clare Moore (YOS) will attend": step back over the bracket.
    if (toks[start - 1]?.text === ")") {
      const open = toks.slice(0, start).map((t) => t.text).lastIndexOf("(");
      if (open >= 0) start = open;
    }
    const bracketed = start;
    // "Mark Tebbs from Thurrock CVS will attend": step back over where they are from.
    let k = start;
    while (k > 0 && isNameToken(toks, k - 1)) k--;
    if (k < start && ["from", "of", "at"].includes(toks[k - 1]?.low ?? "") && isNameToken(toks, k - 2)) start = k - 1;
    while (start > 0 && isNameToken(toks, start - 1)) start--;
    let name: string | undefined;
    let organisation: string | undefined;
    if (start < bracketed) {
      const read = readNames(text, toks, start);
      name = read.names[0];
      organisation = read.organisation;
    } else if (
      start === verb &&
      !/^to\b/i.test(m[0]) &&
      isWord(toks[verb - 1]) &&
      !NOT_DEPUTIES.has(toks[verb - 1]?.low ?? "") &&
      !isWord(toks[verb - 2])
    ) {
      // Typed in lower case at the start of a clause: "cheryl will deputise".
      start = verb - 1;
      name = toks[start]?.text;
    }
    if (name === undefined) continue;
    let from = toks[start]?.start ?? 0;
    const lead = text.slice(0, from).match(/\b(?:my|our)\s+(?:deputy|colleague|substitute|sub)\s*$/i);
    if (lead) from -= lead[0].length;
    const offer = text.slice(0, from).match(OFFER_LEAD);
    if (offer) from -= offer[0].length;
    const after = (m.index ?? 0) + m[0].length;
    const rest = text.slice(after);
    const end = after + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    organisation ??= deputyOrganisation(text.slice(after, end), m[0]);
    return { name, ...(organisation !== undefined ? { organisation } : {}), span: { from, to: end } };
  }
  for (const m of text.matchAll(DEPUTY_NAMED_AFTER)) {
    const at = toks.findIndex((t) => t.start >= (m.index ?? 0) + m[0].length);
    const read = readNames(text, toks, at);
    const name = read.names[0];
    if (name === undefined) continue;
    const after = toks[read.next - 1]?.end ?? 0;
    const rest = text.slice(after);
    const end = after + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    return { name, ...orgOf(read), span: { from: m.index ?? 0, to: end } };
  }
  for (const m of text.matchAll(DEPUTY_IF)) {
    const at = toks.findIndex((t) => t.start >= (m.index ?? 0) + m[0].length);
    const read = readNames(text, toks, at);
    const name = read.names[0];
    if (name === undefined || !CAME.has(toks[read.next]?.low ?? "")) continue;
    const after = toks[read.next]?.end ?? 0;
    const rest = text.slice(after);
    const end = after + (CLAUSE_END.exec(rest)?.index ?? rest.length);
    return { name, ...orgOf(read), span: { from: m.index ?? 0, to: end } };
  }
  return undefined;
}

/** "will attend for Probation", "will represent Essex Police", "on behalf of ECFRS"; not "for me", "represent us". */
function deputyOrganisation(rest: string, verb: string): string | undefined {
  const m = /^\s+(?:(?:for|on behalf of)\s+(?:the\s+)?)?((?:\p{Lu}[\p{L}&'-]*)(?:\s+(?:and|of|&|\p{Lu}[\p{L}&'-]*))*)/u.exec(rest);
  const org = m?.[1]?.replace(/\s+(?:and|of|&)$/, "");
  if (!org || !/\bfor\b|behalf|represent/i.test((m?.[0] ?? "") + verb)) return undefined;
  return org.split(/\s+/).some((w) => WEEKDAYS.has(w.toLowerCase()) || MONTHS.has(w.toLowerCase())) ? undefined : org;
}
