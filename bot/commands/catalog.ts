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
  { usage: "cancel meeting <date>[, <title>]", description: "Call off a meeting to come: no reminders, no roll call, and the papers leave it out (manager, chair, vice-chair)." },
  { usage: "meetings", description: "Meetings to come.", button: { title: "Meetings", command: "meetings" } },
  { usage: "roll call", description: "Open the roll for today's meeting, with a live quorum status (chair, vice-chair or manager)." },
  { usage: "close roll call / reopen roll call", description: "Close today's roll (the quorum at that moment is stored for the minutes), or reopen it (chair, vice-chair or manager)." },
  { usage: "mark <name> present | absent | left | apologies", description: "Record someone's attendance on today's roll, as the card's Mark attendance does (chair, vice-chair or manager)." },
  { usage: "<deputy> is here for <name>", description: "Record a deputy present as substitute for a member (chair, vice-chair or manager)." },
  { usage: "add guest <name>, <organisation>", description: "Record an invitee or observer as in attendance; guests never count (chair, vice-chair or manager)." },
  { usage: "link meeting", description: "In a Teams meeting's chat: link it to the board's meeting that day, so the roll call follows the call (manager, chair, vice-chair)." },
  { usage: "sync attendance", description: "Ask Teams who of the members not yet recorded is in the call, and check them in (chair, vice-chair or manager)." },
  { usage: "Please send my apologies for Thursday, Michelle will deputise", description: "Apologies in your own words: for you, or (chair, manager) on someone's behalf. Confirmed on a card with Undo." },
  { usage: "apologies", description: "The apologies for the next meeting by category, and whether it can still be quorate (chair, manager)." },
  { usage: "action for @Name: <what> by <when>", description: "Raise an action (chair, manager), e.g. action for @Cheryl Wells: circulate the Prevent strategy by 20 June. Owners get it in their 1:1 chat." },
  { usage: "actions", description: "The action log: outstanding first, overdue marked, with filters.", button: { title: "Action log", command: "actions" } },
  { usage: "my actions", description: "Your own outstanding actions, to update." },
  { usage: "export actions", description: "The action log as a CSV file, in your 1:1 chat." },
  { usage: "agenda <ref> <title> [for sign-off]", description: "Add an item to the next meeting's agenda (manager, chair, vice-chair)." },
  {
    usage: "sign-off \"<title>\" [link] [by <date>] [votes: statutory partners | all members] [passes: majority | unanimous | at least N]",
    description: "Put a document to the board's vote (chair, manager). Who votes (by default statutory partners, one vote per organisation) and what passes (by default a majority of those who may vote; silence is not a vote) are two separate choices. 14 days unless you say.",
  },
  { usage: "sign-offs", description: "Open and recent sign-offs with their state.", button: { title: "Sign-offs", command: "sign-offs" } },
  { usage: "minutes [meeting]", description: "Draft minutes of a meeting as Word and Markdown: attendance, quorum, sign-offs, actions (manager, chair, vice-chair)." },
  { usage: "attendance register [last N]", description: "Who attended the last 12 (or N) meetings, with percentages, as CSV and Excel." },
  { usage: "attendance", description: "Attendance by organisation over the last 12 months, and the meetings that were not quorate." },
  { usage: "help", description: "This list." },
];
