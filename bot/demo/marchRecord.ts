import { AgendaItem } from "../domain/types";
import { ActionDue, ActionStatus } from "../rules/actionTypes";
import { EXAMPLE_ROSTER_CSV } from "./exampleRoster";

// The record of the 21 March 2024 board (seed minutes 000), for the local demo: its agenda, the roll as
// the minutes record it (not quorate: 3 of 6 statutory partners), actions the minutes give with their
// owners and later updates, and the items circulated to statutory partners for sign-off afterwards
// because the meeting was inquorate. Plain data; bot/handlers/demo/marchRecord.ts writes it.

export const MARCH_MEETING = { date: "2024-03-21", start: "14:00", end: "16:30", closedAt: "16:25", title: "Board meeting", location: "Civic Offices, Grays" };

export const MARCH_AGENDA: AgendaItem[] = [
  { ref: "1", title: "Introduction and apologies", forSignOff: false },
  { ref: "2.1", title: "Minutes from 07/12/2023", forSignOff: false },
  { ref: "6.1", title: "Overview of CSP legislation", presenter: "Michelle Cunningham", forSignOff: false },
  { ref: "6.2", title: "Annual report 2023/24", presenter: "Michelle Cunningham", forSignOff: true },
  { ref: "6.4", title: "Strategic assessment 2023", presenter: "Michelle Cunningham", forSignOff: true },
  { ref: "6.5", title: "Delivery plan 2024/25", presenter: "Michelle Cunningham", forSignOff: true },
  { ref: "8.1", title: "Prevent Strategy 24/27", presenter: "Cheryl Wells", forSignOff: false },
];

export interface ExampleAction {
  agendaItem: string;
  text: string;
  /** Roster emails, or someone outside the roster as the minutes name them. */
  owners: ({ email: string } | { name: string; organisation?: string })[];
  due: ActionDue;
  /** Updates after the meeting, oldest first: who (by email), when (YYYY-MM-DD), what to, why. */
  updates: { by: string; on: string; to: ActionStatus; note?: string }[];
}

const MC = "michelle.cunningham@example.org";

export const MARCH_ACTIONS: ExampleAction[] = [
  {
    agendaItem: "1.1",
    text: "Draft a letter to statutory partners encouraging representation at the appropriate level",
    owners: [{ email: "jenny.barnett@example.org" }],
    due: { kind: "next-meeting" },
    updates: [{ by: "jenny.barnett@example.org", on: "2024-04-10", to: "in-progress", note: "Draft shared with the vice-chair for comment" }],
  },
  {
    agendaItem: "6.1",
    text: "Share a self-assessment of the CSP's statutory duties with partners to rate",
    owners: [{ email: MC }],
    due: { kind: "date", date: "2024-05-31" },
    updates: [],
  },
  {
    agendaItem: "6.2",
    text: "Follow up the cancelled partnership meetings with Port of Tilbury Police on modern slavery",
    owners: [{ email: "anthony.atkin@example.org" }],
    due: { kind: "next-meeting" },
    updates: [
      { by: "anthony.atkin@example.org", on: "2024-04-02", to: "in-progress", note: "Contacted Port of Tilbury Police" },
      { by: "anthony.atkin@example.org", on: "2024-05-14", to: "done", note: "Meetings restarted; next one on 6 June" },
    ],
  },
  {
    agendaItem: "6.4",
    text: "Review the strategic assessment's fixed cohort data with Michelle Fraser before publication",
    owners: [{ email: MC }, { email: "michelle.fraser@example.org" }],
    due: { kind: "date", date: "2024-04-19" },
    updates: [{ by: MC, on: "2024-04-08", to: "in-progress", note: "Cohort figures re-run; meeting booked with Probation" }],
  },
  {
    agendaItem: "6.5",
    text: "Increase fire home safety visits within the delivery plan, with referral figures",
    owners: [{ email: MC }],
    due: { kind: "next-meeting" },
    updates: [],
  },
];

/** attended → present, apologies → apologies, blank → nothing recorded: the CSV's attendance column. */
export function marchAttendance(): { email: string; attendance: "present" | "apologies" }[] {
  return EXAMPLE_ROSTER_CSV.trim()
    .split("\n")
    .slice(1)
    .flatMap((line) => {
      const m = /([\w.]+@example\.org),(attended|apologies)?$/.exec(line.trim());
      if (!m?.[1] || !m[2]) return [];
      return [{ email: m[1], attendance: m[2] === "attended" ? ("present" as const) : ("apologies" as const) }];
    });
}
