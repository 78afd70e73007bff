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
  description: "Paste the membership as CSV: name, title, organisation, category, role, email",
};
const addMember: BotCommand = {
  title: "add member",
  description: "Add one member: name, title, organisation, category, role, email",
};
const meeting: BotCommand = {
  title: "meeting",
  description: "Schedule a meeting, e.g. meeting 21 March 2pm to 4:30pm, Board meeting, Civic Offices",
};
const meetings: BotCommand = { title: "meetings", description: "List the board's meetings to come" };
const rollCall: BotCommand = {
  title: "roll call",
  description: "Open the roll call for today's meeting, with a live quorum status",
};

const apologies: BotCommand = {
  title: "apologies",
  description: "Apologies for the next meeting, and whether it can still be quorate (chair, manager)",
};

const actions: BotCommand = { title: "actions", description: "The action log: outstanding first, overdue marked" };
const myActions: BotCommand = { title: "my actions", description: "Your own outstanding actions, to update" };
const exportActions: BotCommand = { title: "export actions", description: "The action log as a CSV file, in your 1:1 chat" };

const signOff: BotCommand = { title: "sign-off", description: "Put a document to the board's vote, e.g. sign-off \"Annual report 2023/24\" by 8 April" };
const signOffs: BotCommand = { title: "sign-offs", description: "Open and recent sign-offs with their state" };

// Only commands the bot understands today: each feature adds its own as it lands.

/** One-to-one chat with the bot: what a member wants to check. */
export const PERSONAL_COMMANDS: BotCommand[] = [help, roster, meetings, apologies, myActions, actions, exportActions, signOffs];

/** The board's channel or group chat: running the board. */
export const GROUP_COMMANDS: BotCommand[] = [help, setup, roster, meeting, meetings, rollCall, apologies, actions, signOff, signOffs];
