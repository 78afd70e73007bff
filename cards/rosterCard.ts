import { Category, Member, Role } from "../bot/domain/types";
import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/roster.json";

export interface RosterCardData {
  partnershipId: string;
  partnershipName: string;
  members: Member[];
  statutoryMembers: number;
  statutoryOrganisations: number;
  quorumText: string;
  warning?: string;
  canManage: boolean;
  /** A confirmation such as "Imported: 23 added." */
  status?: string;
}

const GROUPS: { category: Category; title: string }[] = [
  { category: "statutory", title: "Statutory" },
  { category: "non-statutory", title: "Non-statutory" },
  { category: "ex-officio", title: "Ex-officio" },
  { category: "co-opted", title: "Co-opted" },
];

const ROLE_LABEL: Record<Role, string> = { chair: "Chair", "vice-chair": "Vice-chair", manager: "Partnership manager", member: "" };

// Teams drops messages over about 80 KB: a very large board shows the first members of each group.
const MAX_PER_GROUP = 60;

function line(m: Member): string {
  const role = ROLE_LABEL[m.role];
  const detail = [m.title, m.organisation].filter(Boolean).join(", ");
  return `**${m.name}**${role ? ` (${role})` : ""}: ${detail}`;
}

export function rosterCard(data: RosterCardData): AdaptiveCard {
  const active = data.members.filter((m) => m.status === "active").sort((a, b) => a.name.localeCompare(b.name));
  const groups = GROUPS.map((g) => {
    const members = active.filter((m) => m.category === g.category);
    return {
      title: g.title,
      count: members.length,
      members: members.slice(0, MAX_PER_GROUP).map((m) => ({ line: line(m) })),
      more: Math.max(0, members.length - MAX_PER_GROUP),
    };
  }).filter((g) => g.count > 0);
  return renderCard(template, {
    partnershipId: data.partnershipId,
    partnershipName: data.partnershipName,
    memberCount: active.length,
    statutoryText: `${data.statutoryMembers} members across ${data.statutoryOrganisations} organisations`,
    quorumText: data.quorumText,
    warning: data.warning ?? "",
    status: data.status ?? "",
    groups,
    formerCount: data.members.length - active.length,
    canManage: data.canManage,
    memberChoices: active.map((m) => ({ title: `${m.name} (${m.organisation})`, value: m.id })),
  });
}
