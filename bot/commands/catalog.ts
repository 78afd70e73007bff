// The commands people can type, for `help` and the unknown-command pointer. Later features add theirs.

export interface CommandHelp {
  usage: string;
  description: string;
  /** Offered as a button on the help card when it runs without further words. */
  button?: { title: string; command: string };
}

export const COMMANDS: CommandHelp[] = [
  { usage: "setup", description: "Bind this channel to the board: name, time zone, quorum rule (partnership manager).", button: { title: "Setup", command: "setup" } },
  { usage: "roster", description: "Members by category with roles, and what the quorum rule needs.", button: { title: "Roster", command: "roster" } },
  { usage: "import roster <CSV>", description: "Replace the roster from pasted CSV: name, title, organisation, category, role, email (manager)." },
  { usage: "add member <name, title, organisation, category, role, email>", description: "Add one member (manager)." },
  { usage: "set role <name or email> to <role>", description: "Make someone chair, vice-chair, manager or member (manager)." },
  { usage: "set category <name or email> to <category>", description: "Statutory, non-statutory, ex-officio or co-opted (manager)." },
  { usage: "remove member <name or email>", description: "Mark someone a former member; their history stays (manager)." },
  { usage: "meeting <when>, <title>, <where>", description: "Schedule a meeting, e.g. meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices." },
  { usage: "meetings", description: "Meetings to come.", button: { title: "Meetings", command: "meetings" } },
  { usage: "roll call", description: "Open the roll for today's meeting, with a live quorum status (chair, vice-chair or manager)." },
  { usage: "help", description: "This list." },
];
