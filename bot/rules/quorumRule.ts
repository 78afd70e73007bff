import { Category, Member, QuorumRule } from "../domain/types";

// What the quorum rule asks for, worked out from the roster. The roll-call evaluation builds on this.

/** The units that can make a quorum: distinct organisations, or persons, in the counting categories. */
export function countingUnits(members: readonly Member[], rule: QuorumRule): string[] {
  const counting = members.filter((m) => m.status === "active" && rule.categories.includes(m.category));
  if (rule.count === "persons") return counting.map((m) => m.id);
  const seen = new Map<string, string>();
  for (const m of counting) {
    const key = organisationKey(m.organisation);
    if (!seen.has(key)) seen.set(key, m.organisation);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Organisation names compared as people type them: case and spacing do not make a new organisation. */
export function organisationKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export function requiredCount(rule: QuorumRule, units: number): number {
  if (rule.required === "majority") return Math.floor(units / 2) + 1;
  return rule.required;
}

const CATEGORY_WORDS: Record<Category, string> = {
  statutory: "statutory",
  "non-statutory": "non-statutory",
  "ex-officio": "ex-officio",
  "co-opted": "co-opted",
};

export function categoryWords(categories: readonly Category[]): string {
  const words = categories.map((c) => CATEGORY_WORDS[c]);
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export interface QuorumRequirement {
  /** How many organisations (or persons) could count. */
  units: number;
  required: number;
  /** "4 of 6" */
  ratio: string;
  /** "4 of 6 statutory organisations represented" */
  text: string;
  /** Set when the rule can never be met with this roster. */
  warning?: string;
}

export function quorumRequirement(members: readonly Member[], rule: QuorumRule): QuorumRequirement {
  const units = countingUnits(members, rule).length;
  const required = requiredCount(rule, units);
  const noun = rule.count === "organisations" ? (units === 1 ? "organisation" : "organisations") : units === 1 ? "person" : "persons";
  const how = rule.count === "organisations" ? "represented" : "present";
  const text = `${required} of ${units} ${categoryWords(rule.categories)} ${noun} ${how}`;
  const warning =
    required > units
      ? `The quorum rule needs ${required}, but the roster has only ${units} ${categoryWords(rule.categories)} ${noun}: no meeting could be quorate.`
      : undefined;
  return { units, required, ratio: `${required} of ${units}`, text, warning };
}

export function describeRule(rule: QuorumRule): string {
  const needed = rule.required === "majority" ? "a majority" : String(rule.required);
  const what = rule.count === "organisations" ? "organisations represented" : "persons present";
  const deputies = rule.count === "organisations" ? (rule.deputiesCount ? "; named deputies count" : "; deputies do not count") : "";
  return `${needed} of the ${categoryWords(rule.categories)} ${what}${deputies}`;
}
