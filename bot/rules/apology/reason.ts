// Why: the clause that explains, once the apology, the deputy and pleasantries are taken out.
import { isDateWord, isMeetingWord, words } from "./words";
import { Span, isCapital, isWord, tokenise } from "./tidy";
import { isOrganisation } from "./names";

const MAX_REASON = 300;

// Where a reason starts: "due to annual leave", "because I'm in court", "as I'm on leave".
const REASON_SPLIT =
  /\u0000+|[.;!?]+(?=\s|$)|,|:\s|\s-+\s|^-+\s|\s-+$|\(|\)|\s(?:due to|owing to|because of|because|as a result of|on account of|since)\s|\sas\s(?=(?:i|i'm|i've|i'll|i'd|we|we're|we've|he|she|they|my|our|there|it|it's)\b)|\sso\s(?!sorry|much|many|far|glad)/i;
const FILLER = words(
  "sorry so very really terribly apologies please thanks thank you many cheers ta regards kind best wishes hi hello hey dear good all everyone folks " +
    "team colleagues i i'm i'll i've i'd we unfortunately sadly afraid regret but and also just though however ever x xx ok okay again once for on the this that " +
    "at in it of me my to from until till",
);
const REQUEST = /^(?:could|can|would|will|please|kindly|let me know|any chance|is there|are there|do|does|did|who|what|when|where|how)\b/i;
const GREETING = /^(?:hi|hello|hey|dear|morning|good morning|afternoon|good afternoon|evening|good evening)\b/i;
const PREAMBLE = /^(?:just\s+)?(?:a\s+)?(?:quick\s+)?(?:heads[\s-]?up|fyi|note|one|to (?:let (?:you|everyone|you all) know|say|confirm|flag))\b/i;

/** The clause that explains: the first left once the apology, the deputy and pleasantries are taken out. */
export function findReason(text: string, spent: Span[], intent: Span): string | undefined {
  let masked = text;
  for (const s of spent) masked = masked.slice(0, s.from) + "\u0000".repeat(Math.max(0, s.to - s.from)) + masked.slice(s.to);
  // A question is asking for something ("can someone send me the papers?"), never a reason.
  masked = masked.replace(/[^.!?\u0000]*\?/g, (q) => "\u0000".repeat(q.length));
  const clauses: { text: string; at: number }[] = [];
  for (const piece of splitKeepingOffsets(masked, REASON_SPLIT)) {
    if (/^\s*(?:sorry|apologies)\s+(?:for|about|if)\b/i.test(piece.text)) continue; // "sorry for the short notice"
    const t = trimReason(piece.text);
    if (t && !dropped(t)) clauses.push({ text: t, at: piece.at });
  }
  const chosen = clauses.find((c) => c.at >= intent.to) ?? clauses.filter((c) => c.at < intent.from).pop();
  return chosen ? chosen.text.slice(0, MAX_REASON).trim() : undefined;
}

function splitKeepingOffsets(s: string, re: RegExp): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let rest = s;
  let offset = 0;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    const cut = m.index + Math.max(m[0].length, 1);
    out.push({ text: rest.slice(0, m.index), at: offset });
    offset += cut;
    rest = rest.slice(cut);
  }
  out.push({ text: rest, at: offset });
  return out;
}

function trimReason(piece: string): string {
  let t = piece.replace(/\u0000/g, " ").replace(/\s+/g, " ").trim();
  for (;;) {
    const before = t;
    t = t
      .replace(/^(?:due to|owing to|because of|because|as|since|but|and|so|unfortunately|sadly|i'm afraid|sorry|also|just|-)\s+/i, "")
      .replace(/\s+(?:sorry|thanks|thank you|apologies|unfortunately|sadly|i'm afraid|though|x+|so|and|but)$/i, "")
      .replace(/^["'\s]+|["'\s]+$/g, "");
    if (t === before) return t;
  }
}

function dropped(clause: string): boolean {
  if (GREETING.test(clause) || REQUEST.test(clause) || PREAMBLE.test(clause)) return true;
  const ws = tokenise(clause).filter(isWord);
  if (ws.length === 0) return true;
  if (ws.every((w) => FILLER.has(w.low) || isDateWord(w.low) || isMeetingWord(w.low) || /^\d{1,2}(st|nd|rd|th)$/.test(w.low))) return true;
  // A sign-off: "Thanks, Cheryl" (but "ANNUAL LEAVE" is shouted, not a name).
  return ws.length <= 2 && ws.every((w) => isCapital(w) && !isOrganisation(w.text) && w.text !== w.text.toUpperCase());
}
