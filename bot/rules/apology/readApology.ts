// Reads an apology for absence typed in plain chat: "Apologies for Thursday – in court. Cheryl will deputise."
// Three steps: tidy the text; find the apology (or "can't make it") and check that it is about a meeting
// rather than a late reply or a typo; then read the slots around it: whose, which meeting, why, and who
// goes instead. Dates go through chrono (en.GB) with "now" as the wall clock reads in the partnership's
// zone, as in meetingText, so "Thursday" is the partnership's Thursday.
import { isValidTimeZone } from "../zonedTime";
import { MeetingRef, findMeeting } from "./meetingRef";
import { tidy, tokenise } from "./tidy";
import { findIntent } from "./intent";
import { findDeputy } from "./deputy";
import { bracketOrganisation } from "./names";
import { findReason } from "./reason";

export interface ApologyReading {
  /** Names typed when sent on someone's behalf ("apologies from Mark Eaglestone and Russ Freeman"); empty = the sender themselves. */
  onBehalfOf: string[];
  /** An organisation named in brackets or after "for"/"from" ("(ECFRS)", "for Probation"), as typed. */
  organisation?: string;
  meeting: MeetingRef;
  reason?: string;
  /** "X will attend / deputise / represent us / go instead / is attending in my place / will sit in for me" */
  deputy?: string;
}

// An apology is a line or two. Only the start of a longer paste is read, which keeps the rules' work
// (some of it quadratic in the length) small for any message the turn hands over.
const MAX_TEXT = 2000;

/** Undefined when the text is not an apology for absence. Throws RangeError for a zone that isn't IANA. */
export function readApology(text: string, opts: { timeZone: string; now: Date }): ApologyReading | undefined {
  if (!isValidTimeZone(opts.timeZone)) throw new RangeError(`Not an IANA time zone: ${opts.timeZone}`);
  const clean = tidy(text.slice(0, MAX_TEXT));
  const toks = tokenise(clean);
  const intent = findIntent(clean, toks);
  if (!intent) return undefined;
  const deputy = findDeputy(clean, toks);
  const bracket = intent.organisation === undefined ? bracketOrganisation(clean, toks) : undefined;
  const organisation = intent.organisation ?? bracket?.organisation ?? deputy?.organisation;
  const spent = [intent.span, ...(deputy ? [deputy.span] : []), ...(bracket ? [bracket.span] : [])];
  const reason = findReason(clean, spent, intent.span);
  return {
    onBehalfOf: intent.names,
    ...(organisation !== undefined ? { organisation } : {}),
    meeting: findMeeting(clean, opts.timeZone, opts.now),
    ...(reason !== undefined ? { reason } : {}),
    ...(deputy?.name !== undefined ? { deputy: deputy.name } : {}),
  };
}
