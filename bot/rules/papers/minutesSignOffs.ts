import { decide, OPTION_WORDS } from "../signOff";
import { formatDate, formatTime, localDateKey } from "../zonedTime";
import { MinutesRecords, SignOffRecord, VoteRecord } from "./minutesTypes";

// Which sign-offs belong to a meeting and to which agenda item, and what the minutes say of each:
// decided at the meeting (outcome, tally by organisation, quorum when decided), or circulated after it
// (deadline and state now).

const STATE_WORDS = { open: "open", approved: "approved", rejected: "not approved", expired: "expired without a decision" } as const;

export function signOffsOfMeeting(r: MinutesRecords): { byItem: Map<string, string[]>; others: { title: string; lines: string[] }[] } {
  const zone = r.partnership.timeZone;
  const meeting = r.meeting;
  const day = localDateKey(meeting.startsAt, zone);
  const ofMeeting = r.signOffs.filter(({ signOff: s }) => s.meetingId === meeting.id || snapshotMeeting(s) === meeting.id || (!s.meetingId && localDateKey(s.createdAt, zone) === day));
  const byItem = new Map<string, string[]>();
  const others: { title: string; lines: string[] }[] = [];
  for (const { signOff, votes } of [...ofMeeting].sort((a, b) => a.signOff.createdAt.localeCompare(b.signOff.createdAt))) {
    const lines = signOffLines(signOff, votes, meeting.id, r.now, zone);
    const item = meeting.agenda.find((i) => signOff.title.includes(`(item ${i.ref},`) || norm(signOff.title).startsWith(norm(i.title)));
    if (item) byItem.set(item.ref, [...(byItem.get(item.ref) ?? []), ...lines]);
    else others.push({ title: signOff.title, lines });
  }
  return { byItem, others };
}

function signOffLines(s: SignOffRecord, votes: readonly VoteRecord[], meetingId: string, now: Date, zone: string): string[] {
  const cast = new Map(votes.map((v) => [v.voterKey, v.option]));
  const counted = decide(Object.keys(s.eligible), cast, s.rule, now, new Date(s.deadline));
  const state = s.state === "open" ? counted.state : s.state;
  const who = s.rule.voters === "statutory-organisations" ? "statutory partners" : "the board's members";
  const counts = `${counted.approvals} approved, ${counted.rejections} rejected, ${counted.abstentions} abstained, ${counted.notVoted} not voted; ${counted.needed} approvals needed`;
  const decided = s.decidedAt ? ` on ${formatDate(s.decidedAt, zone)} at ${formatTime(s.decidedAt, zone)}` : "";
  const lines =
    s.meetingId === meetingId
      ? [`Circulated to ${who} after the meeting, for sign-off by ${formatDate(s.deadline, zone)}. Now: ${STATE_WORDS[state]}${decided} (${counts}).`]
      : [`Put to sign-off by ${who}: ${STATE_WORDS[state]}${decided} (${counts}).`];
  const byOrganisation = Object.entries(s.eligible).map(([key, label]) => `${label}: ${cast.has(key) ? OPTION_WORDS[cast.get(key)!] : "not voted"}`);
  if (byOrganisation.length > 0) lines.push(`Tally: ${byOrganisation.join("; ")}.`);
  const quorum = snapshotHeadline(s);
  if (quorum) lines.push(`Quorum when decided: ${quorum}`);
  return lines;
}

const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function parsed(s: SignOffRecord): { meetingId?: string; headline?: string } | undefined {
  if (!s.quorumSnapshot) return undefined;
  try {
    return JSON.parse(s.quorumSnapshot) as { meetingId?: string; headline?: string };
  } catch {
    return undefined;
  }
}
const snapshotMeeting = (s: SignOffRecord) => parsed(s)?.meetingId;
const snapshotHeadline = (s: SignOffRecord) => parsed(s)?.headline;
