// The commands Teams suggests when someone types in the compose box. Teams shows at most 10 per list
// (newer schemas allow 12, but older clients and the store checks still expect 10), titles of at most
// 32 characters and descriptions of at most 128, so each scope gets the ten that matter most there.

export interface BotCommand {
  title: string;
  description: string;
}

const help: BotCommand = { title: "help", description: "What Quorate can do and how to ask for it" };
const setup: BotCommand = {
  title: "setup",
  description: "Bind this channel to a partnership board: name, time zone and quorum rule",
};
const roster: BotCommand = { title: "roster", description: "Show the board's members by organisation and category" };
const importRoster: BotCommand = {
  title: "import roster",
  description: "Import or update the membership from an attached CSV file",
};
const meeting: BotCommand = {
  title: "meeting",
  description: "Schedule a board meeting, e.g. meeting Thursday 10am Quarterly board",
};
const meetings: BotCommand = { title: "meetings", description: "List upcoming board meetings" };
const rollCall: BotCommand = {
  title: "roll call",
  description: "Open the roll call for the current meeting and track quorum live",
};
const apologies: BotCommand = { title: "apologies", description: "Send or view apologies for a meeting" };
const actions: BotCommand = { title: "actions", description: "Open actions from board meetings, with owners and due dates" };
const myActions: BotCommand = { title: "my actions", description: "Actions assigned to you across your boards" };
const signOff: BotCommand = {
  title: "sign-off",
  description: "Request sign-off of a paper or the minutes from voting members",
};
const signOffs: BotCommand = { title: "sign-offs", description: "Sign-offs waiting for you or still open" };

/** One-to-one chat with the bot: what a member wants to check about themselves. */
export const PERSONAL_COMMANDS: BotCommand[] = [help, roster, meetings, apologies, myActions, actions, signOffs];

/** The board's channel or group chat: running the board. `add member` and `my actions` are left out
 * to stay within ten. */
export const GROUP_COMMANDS: BotCommand[] = [
  help,
  setup,
  roster,
  importRoster,
  meeting,
  meetings,
  rollCall,
  actions,
  signOff,
  apologies,
];
