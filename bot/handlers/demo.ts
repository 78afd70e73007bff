import { Meeting, QuorumRule } from "../domain/types";
import { meetingIdFor, memberIdForEmail } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { channelPartnershipId } from "../board";
import { EXAMPLE_BOARD_NAME, EXAMPLE_ROSTER_CSV } from "../demo/exampleRoster";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { parseRosterCsv } from "../rules/roster/rosterCsv";
import { todayIn, zonedInstant } from "../rules/zonedTime";
import { rosterCardFor } from "./roster";

// `demo` (local runs only): loads the example board into this conversation so a newcomer sees a real
// board at once. The person trying it plays the partnership manager, Michelle Cunningham.

const PLAYS = "michelle.cunningham@example.org";
const ZONE = "Europe/London";
const RULE: QuorumRule = { count: "organisations", categories: ["statutory"], required: 4, deputiesCount: true };

export async function loadDemo(req: Request): Promise<Outcome> {
  if (req.deps.config.auth.mode !== "local") return say("The example board is only available when Quorate runs locally.");
  const { store } = req.deps;
  const partnershipId = channelPartnershipId(req);
  const existing = await store.partnerships.get(partnershipId, "settings");
  if (existing && existing.value.name !== EXAMPLE_BOARD_NAME) {
    return say(`This conversation already belongs to ${existing.value.name}; load the example in a fresh one.`);
  }
  await store.partnerships.upsert({
    id: partnershipId,
    name: EXAMPLE_BOARD_NAME,
    timeZone: ZONE,
    quorum: RULE,
    channel: req.binding,
    createdAt: req.now.toISOString(),
    createdBy: req.userKey,
  });

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
  await Promise.all([
    ...roster.map((m) => store.directory.upsert({ kind: "email", subject: m.id, partnershipId, memberId: m.id })),
    store.directory.upsert({ kind: "aad", subject: req.userKey, partnershipId, memberId: memberIdForEmail(PLAYS) }),
    store.meetings.upsert(exampleMeeting(partnershipId, "2024-03-21", "14:00", "16:30", req)),
    store.meetings.upsert(exampleMeeting(partnershipId, nextMonth(req.now), "14:00", "16:30", req)),
  ]);
  req.deps.boards.invalidate(partnershipId);
  await audit(req, partnershipId, "demo.loaded", partnershipId);
  const actor = roster.find((m) => m.email === PLAYS);
  const partnership = (await store.partnerships.get(partnershipId, "settings"))?.value;
  if (!partnership) throw new Error("The example board vanished while loading");
  return {
    notice: "Loaded the example board. You are playing **Michelle Cunningham**, the partnership manager. Try **meetings** or **help**.",
    card: rosterCardFor({ partnership, roster, actor }),
  };
}

function exampleMeeting(partnershipId: string, date: string, start: string, end: string, req: Request): Meeting {
  const startsAt = zonedInstant(date, start, ZONE);
  const endsAt = zonedInstant(date, end, ZONE);
  if (!startsAt || !endsAt) throw new Error(`Example meeting time ${date} is invalid`);
  return {
    id: meetingIdFor(startsAt, "de0000"),
    partnershipId,
    title: "Board meeting",
    startsAt,
    endsAt,
    location: "Civic Offices, Grays",
    agenda: [],
    state: startsAt < req.now.toISOString() ? "closed" : "scheduled",
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
