import { odata } from "@azure/data-tables";
import { Meeting } from "../domain/types";
import { Store } from "../../storage/store";
import { AttendanceHistory, heldMeetings, MeetingRecord } from "../rules/papers/history";
import { MinutesRecords, QuorumChange } from "../rules/papers/minutesTypes";

// The one place the papers' records are read from storage: the bot's commands, the download links and
// the tab all call these with (store, partnershipId).

const MAX_TICKS = 9_999_999_999_999;
const tickKey = (ms: number) => String(MAX_TICKS - ms).padStart(13, "0");

/** The meeting's records for its minutes; undefined when the board or the meeting does not exist. */
export async function loadMinutesRecords(store: Store, partnershipId: string, meetingId: string, now: Date): Promise<MinutesRecords | undefined> {
  const [partnership, meeting, roster, meetings, snapshot, actions, signOffs] = await Promise.all([
    store.partnerships.get(partnershipId, "settings"),
    store.meetings.get(partnershipId, meetingId),
    store.members.list(partnershipId),
    store.meetings.list(partnershipId),
    store.rollCalls.read(partnershipId, meetingId),
    // The outstanding ones and those raised at this meeting, in one query (the number counters left out).
    store.actions.list(partnershipId, odata`RowKey lt ${"~counter-"} and (status eq ${"open"} or status eq ${"in-progress"} or meetingId eq ${meetingId})`),
    store.signOffs.list(partnershipId),
  ]);
  if (!partnership || !meeting) return undefined;
  const quorumChanges = snapshot.roll ? await loadQuorumChanges(store, partnershipId, meetingId, snapshot.roll.openedAt) : [];
  const starts = Date.parse(meeting.value.startsAt);
  // A sign-off belongs to the meeting when circulated after it, decided during it, or opened that day
  // (the rules decide exactly; this only saves reading the votes of the others).
  const mine = signOffs.filter((s) => s.meetingId === meetingId || s.quorumSnapshot?.includes(meetingId) || (!s.meetingId && Math.abs(Date.parse(s.createdAt) - starts) < 2 * 86_400_000));
  const withVotes = await Promise.all(mine.map(async (s) => ({ signOff: s, votes: (await store.signOffs.read(partnershipId, s.id)).votes })));
  return {
    partnership: partnership.value,
    roster,
    meeting: meeting.value,
    roll: snapshot.roll,
    attendance: snapshot.attendance,
    quorumChanges,
    signOffs: withVotes,
    actions,
    meetings,
    now,
  };
}

/** Each gain or loss of quorum, from the audit entries written when it was announced. */
async function loadQuorumChanges(store: Store, partnershipId: string, meetingId: string, openedAt: string): Promise<QuorumChange[]> {
  const opened = Date.parse(openedAt);
  // Audit row keys run newest first: bound the scan to the two days after the roll opened.
  const from = tickKey(opened + 2 * 86_400_000);
  const to = tickKey(opened - 3_600_000);
  const entries = await store.audit.list(partnershipId, odata`RowKey ge ${from} and RowKey lt ${to + "~"} and action eq ${"quorum.changed"} and target eq ${meetingId}`);
  return entries.flatMap((e) => {
    const after = e.after as { quorate?: unknown; count?: unknown; at?: unknown } | undefined;
    if (typeof after?.quorate !== "boolean") return [];
    return [{ at: typeof after.at === "string" ? after.at : e.at, quorate: after.quorate, count: typeof after.count === "number" ? after.count : 0 }];
  });
}

/** The last `count` meetings held (cancelled ones left out), or those held since `since`, with their rolls. */
export async function loadHistory(store: Store, partnershipId: string, choose: { last: number } | { since: Date }, now: Date): Promise<AttendanceHistory | undefined> {
  const [partnership, roster, meetings] = await Promise.all([store.partnerships.get(partnershipId, "settings"), store.members.list(partnershipId), store.meetings.list(partnershipId)]);
  if (!partnership) return undefined;
  const held = heldMeetings(meetings, now);
  const chosen = "last" in choose ? held.slice(-choose.last) : held.filter((m) => m.startsAt >= choose.since.toISOString());
  return { partnership: partnership.value, roster, meetings: await readRolls(store, partnershipId, chosen), now };
}

async function readRolls(store: Store, partnershipId: string, meetings: Meeting[]): Promise<MeetingRecord[]> {
  return Promise.all(
    meetings.map(async (meeting) => {
      const snapshot = await store.rollCalls.read(partnershipId, meeting.id);
      return { meeting, roll: snapshot.roll, attendance: snapshot.attendance };
    }),
  );
}

/** The year before `now`: attendance by organisation's period. */
export const twelveMonthsBefore = (now: Date) => new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes()));
