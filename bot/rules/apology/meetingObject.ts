// What follows "can't make" or "apologies for", read as a meeting or not.
import { isDateWord, isMeetingWord, words } from "./words";
import { Tok, isCapital, isWord } from "./tidy";

const DETERMINERS = words("the this that these tomorrow's today's our your a an any next");
// After an absence verb these may follow straight away: "can't make it on Thursday", "can't attend, sorry".
const FREE_AFTER = words(
  "it on in for at either as due because so sorry unfortunately now after this today tomorrow tonight next until till i'm i " +
    "but and anymore then please in-person person physically remotely either now",
);

/**
 * Reads what follows "can't make" or "apologies for" as a meeting: "the board", "Thursday's CSP board",
 * "the 21st", "it". Undefined when it is something else ("sense of item 4", "the late reply").
 * `to` is where the meeting words end, if any were read.
 */
export function meetingObject(toks: Tok[], i: number, afterVerb: boolean): { to?: number } | undefined {
  const t = toks[i];
  if (t === undefined || !isWord(t)) return afterVerb || t === undefined ? {} : undefined;
  if (t.low === "it") {
    return ["work", "happen", "clear", "up", "easier", "better"].includes(toks[i + 1]?.low ?? "") ? undefined : { to: t.end };
  }
  if (afterVerb && t.low === "to") return undefined; // "attend to that"
  const lead = DETERMINERS.has(t.low) && !isDateWord(t.low) ? toks[i + 1] : t;
  const leadAt = lead === t ? i : i + 1;
  if (lead !== undefined && isWord(lead) && (isDateWord(lead.low) || isMeetingWord(lead.low) || /^\d{1,2}(st|nd|rd|th)$/.test(lead.low) || isCapital(lead))) {
    // Read on over the meeting's words ("Thursday's CSP board", "the March meeting") and stop at the last.
    // Capitals alone are a name or an organisation ("for Margaret Allen"), not a meeting.
    let to: number | undefined;
    for (let j = leadAt; j < leadAt + 5; j++) {
      const w = toks[j];
      if (w === undefined || !isWord(w) || !(isDateWord(w.low) || isMeetingWord(w.low) || isCapital(w) || /^\d{1,2}(st|nd|rd|th)$/.test(w.low))) break;
      if (isDateWord(w.low) || isMeetingWord(w.low) || /^\d/.test(w.low)) to = w.end;
    }
    return to === undefined ? undefined : { to };
  }
  if (afterVerb && lead === t && FREE_AFTER.has(t.low)) return {};
  return undefined;
}
