import { noticeCard } from "../../../cards/noticeCard";
import { ChannelBinding, Meeting, QuorumRule } from "../../domain/types";
import { meetingIdFor, memberIdForEmail, partnershipIdFor } from "../../../storage/keys";
import { MemberRecord } from "../../../storage/store";
import { audit } from "../../audit";
import { channelPartnershipId } from "../../board";
import { EXAMPLE_BOARD_NAME, EXAMPLE_ROSTER_CSV } from "../../demo/exampleRoster";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { parseRosterCsv } from "../../rules/roster/rosterCsv";
import { todayIn, zonedInstant } from "../../rules/zonedTime";
import { marchMeeting, writeMarchRecord } from "./marchRecord";
import { rosterCardFor } from "../roster";

// `demo` (local runs only): loads the example board so a newcomer sees a real board at once. The person
// trying it plays the partnership manager, Michelle Cunningham. Said in a channel, the board is that
// channel's; said in a 1:1 chat, it goes to the configured demo channel (`npm start`: the playground's
// Board channel), where the roll call lives. It has a meeting today, so `roll call` opens at once, and
// the record of its inquorate March 2024 meeting. Saying it again changes nothing that is there.

const PLAYS = "michelle.cunningham@example.org";
const ZONE = "Europe/London";
const RULE: QuorumRule = { count: "organisations", categories: ["statutory"], required: 4, deputiesCount: true };
const TRY_IN_CHANNEL = "**@Quorate roll call**, then **I'm here** on its card; **@Quorate actions**; **@Quorate sign-offs**";

/** The channel the board lives in: this one, or (from a 1:1 chat) the configured demo channel. */
function demoBinding(req: Request): { binding: ChannelBinding; partnershipId: string; elsewhere: boolean } {
  const demo = req.deps.config.demoChannel;
  if (req.scope !== "personal" || !demo) return { binding: req.binding, partnershipId: channelPartnershipId(req), elsewhere: false };
  const binding = { ...req.binding, conversationId: demo.conversationId, teamId: demo.teamId };
  return { binding, partnershipId: partnershipIdFor(binding.tenantId, binding.conversationId), elsewhere: true };
}

export async function loadDemo(req: Request): Promise<Outcome> {
  if (req.deps.config.auth.mode !== "local") return say("The example board is only available when Quorate runs locally.");
  const { store } = req.deps;
  const { binding, partnershipId, elsewhere } = demoBinding(req);
  const existing = await store.partnerships.get(partnershipId, "settings");
  if (existing && existing.value.name !== EXAMPLE_BOARD_NAME) {
    const where = elsewhere ? "The demo channel" : "This conversation";
    return say(`${where} already belongs to ${existing.value.name}; load the example in a fresh one.`);
  }
  const partnership = {
    id: partnershipId,
    name: EXAMPLE_BOARD_NAME,
    timeZone: ZONE,
    quorum: RULE,
    channel: binding,
    createdAt: existing?.value.createdAt ?? req.now.toISOString(),
    createdBy: existing?.value.createdBy ?? req.userKey,
  };
  await store.partnerships.upsert(partnership);

  const parsed = parseRosterCsv(EXAMPLE_ROSTER_CSV);
  if (!parsed.ok) throw new Error("The example roster does not parse");
  const roster: MemberRecord[] = parsed.rows.map((row) => ({
    partnershipId,
    id: memberIdForEmail(row.email),
    name: row.name,
    title: row.title,
    organisation: row.organisation,
    category: row.category,
    role: row.role,
    email: row.email,
    status: "active",
    updatedAt: req.now.toISOString(),
    ...(row.email === PLAYS ? { aadObjectId: req.userKey, teamsUserId: req.context.activity.from.id } : {}),
  }));
  await store.members.upsertMany(roster);
  const march = marchMeeting(partnershipId, ZONE, req.userKey, req.now.toISOString());
  await Promise.all([
    ...roster.map((m) => store.directory.upsert({ kind: "email", subject: m.id, partnershipId, memberId: m.id })),
    store.directory.upsert({ kind: "aad", subject: req.userKey, partnershipId, memberId: memberIdForEmail(PLAYS) }),
    store.meetings.upsert(march),
    // Created once: a second run must not reset a meeting whose roll is already open.
    store.meetings.create(exampleMeeting(partnershipId, todayIn(ZONE, req.now), req)),
    store.meetings.create(exampleMeeting(partnershipId, nextMonth(req.now), req)),
  ]);
  req.deps.boards.invalidate(partnershipId);
  const actor = roster.find((m) => m.email === PLAYS);
  if (!actor) throw new Error("The example roster has no partnership manager to play");

  const target = { serviceUrl: binding.serviceUrl, conversationId: binding.conversationId, tenantId: binding.tenantId };
  if (elsewhere) {
    // Said first, so the circulated sign-off cards that follow in the channel make sense.
    await req.deps.proactive.post(
      target,
      noticeCard({
        title: `${EXAMPLE_BOARD_NAME} is set up in this channel`,
        tone: "good",
        lines: [`There is a board meeting today at 2pm. Try ${TRY_IN_CHANNEL}.`],
        buttons: [{ title: "Roster", command: "roster" }, { title: "Actions", command: "actions" }, { title: "Sign-offs", command: "sign-offs" }],
      }),
    );
  }
  await writeMarchRecord(req, partnership, roster, actor, march);
  await audit(req, partnershipId, "demo.loaded", partnershipId);
  const here = elsewhere
    ? `Loaded the example board into the board's channel (**Board**, under Teams Channel on the left). There, ${TRY_IN_CHANNEL}. Here, try **my actions**.`
    : `Loaded the example board. There is a board meeting today at 2pm: try ${TRY_IN_CHANNEL.replace(/@Quorate /g, "")}.`;
  return {
    notice: `${here} You are playing **Michelle Cunningham**, the partnership manager.`,
    card: rosterCardFor({ partnership, roster, actor }),
  };
}

function exampleMeeting(partnershipId: string, date: string, req: Request): Meeting {
  const startsAt = zonedInstant(date, "14:00", ZONE);
  const endsAt = zonedInstant(date, "16:30", ZONE);
  if (!startsAt || !endsAt) throw new Error(`Example meeting time ${date} is invalid`);
  return {
    id: meetingIdFor(startsAt, "de0000"),
    partnershipId,
    title: "Board meeting",
    startsAt,
    endsAt,
    location: "Civic Offices, Grays",
    agenda: [
      { ref: "1", title: "Introduction and apologies", forSignOff: false },
      { ref: "2", title: "Minutes of the last meeting and outstanding actions", forSignOff: false },
      { ref: "3", title: "Terms of Reference review", forSignOff: true },
    ],
    state: "scheduled",
    createdBy: req.userKey,
    createdAt: req.now.toISOString(),
  };
}

/** The same day next month, in the board's zone: a meeting to come for the demo. */
function nextMonth(now: Date): string {
  const [y, m, d] = todayIn(ZONE, now).split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m, Math.min(d, 28)));
  return next.toISOString().slice(0, 10);
}
