import { Attendance, Meeting, Member, Partnership } from "../../bot/domain/types";
import { Action } from "../../bot/rules/actionTypes";
import { draftMinutes } from "../../bot/rules/papers/minutes";
import { MinutesRecords } from "../../bot/rules/papers/minutesTypes";

// The draft minutes as a plain function of the records: deputies and guests, departures, each gain and
// loss of quorum with its time, a sign-off decided at the meeting, actions raised and outstanding.

const zone = "Europe/London";
const partnership: Partnership = {
  id: "p1",
  name: "Test CSP",
  timeZone: zone,
  quorum: { count: "organisations", categories: ["statutory"], required: 2, deputiesCount: true },
  channel: { tenantId: "t", conversationId: "c", serviceUrl: "s" },
  createdAt: "2024-01-01T00:00:00Z",
  createdBy: "x",
};
const m = (id: string, name: string, organisation: string, extra: Partial<Member> = {}): Member => ({ id, name, title: "", organisation, category: "statutory", role: "member", email: `${id}@x`, status: "active", updatedAt: "", ...extra });
const roster = [m("a", "Ann", "Police", { role: "chair", title: "Chief" }), m("b", "Bob", "Council"), m("c", "Cat", "Fire"), m("d", "Dee", "Health", { status: "former", formerSince: "2024-01-01T00:00:00Z" })];
const meeting: Meeting = { id: "20240321T140000Z-aaaaaa", partnershipId: "p1", title: "Board", startsAt: "2024-03-21T14:00:00.000Z", endsAt: "2024-03-21T16:30:00.000Z", location: "Hall", agenda: [{ ref: "2.1", title: "Minutes of the last meeting", forSignOff: true }], state: "in-progress", createdBy: "x", createdAt: "" };
const next: Meeting = { ...meeting, id: "20240620T130000Z-bbbbbb", startsAt: "2024-06-20T13:00:00.000Z", endsAt: undefined, location: "Teams", agenda: [], state: "scheduled" };
const rec = (memberId: string, status: Attendance["status"], extra: Partial<Attendance> = {}): Attendance => ({ meetingId: meeting.id, memberId, status, recordedBy: "x", recordedAt: "", ...extra });
const action = (ref: string, seq: number, extra: Partial<Action>): Action => ({ partnershipId: "p1", ref, seq, year: 2024, text: `Action ${ref}`, owners: [{ kind: "member", memberId: "b", name: "Bob" }], status: "open", raisedAt: "2024-03-21T15:00:00Z", raisedBy: "a", history: [], updatedAt: "", ...extra });

const records: MinutesRecords = {
  partnership,
  roster,
  meeting,
  roll: { partnershipId: "p1", meetingId: meeting.id, state: "closed", conversationId: "c", serviceUrl: "s", threaded: true, meetingTitle: "Board", startsAt: meeting.startsAt, openedAt: "2024-03-21T13:58:00Z", openedBy: "a", closedAt: "2024-03-21T14:15:00Z", closingQuorum: JSON.stringify({ quorate: true, headline: "Quorate: 2 of 3 statutory partners present, 2 needed.", missing: ["Fire"], present: ["a", "b"] }) },
  attendance: [
    rec("a", "present"),
    rec("b", "present", { leftAt: "2024-03-21T15:40:00Z" }),
    rec("c", "present-substitute", { substituteName: "Sam Deputy" }),
    rec("g1", "in-attendance", { guestName: "Olive Observer", guestOrganisation: "Home Office" }),
  ],
  quorumChanges: [
    { at: "2024-03-21T14:01:00Z", quorate: false, count: 1 },
    { at: "2024-03-21T14:10:00Z", quorate: true, count: 2 },
    { at: "2024-03-21T15:40:00Z", quorate: false, count: 1 },
  ],
  signOffs: [
    {
      signOff: { id: "s1", title: "Minutes of the last meeting", deadline: "2024-04-04T22:59:00Z", rule: { voters: "statutory-organisations", pass: { kind: "majority" } }, eligible: { police: "Police", council: "Council", fire: "Fire" }, state: "approved", createdAt: "2024-03-21T14:20:00Z", decidedAt: "2024-03-21T14:30:00Z", quorumSnapshot: JSON.stringify({ meetingId: meeting.id, quorate: true, headline: "Quorate: 2 of 3 statutory partners present, 2 needed." }) },
      votes: [{ voterKey: "police", option: "approve" }, { voterKey: "council", option: "approve" }],
    },
  ],
  actions: [
    action("A-2024-002", 2, { meetingId: meeting.id, due: { kind: "next-meeting" } }),
    action("A-2024-001", 1, { raisedAt: "2023-12-07T15:00:00Z", meetingId: "20231207T140000Z-cccccc", status: "in-progress", history: [{ at: "2024-02-01T10:00:00Z", by: "b", byName: "Bob", from: "open", to: "in-progress", note: "Draft shared" }] }),
    action("A-2023-009", 9, { year: 2023, raisedAt: "2023-09-07T15:00:00Z", status: "done" }),
  ],
  meetings: [meeting, next],
  now: new Date("2024-03-22T09:00:00Z"),
};

const doc = draftMinutes(records);

test("the header: board, meeting, date and times, place, chair with title and organisation", () => {
  expect(doc).toMatchObject({ board: "Test CSP", title: "Board", date: "21 March 2024", time: "2pm to 4:30pm", place: "Hall", chair: "Ann, Chief, Police" });
});

test("attendance: a departure with its time, a deputy on a row of their own, guests in attendance, a former member left out", () => {
  expect(doc.attendance).toEqual([
    {
      title: "Statutory",
      rows: [
        { name: "Ann, Chair", organisation: "Chief, Police", attendance: "Attended" },
        { name: "Bob", organisation: "Council", attendance: "Left at 15:40" },
        { name: "Cat", organisation: "Fire", attendance: "Apologies (sent substitute)" },
        { name: "Sam Deputy", organisation: "Fire", attendance: "Present as substitute for Cat" },
      ],
    },
    { title: "In attendance", rows: [{ name: "Olive Observer", organisation: "Home Office", attendance: "In attendance" }] },
  ]);
});

test("the quorum statement from the snapshot at close, then each gain and loss with its time", () => {
  expect(doc.quorum).toEqual([
    "The board was quorate: 2 of 3 statutory partners present, 2 needed. Not represented: Fire.",
    "As recorded when the roll call closed at 2:15pm.",
    "The board became quorate at 2:10pm (2 of 3 statutory partners present, 2 needed).",
    "The board was no longer quorate from 3:40pm (1 of 3 statutory partners present, 2 needed).",
  ]);
});

test("a sign-off decided at the meeting: outcome, tally by organisation, quorum when decided", () => {
  expect(doc.items).toEqual([
    {
      ref: "2.1",
      title: "Minutes of the last meeting",
      signOff: [
        "Put to sign-off by statutory partners: approved on 21 March 2024 at 2:30pm (2 approved, 0 rejected, 0 abstained, 1 not voted; 2 approvals needed).",
        "Tally: Police: Approve; Council: Approve; Fire: not voted.",
        "Quorum when decided: Quorate: 2 of 3 statutory partners present, 2 needed.",
      ],
    },
  ]);
});

test("actions raised at the meeting, outstanding ones from before with their latest update, and the meetings to come", () => {
  expect(doc.actionsRaised).toEqual([{ ref: "A-2024-002", action: "Action A-2024-002", owner: "Bob", due: "Next meeting (20 June 2024)" }]);
  expect(doc.outstanding).toEqual([{ ref: "A-2024-001", action: "Action A-2024-001", owner: "Bob", due: "No date", status: "In progress", latest: "Draft shared (1 February 2024)" }]);
  expect(doc.future).toEqual([{ date: "20 June 2024", title: "Board", place: "Teams" }]);
});

test("a meeting whose roll was never called: the apologies sent, and a line saying no roll call was taken", () => {
  const noRoll = draftMinutes({ ...records, roll: undefined, quorumChanges: [], attendance: [rec("c", "apologies")] });
  expect(noRoll.quorum).toEqual(["No roll call was taken at this meeting."]);
  expect(noRoll.attendance[0]!.rows.map((r) => r.attendance)).toEqual(["", "", "Apologies"]);
});
