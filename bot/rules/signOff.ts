import { Member } from "../domain/types";
import { organisationKey } from "./quorumRule";

// Sign-off votes as plain data, and the function that decides them. Silence is never consent: only
// votes actually cast count.

export const VOTE_OPTIONS = ["approve", "approve-amendments", "reject", "abstain"] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

export interface SignOffRule {
  /** One vote per statutory organisation (any of its statutory members), or one per member. */
  voters: "statutory-organisations" | "all-members";
  pass: { kind: "majority" } | { kind: "unanimous" } | { kind: "at-least"; count: number };
}

export const DEFAULT_SIGN_OFF_RULE: SignOffRule = { voters: "statutory-organisations", pass: { kind: "majority" } };

export type SignOffState = "open" | "approved" | "rejected" | "expired";

export interface Tally {
  state: SignOffState;
  eligible: number;
  approvals: number;
  rejections: number;
  abstentions: number;
  notVoted: number;
  /** Approvals needed to pass. */
  needed: number;
  /** How many more approvals would pass it now (0 once approved). */
  moreNeeded: number;
}

export const OPTION_WORDS: Record<VoteOption, string> = {
  approve: "Approve",
  "approve-amendments": "Approve with amendments",
  reject: "Reject",
  abstain: "Abstain",
};

/** Amendments and rejections must say why. */
export const needsComment = (option: VoteOption) => option === "approve-amendments" || option === "reject";

/** The key a member votes under: their organisation (statutory rule) or themselves. */
export function voterKey(member: Member, rule: SignOffRule): string | undefined {
  if (member.status !== "active") return undefined;
  if (rule.voters === "all-members") return member.id;
  return member.category === "statutory" ? organisationKey(member.organisation) : undefined;
}

/** Every key that may vote, with the name shown on the tally. */
export function eligibleVoters(roster: readonly Member[], rule: SignOffRule): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of roster) {
    const key = voterKey(m, rule);
    if (key && !out.has(key)) out.set(key, rule.voters === "all-members" ? m.name : m.organisation);
  }
  return out;
}

export function neededApprovals(rule: SignOffRule, eligible: number): number {
  switch (rule.pass.kind) {
    case "majority":
      return Math.floor(eligible / 2) + 1;
    case "unanimous":
      return eligible;
    case "at-least":
      return rule.pass.count;
  }
}

/**
 * Approved as soon as the approvals reach the rule; rejected as soon as it can no longer pass even if
 * everyone yet to vote approves; expired at the deadline if neither. An abstention is a vote cast that
 * does not approve.
 */
export function decide(eligible: readonly string[], votes: ReadonlyMap<string, VoteOption>, rule: SignOffRule, now: Date, deadline: Date): Tally {
  const cast = eligible.map((key) => votes.get(key)).filter((v): v is VoteOption => v !== undefined);
  const approvals = cast.filter((v) => v === "approve" || v === "approve-amendments").length;
  const rejections = cast.filter((v) => v === "reject").length;
  const abstentions = cast.filter((v) => v === "abstain").length;
  const notVoted = eligible.length - cast.length;
  const needed = neededApprovals(rule, eligible.length);
  let state: SignOffState = "open";
  if (needed > 0 && approvals >= needed) state = "approved";
  else if (approvals + notVoted < needed || eligible.length === 0) state = "rejected";
  else if (now.getTime() >= deadline.getTime()) state = "expired";
  return { state, eligible: eligible.length, approvals, rejections, abstentions, notVoted, needed, moreNeeded: Math.max(0, needed - approvals) };
}

/** Who may vote, in words: one of the two things a sign-off's rule says. */
export function describeVoters(rule: SignOffRule): string {
  return rule.voters === "statutory-organisations" ? "Statutory partners, one vote per organisation" : "All members, one vote each";
}

/** What passes, in words, with the number it comes to when the voters are known. */
export function describePass(rule: SignOffRule, eligible?: number): string {
  const of = eligible === undefined ? "" : ` (${neededApprovals(rule, eligible)} of ${eligible})`;
  const who = rule.voters === "statutory-organisations" ? "organisations" : "members";
  if (rule.pass.kind === "majority") return `A majority of the ${who} who may vote approves${of}; silence is not a vote`;
  if (rule.pass.kind === "unanimous") return `Every one of the ${who} who may vote approves${of}`;
  return `At least ${rule.pass.count} approve${eligible === undefined ? "" : ` (of ${eligible})`}`;
}
