import { z } from "zod";

// Typed commands: the first words name the command, the rest is its argument.

export const COMMAND_NAMES = [
  "import roster",
  "add member",
  "remove member",
  "set role",
  "set category",
  "setup",
  "roster",
  "meetings",
  "cancel meeting",
  "meeting",
  "help",
  "demo",
  "roll call",
  "apologies",
  "action",
  "actions",
  "my actions",
  "export actions",
  "sign-off",
  "sign-offs",
  "agenda",
  "minutes",
  "attendance",
  "attendance register",
  "link meeting",
  "sync attendance",
  "close roll call",
  "reopen roll call",
  "mark",
  "add guest",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface ParsedCommand {
  name: CommandName;
  /** Everything after the command words, as typed (line breaks kept for pasted CSV). */
  rest: string;
}

const ALIASES: Record<string, CommandName> = {
  "set up": "setup",
  "import": "import roster",
  "roster import": "import roster",
  "schedule meeting": "meeting",
  "schedule": "meeting",
  "cancel the meeting": "cancel meeting",
  "members": "roster",
  "?": "help",
  "rollcall": "roll call",
  "call the roll": "roll call",
  "call roll": "roll call",
  "action log": "actions",
  "signoff": "sign-off",
  "sign off": "sign-off",
  "signoffs": "sign-offs",
  "sign offs": "sign-offs",
  "export action log": "export actions",
  "draft minutes": "minutes",
  "register": "attendance register",
  "attendance by organisation": "attendance",
  "link this meeting": "link meeting",
  "link teams meeting": "link meeting",
  "sync": "sync attendance",
  "close roll": "close roll call",
  "close the roll": "close roll call",
  "reopen roll": "reopen roll call",
  "reopen the roll": "reopen roll call",
  "add a guest": "add guest",
};

/** Longest names first, so "meeting" never swallows "meetings" and "import" never swallows "import roster". */
const VOCABULARY = [...COMMAND_NAMES, ...Object.keys(ALIASES)].sort((a, b) => b.length - a.length);

const MAX_TEXT = 100_000;
export const commandTextSchema = z.string().max(MAX_TEXT, "That message is too long for me to read.");

export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trimStart();
  const lower = trimmed.toLowerCase();
  for (const word of VOCABULARY) {
    if (!lower.startsWith(word)) continue;
    const next = lower.charAt(word.length);
    if (next !== "" && !/[\s:,]/.test(next)) continue;
    const name = (ALIASES[word] ?? word) as CommandName;
    const rest = trimmed.slice(word.length).replace(/^[\s:,]+/, "");
    return { name, rest };
  }
  return undefined;
}

/** "<who> to <value>", as in `set role Jenny Barnett to chair`. */
export function splitTo(rest: string): { who: string; value: string } | undefined {
  const match = /^(.+?)\s+(?:to|as|=)\s+(.+)$/i.exec(rest.trim());
  return match ? { who: match[1]!.trim(), value: match[2]!.trim() } : undefined;
}
