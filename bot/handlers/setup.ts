import { z } from "zod";
import { setupCard } from "../../cards/setupCard";
import { CATEGORIES, DEFAULT_QUORUM_RULE, Partnership, QuorumRule } from "../domain/types";
import { memberIdForEmail } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, channelPartnershipId, isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { can, whoCan } from "../rules/permissions";
import { describeRule, quorumRequirement } from "../rules/quorumRule";
import { isValidTimeZone } from "../rules/zonedTime";
import { lookUpPerson } from "../teams/memberReads";
import { syncIdentities } from "./identities";

// `setup`: binds a channel to a new partnership, and lets its manager change the settings later.

const DEFAULT_TIME_ZONE = "Europe/London";
const TIME_ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "Europe/Isle_of_Man",
  "Europe/Jersey",
  "Europe/Guernsey",
  "Europe/Gibraltar",
  "Europe/Paris",
  "UTC",
];

const ONLY_IN_CHANNEL = "Run **setup** in the board's channel (or group chat), where the meetings happen.";

export const setupInput = z.object({
  partnershipId: z.string().max(40).optional(),
  name: z.string().trim().min(1, "Give the board a name.").max(120, "The board's name can be at most 120 characters."),
  timeZone: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, "That time zone isn't one I know: use a name such as Europe/London."),
  quorumCount: z.enum(["organisations", "persons"]).default("organisations"),
  quorumCategories: z
    .string()
    .default("statutory")
    .transform((s) => s.split(",").map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CATEGORIES, "Members who count must be statutory, non-statutory, ex-officio or co-opted.")).min(1, "Choose at least one category of members who count.")),
  quorumRequired: z
    .string()
    .trim()
    .toLowerCase()
    .default("majority")
    .transform((s) => (s === "" ? "majority" : s))
    .refine((s) => s === "majority" || /^\d{1,3}$/.test(s), "The number needed must be a whole number, or \"majority\".")
    .transform((s): number | "majority" => (s === "majority" ? "majority" : Number(s)))
    .refine((n) => n === "majority" || n >= 1, "The number needed must be at least 1."),
  deputiesCount: z.enum(["true", "false"]).default("true").transform((s) => s === "true"),
});
export type SetupInput = z.infer<typeof setupInput>;

/** `setup` typed, or "Set up this channel" pressed. `setup Thurrock CSP` sets up at once with defaults. */
export async function openSetup(req: Request, name?: string): Promise<Outcome> {
  if (req.scope === "personal") return say(ONLY_IN_CHANNEL);
  const partnershipId = channelPartnershipId(req);
  const existing = await req.deps.store.partnerships.get(partnershipId, "settings");
  if (!existing) {
    if (name) return saveSetup(req, setupInput.parse({ name }));
    return { card: settingsCard(undefined, true, partnershipId) };
  }
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  const allowed = can(board.actor, "changeSettings");
  return {
    card: settingsCard(board, allowed),
    notice: allowed ? undefined : `Only ${whoCan("changeSettings")} can change these settings.`,
  };
}

/** The setup form submitted: creates the partnership, or changes it when the manager asks. */
export async function saveSetup(req: Request, input: SetupInput): Promise<Outcome> {
  if (req.scope === "personal") return say(ONLY_IN_CHANNEL);
  const partnershipId = channelPartnershipId(req);
  if (input.partnershipId && input.partnershipId !== partnershipId) return say("That card belongs to another board, so I did nothing.");
  const quorum: QuorumRule = {
    count: input.quorumCount,
    categories: input.quorumCategories,
    required: input.quorumRequired,
    deputiesCount: input.deputiesCount,
  };
  const existing = await req.deps.store.partnerships.get(partnershipId, "settings");
  if (existing) return changeSettings(req, input, quorum);

  const partnership: Partnership = {
    id: partnershipId,
    name: input.name,
    timeZone: input.timeZone,
    quorum,
    channel: req.binding,
    createdAt: req.now.toISOString(),
    createdBy: req.userKey,
  };
  const created = await req.deps.store.partnerships.create(partnership);
  // Someone else bound the channel a moment earlier (or Teams redelivered): treat it as a change.
  if (!created) return changeSettings(req, input, quorum);
  const manager = await addFirstManager(req, partnership);
  req.deps.boards.invalidate(partnershipId);
  // Anyone already on a board in this team (a re-setup) is linked now, not at their first press.
  await syncIdentities(req, partnership);
  await audit(req, partnershipId, "partnership.created", partnershipId, undefined, { name: partnership.name, timeZone: partnership.timeZone, quorum });
  req.deps.log.info("partnership.created", { partnershipId });
  return {
    card: settingsCard({ partnership, roster: [manager], actor: manager }, true),
    posts: [
      `**${partnership.name}** is set up in this channel, with ${req.userName || "you"} as partnership manager. Next, paste the roster with **import roster** followed by the CSV (name, title, organisation, category, role, email).`,
    ],
  };
}

async function changeSettings(req: Request, input: SetupInput, quorum: QuorumRule): Promise<Outcome> {
  const board = await loadBoard(req);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "changeSettings")) {
    return { card: settingsCard(board, false), notice: `Only ${whoCan("changeSettings")} can change these settings. Nothing was changed.` };
  }
  const result = await req.deps.store.partnerships.mutate(board.partnership.id, "settings", (current) => {
    if (!current) return undefined;
    const next = { ...current, name: input.name, timeZone: input.timeZone, quorum };
    return JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
  });
  const partnership = result.after ?? board.partnership;
  if (result.changed) {
    req.deps.boards.invalidate(partnership.id);
    const pick = (p?: Partnership) => p && { name: p.name, timeZone: p.timeZone, quorum: p.quorum };
    await audit(req, partnership.id, "partnership.settings_changed", partnership.id, pick(result.before), pick(result.after));
  }
  return { card: settingsCard({ ...board, partnership }, true, undefined, result.changed ? "Settings saved." : undefined) };
}

/** The person who runs setup becomes the first manager, found by their Teams email. */
async function addFirstManager(req: Request, partnership: Partnership): Promise<MemberRecord> {
  const person = await lookUpPerson(req.context, req.deps.log, req.deps.memberReads);
  // Without an email from Teams the link is by Teams identity alone; a later import can add the email.
  const email = (person.email ?? `${req.userKey}@teams-user.invalid`).toLowerCase();
  const manager: MemberRecord = {
    partnershipId: partnership.id,
    id: memberIdForEmail(email),
    name: person.name || req.userName || "Partnership manager",
    title: "",
    organisation: "Partnership secretariat",
    category: "ex-officio",
    role: "manager",
    email,
    status: "active",
    aadObjectId: req.userKey,
    teamsUserId: req.context.activity.from.id,
    updatedAt: req.now.toISOString(),
  };
  await req.deps.store.members.upsert(manager);
  await Promise.all([
    req.deps.store.directory.upsert({ kind: "aad", subject: req.userKey, partnershipId: partnership.id, memberId: manager.id }),
    req.deps.store.directory.upsert({ kind: "email", subject: manager.id, partnershipId: partnership.id, memberId: manager.id }),
  ]);
  await audit(req, partnership.id, "member.added", manager.id, undefined, { role: "manager", via: "setup" });
  return manager;
}

function settingsCard(board: Board | undefined, canEdit: boolean, partnershipId = board?.partnership.id ?? "", status?: string) {
  const p = board?.partnership;
  const rule = p?.quorum ?? DEFAULT_QUORUM_RULE;
  const requirement = board ? quorumRequirement(board.roster, rule) : undefined;
  const timeZone = p?.timeZone ?? DEFAULT_TIME_ZONE;
  return setupCard({
    bound: Boolean(p),
    canEdit,
    partnershipId,
    name: p?.name ?? "",
    timeZone,
    timeZones: TIME_ZONES.includes(timeZone) ? TIME_ZONES : [timeZone, ...TIME_ZONES],
    quorumCount: rule.count,
    quorumCategories: rule.categories,
    quorumRequired: String(rule.required),
    deputiesCount: rule.deputiesCount,
    ruleText: describeRule(rule),
    requirement: requirement && requirement.units > 0 ? requirement.text : "No members who count yet: import the roster.",
    warning: requirement && requirement.units > 0 ? requirement.warning : undefined,
    status,
  });
}
