import { rosterCard } from "../../cards/rosterCard";
import { noticeCard } from "../../cards/noticeCard";
import { memberIdForEmail } from "../../storage/keys";
import { MemberRecord } from "../../storage/store";
import { audit } from "../audit";
import { Board, isBoard, loadBoard } from "../board";
import { Outcome, say } from "../outcome";
import { Request } from "../request";
import { can, whoCan } from "../rules/permissions";
import { countingUnits, quorumRequirement } from "../rules/quorumRule";
import { parseRosterCsv } from "../rules/roster/rosterCsv";
import { plainTextFromTeams } from "../rules/roster/teamsText";
import { ImportPlan, planRosterImport, planWrites } from "../rules/rosterImport";
import { notInTeamText } from "../rules/identityMatch";
import { syncIdentities } from "./identities";

// `roster` and `import roster`: the board's members, and replacing them from a pasted CSV.

const MAX_IMPORT_ATTEMPTS = 5;
const NOT_A_MEMBER = "Only members of this board can see its roster.";

export async function showRoster(req: Request, cardPartnershipId?: string): Promise<Outcome> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "viewRoster")) return say(NOT_A_MEMBER);
  return { card: rosterCardFor(board) };
}

export function rosterCardFor(board: Board, status?: string) {
  const rule = board.partnership.quorum;
  const requirement = quorumRequirement(board.roster, rule);
  const statutory = board.roster.filter((m) => m.status === "active" && m.category === "statutory");
  return rosterCard({
    partnershipId: board.partnership.id,
    partnershipName: board.partnership.name,
    members: board.roster,
    statutoryMembers: statutory.length,
    statutoryOrganisations: countingUnits(board.roster, { ...rule, count: "organisations", categories: ["statutory"] }).length,
    quorumText: requirement.units > 0 ? `${requirement.ratio} (${requirement.text})` : "no members who count yet",
    warning: requirement.warning,
    canManage: can(board.actor, "manageRoster"),
    status,
  });
}

/** Pasted CSV from a message or the roster card. All or nothing: any bad line and nothing is written. */
export async function importRoster(req: Request, csv: string, cardPartnershipId?: string): Promise<Outcome> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return board;
  if (!can(board.actor, "manageRoster")) return say(`Only ${whoCan("manageRoster")} can import the roster. Nothing was changed.`);
  if (!csv.trim()) {
    return {
      card: rosterCardFor(board),
      notice: "Paste the roster after **import roster**, as CSV with a header line: name, title, organisation, category, role, email.",
    };
  }
  const parsed = parseRosterCsv(plainTextFromTeams(csv));
  if (!parsed.ok) {
    return {
      card: noticeCard({
        title: "Nothing was imported: please fix these lines and paste the roster again.",
        tone: "attention",
        lines: parsed.errors.map((e) => e.message),
      }),
    };
  }

  const plan = await applyImport(req, board, parsed.rows);
  const identities = await syncIdentities(req, board.partnership);
  const roster = await req.deps.store.members.list(board.partnership.id);
  const actor = roster.find((m) => m.id === board.actor?.id);
  const warnings = [...parsed.warnings];
  if (plan.keptImporter) warnings.push("You were not in the list, so you stay on the roster as partnership manager.");
  if (!identities) warnings.push("I couldn't read the team's members just now, so people are linked as they first talk to me.");
  const missing = identities && notInTeamText(identities.notInTeam);
  if (missing) warnings.push(missing);
  return { card: rosterCardFor({ ...board, roster, actor }, [importSummary(plan), ...warnings].join(" ")) };
}

/** Writes the plan under optimistic concurrency: a concurrent change means read again and re-plan. */
async function applyImport(req: Request, board: Board, rows: Parameters<typeof planRosterImport>[1]): Promise<ImportPlan> {
  const { store } = req.deps;
  const partnershipId = board.partnership.id;
  for (let attempt = 1; attempt <= MAX_IMPORT_ATTEMPTS; attempt++) {
    const current = await store.members.listVersioned(partnershipId);
    const etags = new Map(current.map((v) => [v.value.id, v.etag]));
    const plan = planRosterImport(
      current.map((v) => v.value),
      rows,
      { idFor: memberIdForEmail, importerId: board.actor?.id, now: req.now.toISOString() },
    );
    const writes = planWrites(plan).map((m) => ({ value: { ...m, partnershipId } as MemberRecord, etag: etags.get(m.id) }));
    if (!(await store.members.writeBatch(writes))) continue;
    req.deps.boards.invalidate(partnershipId);
    // The email index lets people find their board from a 1:1 chat before they are linked.
    await Promise.all(
      [...plan.added, ...plan.reactivated.map((c) => c.after)].map((m) =>
        store.directory.upsert({ kind: "email", subject: m.id, partnershipId, memberId: m.id }),
      ),
    );
    await audit(req, partnershipId, "roster.imported", partnershipId, undefined, {
      added: plan.added.map((m) => m.id),
      updated: plan.updated.map((c) => c.after.id),
      reactivated: plan.reactivated.map((c) => c.after.id),
      retired: plan.retired.map((c) => c.after.id),
    });
    req.deps.log.info("roster.imported", { partnershipId, added: plan.added.length, updated: plan.updated.length, retired: plan.retired.length });
    return plan;
  }
  throw new Error("The roster kept changing while it was being imported");
}

function importSummary(plan: ImportPlan): string {
  const parts = [
    `${plan.added.length} added`,
    `${plan.updated.length} updated`,
    `${plan.unchanged.length} unchanged`,
  ];
  if (plan.reactivated.length) parts.push(`${plan.reactivated.length} back from former members`);
  parts.push(`${plan.retired.length} now former members`);
  return `Roster imported: ${parts.join(", ")}.`;
}
