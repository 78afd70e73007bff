import { z } from "zod";
import { CATEGORIES, ROLES } from "./domain/types";
import { CommandName, splitTo } from "./commands/parseCommand";
import { loadDemo } from "./handlers/demo/load";
import { showHelp } from "./handlers/help";
import { cancelMeeting } from "./handlers/meetingCancel";
import { addAgendaItem, meetingFormInput, scheduleFromForm, scheduleFromText, showMeetings } from "./handlers/meetings";
import { addMember, addMemberFromForm, addMemberInput, changeMember, changeMemberInput, removeMember } from "./handlers/members";
import { importRoster, showRoster } from "./handlers/roster";
import { openSetup, saveSetup, setupInput } from "./handlers/setup";
import { apologyFromCard, apologyFromText } from "./handlers/apologies/record";
import { listApologies } from "./handlers/apologies/list";
import { moveApology, undoApology } from "./handlers/apologies/change";
import { moveInput, recordInput, undoInput } from "./handlers/apologies/inputs";
import { editAction, openAction, updateAction } from "./handlers/actions/update";
import { editInput, openInput as openActionInput, pageInput, raiseInput, updateInput } from "./handlers/actions/inputs";
import { raiseAction, raiseFromForm } from "./handlers/actions/raise";
import { showLog } from "./handlers/actions/log";
import { exportActions, fileConsent, fileConsentInput } from "./handlers/actionExport";
import { castVote, listSignOffs, refreshSignOff } from "./handlers/signOffs/vote";
import { circulate } from "./handlers/signOffs/circulate";
import { circulateInput, createInput, refInput, voteInput } from "./handlers/signOffs/inputs";
import { startFromForm, startSignOff } from "./handlers/signOffs/start";
import { addGuest, markAttendance, refreshRollCall, setRollState } from "./handlers/rollCall/chair";
import { checkIn } from "./handlers/rollCall/checkIn";
import { guestInput, markInput, openInput, rollRefInput } from "./handlers/rollCall/inputs";
import { openRollCall } from "./handlers/rollCall/open";
import { minutesFromCard, minutesFromText, minutesInput } from "./handlers/papers/minutes";
import { showAttendance, showRegister } from "./handlers/papers/attendance";
import { linkFromCard, linkFromMeetingChat, linkInput } from "./handlers/teamsMeeting/link";
import { closeRollTyped, guestTyped, markTyped, reopenRollTyped, substituteTyped } from "./handlers/rollCall/typed";
import { meetingEventInput, onMeetingEvent } from "./handlers/teamsMeeting/events";
import { syncAttendance } from "./handlers/teamsMeeting/sync";
import { Outcome, say } from "./outcome";
import { Request } from "./request";

// The map from what arrives (a typed command, a card's verb) to the use case that handles it. Each
// route names its input schema and whether it changes records (those are claimed once per delivery).

export interface Route<I> {
  input: z.ZodType<I>;
  writes: boolean;
  run(req: Request, input: I): Promise<Outcome> | Outcome;
}

const route = <I>(r: Route<I>): Route<unknown> => r as Route<unknown>;
const noInput = z.object({}).passthrough();
const cardPartnership = z.object({ partnershipId: z.string().max(40).optional() });

/** Commands a help-card button may run as they are. */
const BUTTON_COMMANDS = ["help", "roster", "meetings", "setup", "actions", "sign-offs"] as const;

export const VERBS: Record<string, Route<unknown>> = {
  "command.run": route({
    input: z.object({ command: z.enum(BUTTON_COMMANDS), partnershipId: z.string().max(40).optional() }),
    writes: false,
    run: (req, { command, partnershipId }) => {
      if (command === "roster") return showRoster(req, partnershipId);
      if (command === "meetings") return showMeetings(req, undefined, partnershipId);
      if (command === "setup") return openSetup(req);
      if (command === "actions") return showLog(req, pageInput.parse({ partnershipId }));
      if (command === "sign-offs") return listSignOffs(req);
      return showHelp(req);
    },
  }),
  "setup.open": route({ input: noInput, writes: false, run: (req) => openSetup(req) }),
  "setup.save": route({ input: setupInput, writes: true, run: saveSetup }),
  "demo.load": route({ input: noInput, writes: true, run: loadDemo }),
  "roster.import": route({
    input: cardPartnership.extend({ csv: z.string().max(100_000, "That roster is too long: at most 100,000 characters.") }),
    writes: true,
    run: (req, { csv, partnershipId }) => importRoster(req, csv, partnershipId),
  }),
  "member.add": route({ input: addMemberInput, writes: true, run: addMemberFromForm }),
  "member.update": route({
    input: changeMemberInput,
    writes: true,
    run: (req, i) =>
      changeMember(req, { memberId: i.memberId }, { category: i.editCategory, role: i.editRole }, i.partnershipId),
  }),
  "member.remove": route({
    input: cardPartnership.extend({ memberId: z.string().max(64) }),
    writes: true,
    run: (req, i) => removeMember(req, { memberId: i.memberId }, i.partnershipId),
  }),
  "meeting.create": route({ input: meetingFormInput, writes: true, run: scheduleFromForm }),
  "meeting.link": route({ input: linkInput, writes: true, run: linkFromCard }),
  "roll.open": route({ input: openInput, writes: true, run: openRollCall }),
  // Check-ins are idempotent by key (one row per person), so the hot path spends no round trip on a claim.
  "roll.checkin": route({ input: rollRefInput, writes: false, run: checkIn }),
  "roll.mark": route({ input: markInput, writes: true, run: markAttendance }),
  "roll.guest": route({ input: guestInput, writes: true, run: addGuest }),
  "roll.close": route({ input: rollRefInput, writes: true, run: (req, i) => setRollState(req, i, "closed") }),
  "roll.reopen": route({ input: rollRefInput, writes: true, run: (req, i) => setRollState(req, i, "open") }),
  "roll.refresh": route({ input: rollRefInput, writes: false, run: refreshRollCall }),
  "apology.record": route({ input: recordInput, writes: true, run: apologyFromCard }),
  "apology.undo": route({ input: undoInput, writes: true, run: undoApology }),
  "apology.move": route({ input: moveInput, writes: true, run: moveApology }),
  "action.raise": route({ input: raiseInput, writes: true, run: raiseFromForm }),
  // An update carries its activity id into the action's history, so a redelivery is recognised there
  // and the hot path spends no round trips on a delivery claim.
  "action.update": route({ input: updateInput, writes: false, run: updateAction }),
  "action.edit": route({ input: editInput, writes: true, run: editAction }),
  "action.open": route({ input: openActionInput, writes: false, run: openAction }),
  "actions.page": route({ input: pageInput, writes: false, run: showLog }),
  // Votes are idempotent by key (one row per organisation), so the hot path spends no round trip on a claim.
  "signoff.vote": route({ input: voteInput, writes: false, run: castVote }),
  "signoff.refresh": route({ input: refInput, writes: false, run: refreshSignOff }),
  "signoff.circulate": route({ input: circulateInput, writes: true, run: circulate }),
  "signoff.create": route({ input: createInput, writes: true, run: startFromForm }),
  "papers.minutes": route({ input: minutesInput, writes: false, run: minutesFromCard }),
};

/** A Teams meeting's start, end, joins and leaves, already read by the edge. */
export const MEETING_EVENT: Route<unknown> = route({ input: meetingEventInput, writes: true, run: onMeetingEvent });

/** Teams' answer to a file offer (the action log export, the board's papers). */

export const FILE_CONSENT: Route<unknown> = route({ input: fileConsentInput, writes: true, run: fileConsent });

const words = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, "-");
const roleWord = z.preprocess((v) => String(v).replace(/^vicechair$/, "vice-chair"), z.enum(ROLES, `The role must be one of ${ROLES.join(", ")}.`));
const categoryWord = z.preprocess(
  (v) => String(v).replace(/^nonstatutory$/, "non-statutory").replace(/^exofficio$/, "ex-officio").replace(/^coopted$/, "co-opted"),
  z.enum(CATEGORIES, `The category must be one of ${CATEGORIES.join(", ")}.`),
);

function setField(field: "role" | "category") {
  return async (req: Request, rest: string): Promise<Outcome> => {
    const parts = splitTo(rest);
    if (!parts) return say(`Say it as: set ${field} <name or email> to <${field}>.`);
    const schema = field === "role" ? roleWord : categoryWord;
    const value = schema.safeParse(words(parts.value));
    if (!value.success) return say(value.error.issues[0]?.message ?? `That ${field} isn't one I know.`);
    return changeMember(req, parts.who, { [field]: value.data });
  };
}

const text = z.string();

/** "Michelle Fraser is here for Stephen Taylor": the chair recording a deputy, typed. */
export const SUBSTITUTE_TEXT: Route<unknown> = route({ input: text, writes: true, run: substituteTyped });

/** Free text that reads as apologies ("Please send my apologies for Thursday"). */
export const APOLOGY_TEXT: Route<unknown> = route({ input: text, writes: true, run: apologyFromText });

export const COMMANDS: Record<CommandName, Route<unknown>> = {
  help: route({ input: text, writes: false, run: (req) => showHelp(req) }),
  setup: route({ input: text, writes: true, run: (req, rest) => openSetup(req, rest.trim() || undefined) }),
  roster: route({ input: text, writes: false, run: (req) => showRoster(req) }),
  "import roster": route({ input: text, writes: true, run: importRoster }),
  "add member": route({ input: text, writes: true, run: addMember }),
  "set role": route({ input: text, writes: true, run: setField("role") }),
  "set category": route({ input: text, writes: true, run: setField("category") }),
  "remove member": route({ input: text, writes: true, run: removeMember }),
  meeting: route({ input: text, writes: true, run: scheduleFromText }),
  meetings: route({ input: text, writes: false, run: (req) => showMeetings(req) }),
  "cancel meeting": route({ input: text, writes: true, run: cancelMeeting }),
  demo: route({ input: text, writes: true, run: loadDemo }),
  "roll call": route({ input: text, writes: true, run: (req) => openRollCall(req) }),
  apologies: route({ input: text, writes: false, run: (req) => listApologies(req) }),
  action: route({ input: text, writes: true, run: raiseAction }),
  actions: route({ input: text, writes: false, run: (req) => showLog(req, pageInput.parse({})) }),
  "my actions": route({ input: text, writes: false, run: (req) => showLog(req, pageInput.parse({ mine: true })) }),
  "sign-off": route({ input: text, writes: true, run: startSignOff }),
  "sign-offs": route({ input: text, writes: false, run: (req) => listSignOffs(req) }),
  agenda: route({ input: text, writes: true, run: addAgendaItem }),
  "export actions": route({ input: text, writes: false, run: (req) => exportActions(req) }),
  minutes: route({ input: text, writes: false, run: minutesFromText }),
  "attendance register": route({ input: text, writes: false, run: showRegister }),
  attendance: route({ input: text, writes: false, run: (req) => showAttendance(req) }),
  "link meeting": route({ input: text, writes: true, run: linkFromMeetingChat }),
  "sync attendance": route({ input: text, writes: true, run: (req) => syncAttendance(req) }),
  "close roll call": route({ input: text, writes: true, run: (req) => closeRollTyped(req) }),
  "reopen roll call": route({ input: text, writes: true, run: (req) => reopenRollTyped(req) }),
  mark: route({ input: text, writes: true, run: markTyped }),
  "add guest": route({ input: text, writes: true, run: guestTyped }),
};
