import { Member, Role } from "../domain/types";

// Who may do what. Authorisation is always by the member record found from the person's Teams
// identity, never by anything inside card data.

export type Capability = "changeSettings" | "manageRoster" | "scheduleMeetings" | "viewRoster" | "callRoll" | "raiseActions" | "draftMinutes" | "viewPapers";

const ALLOWED: Record<Capability, readonly Role[]> = {
  changeSettings: ["manager"],
  manageRoster: ["manager"],
  scheduleMeetings: ["manager", "chair", "vice-chair"],
  viewRoster: ["manager", "chair", "vice-chair", "member"],
  callRoll: ["chair", "vice-chair", "manager"],
  raiseActions: ["chair", "manager"],
  draftMinutes: ["manager", "chair", "vice-chair"],
  viewPapers: ["manager", "chair", "vice-chair", "member"],
};

const ROLE_WORDS: Record<Role, string> = {
  manager: "the partnership manager",
  chair: "the chair",
  "vice-chair": "the vice-chair",
  member: "any member",
};

export function can(member: Member | undefined, capability: Capability): boolean {
  return member !== undefined && member.status === "active" && ALLOWED[capability].includes(member.role);
}

/** "the partnership manager" / "the partnership manager, the chair or the vice-chair". */
export function whoCan(capability: Capability): string {
  const words = ALLOWED[capability].map((r) => ROLE_WORDS[r]);
  if (words.length === 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
