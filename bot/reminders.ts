import { odata } from "@azure/data-tables";
import { meetingRowKeyFrom } from "../storage/keys";
import { sweepDeliveries } from "../storage/deliverySweep";
import { Deps } from "./deps";
import { Member, Partnership } from "./domain/types";
import { formatMeetingWhen } from "./rules/zonedTime";
import { myActionsReminder } from "./handlers/actionReminder";
import { signOffRound } from "./handlers/signOffs/decide";
import { messageMember, tellManagers } from "./memberMessages";
import { sendApologyReminders } from "./apologyReminders";

// The reminder rounds: apologies before each meeting, owners' actions, sign-off deadlines. Any number
// of instances run them; a marker created in storage decides which one sends, so each reminder goes
// out once, and a restart picks up whatever is due.

const DAY = 86_400_000;

export async function sendDueReminders(deps: Deps, now: Date = deps.now()): Promise<number> {
  const partnerships = await deps.store.partnerships.query(odata`RowKey eq ${"settings"}`);
  return (
    (await sendApologyReminders(deps, partnerships, now)) +
    (await sendActionReminders(deps, partnerships, now)) +
    (await signOffRound(deps, partnerships, now))
  );
}

/**
 * Before each meeting (3 days, by default) each owner of outstanding actions gets one 1:1 message
 * listing them, with Update buttons. One claim per owner per meeting, so once across instances.
 */
async function sendActionReminders(deps: Deps, partnerships: Partnership[], now: Date): Promise<number> {
  const days = deps.config.reminders.actionDaysBefore;
  const horizon = new Date(now.getTime() + (days + 1) * DAY).toISOString();
  let sent = 0;
  for (const partnership of partnerships) {
    const meetings = await deps.store.meetings.query(
      odata`PartitionKey eq ${partnership.id} and RowKey ge ${meetingRowKeyFrom(now.toISOString())} and RowKey lt ${meetingRowKeyFrom(horizon)}`,
      1,
    );
    const meeting = meetings[0];
    if (!meeting || meeting.state !== "scheduled" || now.getTime() < Date.parse(meeting.startsAt) - days * DAY) continue;
    const [outstanding, roster] = await Promise.all([deps.store.actions.outstanding(partnership.id), deps.store.members.list(partnership.id)]);
    const unreachable: Member[] = [];
    for (const member of roster) {
      if (member.status !== "active") continue;
      const mine = outstanding.filter((a) => a.owners.some((o) => o.kind === "member" && o.memberId === member.id));
      if (mine.length === 0) continue;
      if (!(await deps.store.rollCalls.claimMarker(partnership.id, meeting.id, `actions-${member.id}`, now.toISOString()))) continue;
      try {
        const when = formatMeetingWhen(meeting.startsAt, meeting.endsAt, partnership.timeZone);
        const card = myActionsReminder(partnership, meeting, mine, when, now);
        if ((await messageMember(deps, partnership, member, card)).reached) sent++;
        else unreachable.push(member);
      } catch (error) {
        await deps.store.rollCalls.releaseMarker(partnership.id, meeting.id, `actions-${member.id}`);
        deps.log.error("reminder.actions_failed", { partnershipId: partnership.id, memberId: member.id, error });
      }
    }
    await tellManagers(deps, partnership, roster, unreachable, "them their action reminders");
  }
  return sent;
}

/** Runs the reminder round, then the hourly sweep of old delivery claims, on a timer; the timer never keeps the process alive on its own. */
export function startReminderTimer(deps: Deps): () => void {
  const seconds = deps.config.reminders.intervalSeconds;
  if (seconds === 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sendDueReminders(deps)
      .catch((error) => deps.log.error("reminder.round_failed", { error }))
      .then(() => sweepDeliveries(deps.store.deliveries, deps.now()))
      .then(async (swept) => {
        if (!swept.ran) return;
        // The hour's round is this instance's: also copy any audit entry a killed process left behind.
        const recovered = await deps.store.outbox.recover();
        deps.log.info("deliveries.swept", { deleted: swept.deleted, auditRecovered: recovered });
      })
      .catch((error) => deps.log.error("deliveries.sweep_failed", { error }))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
