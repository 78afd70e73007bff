// Who owns an action: members matched by name or initials, or someone outside the board.
import { MemberRecord } from "../../../storage/store";
import { Board } from "../../board";
import { ParsedOwner } from "../../rules/actionText";
import { ActionOwner } from "../../rules/actionTypes";
import { matchMember } from "../../rules/nameMatch";

export function resolveOwners(board: Board, parsed: ParsedOwner[]): ActionOwner[] | string {
  const owners: ActionOwner[] = [];
  for (const p of parsed) {
    const linked = p.kind === "mention" ? board.roster.find((m) => m.teamsUserId === p.id && m.status === "active") : undefined;
    if (linked) {
      owners.push({ kind: "member", memberId: linked.id, name: linked.name });
      continue;
    }
    const match = matchMember(p.name, board.roster, { organisation: p.kind === "name" ? p.organisation : undefined });
    const byInitials = match.kind === "none" ? initialsMatch(p.name, board.roster) : [];
    if (match.kind === "one") owners.push({ kind: "member", memberId: match.member.id, name: match.member.name });
    else if (byInitials.length === 1) owners.push({ kind: "member", memberId: byInitials[0]!.id, name: byInitials[0]!.name });
    else if (match.kind === "several" || byInitials.length > 1) {
      const names = (match.kind === "several" ? match.members : byInitials).map((m) => m.name).join(", ");
      return `"${p.name}" could be ${names}: @mention them or use their full name. Nothing was raised.`;
    } else if (p.kind === "mention") {
      return `${p.name} isn't on this board's roster; name them with their organisation, e.g. for ${p.name} (Police). Nothing was raised.`;
    } else owners.push({ kind: "outside", name: p.name, organisation: p.organisation });
  }
  // Two spellings of one member would make two owners.
  return owners.filter((o, i) => o.kind !== "member" || owners.findIndex((x) => x.kind === "member" && x.memberId === o.memberId) === i);
}

/** Minutes write owners as initials: "MC to share the self-assessment". */
function initialsMatch(typed: string, roster: MemberRecord[]): MemberRecord[] {
  if (!/^[A-Z]{2,3}$/.test(typed.trim())) return [];
  return roster.filter((m) => m.status === "active" && m.name.split(/\s+/).filter((w) => /^[A-Z]/.test(w) && !/^(Cllr|Dr|Mr|Mrs|Ms)$/.test(w)).map((w) => w[0]).join("") === typed.trim());
}

export function outsideOwner(text: string): ActionOwner {
  const m = /^(.*?)\s*\(([^)]+)\)$/.exec(text);
  return m ? { kind: "outside", name: m[1]!.trim(), organisation: m[2]!.trim() } : { kind: "outside", name: text };
}
