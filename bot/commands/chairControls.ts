// The roll-call card's chair controls, as typed: for clients that show no per-person card (Teams
// mobile, the Agents Playground) and for keyboard users. Parsing only; the roll call's own handlers
// record them, so typed and pressed give the same records.

export type TypedMark = "present" | "absent" | "left" | "apologies";

const MARK_WORDS: Record<string, TypedMark> = {
  present: "present",
  here: "present",
  in: "present",
  absent: "absent",
  left: "left",
  gone: "left",
  apologies: "apologies",
  apology: "apologies",
};

/** `mark <name> present|absent|left|apologies` (after the command word). */
export function parseMark(rest: string): { who: string; status: TypedMark } | undefined {
  const match = /^(.+?)\s+(?:as\s+)?(present|here|in|absent|left|gone|apologies|apology)[.!]?$/i.exec(rest.trim());
  if (!match) return undefined;
  const who = match[1]!.trim().replace(/^@/, "");
  const status = MARK_WORDS[match[2]!.toLowerCase()];
  return who && status ? { who, status } : undefined;
}

/** `add guest <name>, <organisation>`; the organisation may also come in brackets or after "from". */
export function parseGuest(rest: string): { name: string; organisation?: string } | undefined {
  const text = rest.trim().replace(/[.]$/, "");
  if (!text) return undefined;
  const bracket = /^(.+?)\s*\(([^)]*)\)$/.exec(text);
  const comma = /^([^,]+),\s*(.+)$/.exec(text);
  const from = /^(.+?)\s+(?:from|of)\s+(.+)$/i.exec(text);
  const parts = bracket ?? comma ?? from;
  if (!parts) return { name: text };
  const organisation = parts[2]!.trim();
  return { name: parts[1]!.trim(), ...(organisation ? { organisation } : {}) };
}

const SUBSTITUTE_LINE = /^(.+?)\s+is\s+here\s+(?:for|on behalf of|instead of|representing|deputising for|standing in for)\s+(.+?)[.!]?$/i;

/** `<deputy> is here for <name>`: a deputy attending in a member's place. */
export function parseSubstituteLine(text: string): { deputy: string; member: string } | undefined {
  const match = SUBSTITUTE_LINE.exec(text.trim());
  if (!match) return undefined;
  const deputy = match[1]!.trim().replace(/^@/, "");
  const member = match[2]!.trim().replace(/^@/, "");
  // "I am here for the board" is not a deputy's line; a deputy's name is a few words.
  if (!deputy || !member || /^(i|we|i'm|im)$/i.test(deputy) || deputy.split(/\s+/).length > 5) return undefined;
  return { deputy, member };
}
