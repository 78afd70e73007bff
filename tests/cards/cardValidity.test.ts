import { readdirSync } from "node:fs";
import path from "node:path";
import { actionCard, ActionCardData, actionLogCard, ActionLogCardData } from "../../cards/actionCard";
import { apologyCard, ApologyCardData } from "../../cards/apologyCard";
import { choiceCard } from "../../cards/choiceCard";
import { helpCard } from "../../cards/helpCard";
import { meetingCard, MeetingCardData, meetingsCard } from "../../cards/meetingCard";
import { noticeCard } from "../../cards/noticeCard";
import { AdaptiveCard } from "../../cards/render";
import { papersCard } from "../../cards/papersCard";
import { rollCallCard, RollCallCardData } from "../../cards/rollCallCard";
import { rosterCard, RosterCardData } from "../../cards/rosterCard";
import { setupCard, SetupCardData } from "../../cards/setupCard";
import { signOffCard, SignOffCardData, signOffListCard } from "../../cards/signOffCard";
import { welcomeCard } from "../../cards/welcomeCard";
import { Member } from "../../bot/domain/types";
import { cardProblems, repeatedInputIds } from "../support/cardValidity";

// Every template in cards/templates/, filled from typed data through the real card builders (several
// members, chair and member views, forms with choices, empty lists), read as Microsoft's renderer reads
// it: any validation event fails. Cards captured from real flows are checked in tests/bot/cardsSent.test.ts.

const P = "p0123456789abcdef0123";
const member = (name: string, organisation: string, category: Member["category"], role: Member["role"] = "member", status: Member["status"] = "active"): Member => ({
  id: `m${name.toLowerCase().replace(/[^a-z]/g, "").padEnd(20, "0").slice(0, 20)}`,
  name,
  title: "",
  organisation,
  category,
  role,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org`,
  status,
  updatedAt: "2024-03-01T09:00:00.000Z",
});
const MEMBERS: Member[] = [
  member("Jenny Barnett", "Essex Police", "statutory", "chair"),
  member("Michael Dineen", "Thurrock Council", "statutory", "vice-chair"),
  member("Michelle Fraser", "The Probation Service", "statutory"),
  member("Mark Eaglestone", "Essex County Fire and Rescue Service", "statutory"),
  member("Howard Oldstein", "Savills", "non-statutory"),
  member("Michelle Cunningham", "Thurrock Council", "ex-officio", "manager"),
  member("Kate Taylor", "Essex Police", "co-opted", "member", "former"),
];
const choices = (ms: Member[]) => ms.filter((m) => m.status === "active").map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id }));
const MEETINGS = [
  { title: "Board meeting, Thursday 21 March 2024, 2pm", value: "mt2024032114000000de0000" },
  { title: "Board meeting, Thursday 20 June 2024, 2pm", value: "mt2024062014000000de0000" },
];

const roster = (over: Partial<RosterCardData>): RosterCardData => ({
  partnershipId: P,
  partnershipName: "Thurrock CSP",
  members: MEMBERS,
  statutoryMembers: 4,
  statutoryOrganisations: 4,
  quorumText: "4 of 4 statutory organisations",
  canManage: true,
  ...over,
});
const action = (over: Partial<ActionCardData>): ActionCardData => ({
  partnershipId: P,
  ref: "A-2024-017",
  text: "Circulate the draft strategic assessment to all partners",
  status: "in-progress",
  statusText: "In progress",
  ownerText: "Cheryl Wells, Kate Taylor (Police)",
  dueText: "20 June 2024",
  overdue: false,
  raisedText: "Board meeting, 21 March 2024, item 6.2",
  latest: "In progress: drafted (Cheryl Wells, 4 June 2024)",
  earlier: 2,
  ownerIds: [MEMBERS[1]!.id],
  outsideOwners: "Kate Taylor (Police)",
  dueDate: "2024-06-20",
  dueNextMeeting: false,
  memberChoices: choices(MEMBERS),
  ...over,
});
const item = { ref: "A-2024-017", statusText: "Open", dueText: "20 June 2024", overdue: true, text: "Circulate the draft", ownerText: "Cheryl Wells", latest: "Open" };
const log = (over: Partial<ActionLogCardData>): ActionLogCardData => ({
  partnershipId: P,
  title: "Action log",
  summary: "3 outstanding, 1 overdue",
  empty: "No actions yet.",
  items: [item, { ...item, ref: "A-2024-018", overdue: false, latest: undefined }],
  page: 2,
  pages: 3,
  owner: "",
  status: "",
  mine: false,
  ownerChoices: choices(MEMBERS),
  canRaise: true,
  memberChoices: choices(MEMBERS),
  ...over,
});
const apology = (over: Partial<ApologyCardData>): ApologyCardData => ({
  partnershipId: P,
  meetingId: MEETINGS[0]!.value,
  memberIds: [MEMBERS[3]!.id],
  board: "Thurrock CSP",
  who: "Mark Eaglestone (Essex County Fire and Rescue Service)",
  meeting: "Board meeting, 21 March 2024",
  reason: "operational incident",
  deputy: "Russ Freeman",
  active: true,
  meetingChoices: MEETINGS,
  ...over,
});
const meeting = (over: Partial<MeetingCardData>): MeetingCardData => ({
  partnershipId: P,
  meetingId: MEETINGS[0]!.value,
  partnershipName: "Thurrock CSP",
  title: "Board meeting",
  when: "Thursday 21 March 2024, 2pm to 4:30pm",
  where: "Civic Offices, Grays",
  state: "Scheduled",
  agenda: [{ ref: "6.2", title: "Strategic assessment", forSignOff: true }, { ref: "7", title: "Any other business", forSignOff: false }],
  meetingChoices: MEETINGS,
  heading: "Apologies are due by Tuesday",
  ...over,
});
const rows = [{ name: "Jenny Barnett", organisation: "Essex Police", status: "Present (2:05pm)" }, { name: "Mark Eaglestone", organisation: "ECFRS", status: "Apologies" }];
const roll = (over: Partial<RollCallCardData>): RollCallCardData => ({
  partnershipId: P,
  meetingId: MEETINGS[0]!.value,
  meetingTitle: "Board meeting",
  when: "Thursday 21 March 2024, 2pm",
  where: "Civic Offices",
  open: true,
  stateText: "Roll call open",
  quorate: false,
  headline: "Not quorate: 3 of 6 statutory partners present, 4 needed.",
  missingText: "Not represented: Essex County Fire and Rescue Service, Mid and South Essex ICB.",
  groups: [{ title: "Statutory", rows }, { title: "Co-opted", rows: [] }],
  viewerText: "You: Present (2:05pm)",
  chair: true,
  memberChoices: choices(MEMBERS),
  refreshUserIds: ["29:user-1", "29:user-2"],
  ...over,
});
const setup = (over: Partial<SetupCardData>): SetupCardData => ({
  bound: true,
  canEdit: true,
  partnershipId: P,
  name: "Thurrock CSP",
  timeZone: "Europe/London",
  timeZones: ["Europe/London", "Europe/Dublin"],
  quorumCount: "organisations",
  quorumCategories: ["statutory"],
  quorumRequired: "4",
  deputiesCount: true,
  ruleText: "4 statutory organisations represented",
  requirement: "4 of 6",
  ...over,
});
const signOff = (over: Partial<SignOffCardData>): SignOffCardData => ({
  partnershipId: P,
  signOffId: "s0123456789abcdef0123",
  title: "Annual report 2023/24",
  link: "https://thurrock.example.org/csp/annual-report.pdf",
  open: true,
  stateText: "Open: 2 more approvals needed",
  tone: "open",
  votersText: "Statutory partners, one vote per organisation",
  passText: "A majority of the organisations who may vote approves (4 of 6); silence is not a vote",
  deadlineText: "8 April 2024",
  tallyText: "2 approve, 1 reject",
  rows: [{ voter: "Essex Police", vote: "Approve", pending: false }, { voter: "ECFRS", vote: "Yet to vote", pending: true }],
  viewerText: "Your organisation voted Approve",
  refreshUserIds: ["29:user-1"],
  ...over,
});

/** Each template, with the builder calls that fill it. */
const CASES: Record<string, [string, () => AdaptiveCard][]> = {
  "action.json": [
    ["with owners, history and the edit form", () => actionCard(action({}))],
    ["overdue, no update yet, an owner outside the roster only", () => actionCard(action({ overdue: true, latest: undefined, earlier: 0, ownerIds: [], status: "open", statusText: "Open" }))],
    ["done, due at the next meeting", () => actionCard(action({ status: "done", statusText: "Done", dueNextMeeting: true, dueDate: "" }))],
    ["a board with no one to choose", () => actionCard(action({ memberChoices: [], ownerIds: [] }))],
  ],
  "actionLog.json": [
    ["the chair's log, filtered, with the raise form", () => actionLogCard(log({ owner: MEMBERS[1]!.id, status: "open" }))],
    ["the default view", () => actionLogCard(log({ canRaise: false }))],
    ["my actions", () => actionLogCard(log({ mine: true, page: 1, pages: 1 }))],
    ["empty, on a board with no members to choose", () => actionLogCard(log({ items: [], page: 1, pages: 0, ownerChoices: [], memberChoices: [] }))],
    ["a reminder's copy (no choices at all)", () => actionLogCard(log({ mine: true, ownerChoices: [], memberChoices: undefined, canRaise: undefined }))],
  ],
  "apology.json": [
    ["recorded, with a deputy", () => apologyCard(apology({}))],
    ["withdrawn, no reason", () => apologyCard(apology({ active: false, reason: undefined, deputy: undefined, note: "Undone by Michelle Cunningham" }))],
    ["several people, one meeting to choose", () => apologyCard(apology({ memberIds: [MEMBERS[3]!.id, MEMBERS[2]!.id], meetingChoices: MEETINGS.slice(0, 1) }))],
  ],
  "choice.json": [
    ["which meeting", () => choiceCard({ title: "Which meeting?", lines: ["There is no meeting on the 22nd."], buttons: MEETINGS.map((m) => ({ title: m.title, verb: "apology.move", data: { meetingId: m.value } })) })],
    ["no buttons", () => choiceCard({ title: "Nothing to choose", lines: [], buttons: [] })],
  ],
  "help.json": [["the commands", () => helpCard({ howToAsk: "@mention me", commands: [{ usage: "roster", description: "The roster" }], buttons: [{ title: "Roster", command: "roster" }] })]],
  "meeting.json": [
    ["with an agenda and the apologies form", () => meetingCard(meeting({}))],
    ["no place, no agenda", () => meetingCard(meeting({ where: "", agenda: [], heading: undefined }))],
  ],
  "meetings.json": [
    ["the manager's list", () => meetingsCard({ partnershipId: P, partnershipName: "Thurrock CSP", canSchedule: true, meetings: [{ title: "Board meeting", when: "20 June 2024, 2pm", where: "Civic Offices" }] })],
    ["none to come, a member's view", () => meetingsCard({ partnershipId: P, partnershipName: "Thurrock CSP", canSchedule: false, meetings: [] })],
  ],
  "notice.json": [
    ["with buttons", () => noticeCard({ title: "Imported", tone: "good", lines: ["23 added"], buttons: [{ title: "Roster", command: "roster" }] })],
    ["many lines", () => noticeCard({ title: "Nothing imported", tone: "attention", lines: Array.from({ length: 45 }, (_, i) => `Line ${i + 2}: no email`) })],
  ],
  "papers.json": [
    ["minutes with links", () => papersCard({ title: "Draft minutes: Board meeting, 21 March 2024", lines: ["The board was not quorate: 3 of 6 statutory partners present, 4 needed."], sections: [], links: [{ title: "Download: Draft minutes (Word)", url: "https://quorate.example.org/papers/p1/minutes-docx?sig=x" }], footnote: "The links work for 15 minutes." })],
    ["attendance by organisation, no links", () => papersCard({ title: "Attendance by organisation", lines: ["Twelve meetings held."], sections: [{ heading: "Represented at", facts: [{ title: "Essex Police", value: "███░ three of four meetings (75%)" }], notes: [] }, { heading: "Not quorate", facts: [], notes: ["None."] }], links: [], footnote: "" })],
    ["a register with more organisations than it shows", () => papersCard({ title: "Attendance register", lines: [], sections: [{ heading: "Organisations", facts: Array.from({ length: 45 }, (_, i) => ({ title: `Org ${i}`, value: "1 of 1 (100%)" })), notes: [] }], links: [], footnote: "" })],
  ],
  "rollCall.json": [
    ["the chair's view", () => rollCallCard(roll({}))],
    ["a member's view, quorate", () => rollCallCard(roll({ chair: false, memberChoices: [], quorate: true, missingText: "" }))],
    ["closed, shared copy, no one to refresh", () => rollCallCard(roll({ open: false, viewerText: "", refreshUserIds: [], where: undefined }))],
    ["the chair's view of an empty board", () => rollCallCard(roll({ groups: [], memberChoices: [] }))],
  ],
  "roster.json": [
    ["the manager's view", () => rosterCard(roster({ status: "Imported: 7 added.", warning: "The quorum can never be met" }))],
    ["a member's view", () => rosterCard(roster({ canManage: false }))],
    ["the manager's view of an empty roster", () => rosterCard(roster({ members: [], statutoryMembers: 0, statutoryOrganisations: 0 }))],
  ],
  "setup.json": [
    ["a manager's settings", () => setupCard(setup({ status: "Settings saved." }))],
    ["not yet bound", () => setupCard(setup({ bound: false, warning: "No roster yet" }))],
    ["a member's view", () => setupCard(setup({ canEdit: false }))],
  ],
  "signOff.json": [
    ["open", () => signOffCard(signOff({}))],
    ["approved, no link", () => signOffCard(signOff({ open: false, tone: "good", link: undefined, stateText: "Approved on 2 April 2024", viewerText: "" }))],
    ["rejected", () => signOffCard(signOff({ open: false, tone: "bad", rows: [] }))],
  ],
  "signOffs.json": [
    ["with the start form", () => signOffListCard({ partnershipId: P, title: "Sign-offs", lines: ["Annual report: open"], canStart: true })],
    ["none, a member's view", () => signOffListCard({ partnershipId: P, title: "Sign-offs", lines: [], canStart: false })],
  ],
  "welcome.json": [
    ["local mode", () => welcomeCard({ localMode: true })],
    ["in a tenant", () => welcomeCard({ localMode: false })],
  ],
};

test("every template in cards/templates/ has cases here", () => {
  const templates = readdirSync(path.join(__dirname, "../../cards/templates")).filter((f) => f.endsWith(".json"));
  expect(Object.keys(CASES).sort()).toEqual(templates.sort());
});

describe.each(Object.entries(CASES))("%s", (_template, cases) => {
  test.each(cases)("%s: the renderer reports nothing", (_what, build) => {
    const card = build();
    expect(card.version).toBe("1.5");
    expect(cardProblems(card)).toEqual([]);
  });
});

test("the checks catch what Teams objects to", () => {
  const form = (id: string) => ({ type: "Action.ShowCard", title: "Form", card: { type: "AdaptiveCard", body: [{ type: "Input.Text", id, label: "X" }] } });
  const bad = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [{ type: "Input.ChoiceSet", id: "pick", label: "Pick", choices: [{ title: "Anyone", value: "" }] }],
    actions: [form("category"), form("category")],
  };
  expect(repeatedInputIds(bad)).toEqual(["category"]);
  const problems = cardProblems(bad);
  expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/DuplicateId/), expect.stringMatching(/title and value/)]));
  expect(cardProblems({ ...bad, body: [{ type: "Input.ChoiceSet", id: "pick", label: "Pick", choices: [] }], actions: [] })).toEqual([expect.stringMatching(/at least one choice/i)]);
});
