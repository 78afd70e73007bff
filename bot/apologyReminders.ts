import { odata } from "@azure/data-tables";
import { meetingRowKeyFrom } from "../storage/keys";
import { Deps } from "./deps";
import { Meeting, Member, Partnership } from "./domain/types";
import { meetingCardFor } from "./handlers/meetings";
import { messageMember, tellManagers } from "./memberMessages";
import { formatMeetingWhen } from "./rules/zonedTime";

// Before each meeting (7 and 2 days before, by default) the channel is asked for apologies. At the last
// of those reminders, everyone who has said nothing yet is also asked in their own 1:1 chat, as a
// secretariat's email round would: many partners never read the channel. Each send is claimed in
// storage, so it goes out once across instances, and a restart picks up whatever is due.

const DAY = 86_400_000;

export async function sendApologyReminders(deps: Deps, partnerships: Partnership[], now: Date): Promise<number> {
  const days = deps.config.reminders.daysBefore;
  if (days.length === 0) return 0;
  const horizon = new Date(now.getTime() + (Math.max(...days) + 1) * DAY).toISOString();
  let sent = 0;
  for (const partnership of partnerships) {
    const meetings = await deps.store.meetings.query(
      odata`PartitionKey eq ${partnership.id} and RowKey ge ${meetingRowKeyFrom(now.toISOString())} and RowKey lt ${meetingRowKeyFrom(horizon)}`,
    );
    for (const meeting of meetings) {
      if (meeting.state !== "scheduled") continue;
      const start = Date.parse(meeting.startsAt);
      // Reminders that are due, closest to the meeting first: only that one is sent; earlier ones that
      // were missed (the meeting was scheduled late, or every instance was down) are not sent late.
      const due = days.filter((d) => now.getTime() >= start - d * DAY).sort((a, b) => a - b);
      const [closest, ...missed] = due;
      if (closest === undefined) continue;
      const others = meetings.filter((m) => m.id !== meeting.id && m.state === "scheduled");
      if (await remindChannel(deps, partnership, meeting, others, closest, missed, now)) sent++;
      if (closest === Math.min(...days)) sent += await remindMembers(deps, partnership, meeting, others, now);
    }
  }
  return sent;
}

async function remindChannel(deps: Deps, partnership: Partnership, meeting: Meeting, others: Meeting[], closest: number, missed: number[], now: Date): Promise<boolean> {
  const mine = await deps.store.rollCalls.claimMarker(partnership.id, meeting.id, `reminder-${closest}d`, now.toISOString());
  for (const d of missed) await deps.store.rollCalls.claimMarker(partnership.id, meeting.id, `reminder-${d}d`, now.toISOString());
  if (!mine) return false;
  try {
    const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone);
    const card = meetingCardFor(partnership, meeting, others, `Reminder: ${meeting.title} is on ${when}. If you can't attend, send your apologies here.`);
    await deps.proactive.post({ serviceUrl: partnership.channel.serviceUrl, conversationId: partnership.channel.conversationId, tenantId: partnership.channel.tenantId }, card);
    deps.log.info("reminder.sent", { partnershipId: partnership.id, meetingId: meeting.id, daysBefore: closest });
    return true;
  } catch (error) {
    // Give the claim back so the next round (on any instance) tries again.
    await deps.store.rollCalls.releaseMarker(partnership.id, meeting.id, `reminder-${closest}d`);
    deps.log.error("reminder.failed", { partnershipId: partnership.id, meetingId: meeting.id, error });
    return false;
  }
}

/** Each active member with nothing recorded for the meeting yet gets the meeting card in their 1:1 chat, once. */
async function remindMembers(deps: Deps, partnership: Partnership, meeting: Meeting, others: Meeting[], now: Date): Promise<number> {
  const [roster, snapshot] = await Promise.all([deps.store.members.list(partnership.id), deps.store.rollCalls.read(partnership.id, meeting.id)]);
  const answered = new Set(snapshot.attendance.map((a) => a.memberId));
  const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone);
  const unreachable: Member[] = [];
  let sent = 0;
  for (const member of roster) {
    if (member.status !== "active" || answered.has(member.id)) continue;
    const marker = `apology-dm-${member.id}`;
    if (!(await deps.store.rollCalls.claimMarker(partnership.id, meeting.id, marker, now.toISOString()))) continue;
    try {
      const heading = `${partnership.name}: ${meeting.title} is on ${when}. If you can't attend, reply here with your apologies (and who will attend for you), or use the form below.`;
      if ((await messageMember(deps, partnership, member, meetingCardFor(partnership, meeting, others, heading))).reached) sent++;
      else unreachable.push(member);
    } catch (error) {
      await deps.store.rollCalls.releaseMarker(partnership.id, meeting.id, marker);
      deps.log.error("reminder.apology_dm_failed", { partnershipId: partnership.id, memberId: member.id, error });
    }
  }
  await tellManagers(deps, partnership, roster, unreachable, `them the apologies reminder for ${meeting.title}`);
  return sent;
}
