import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/papers.json";

// The board's papers on a card: a summary in words, sections of facts (attendance by organisation with
// a text bar, never colour alone) and, in a channel, the signed download links.

export interface PapersCardData {
  title: string;
  lines: string[];
  sections: { heading: string; facts: { title: string; value: string }[]; notes: string[] }[];
  links: { title: string; url: string }[];
  footnote: string;
}

const MAX_FACTS = 40;

export function papersCard(data: PapersCardData): AdaptiveCard {
  const sections = data.sections.map((s) => ({
    ...s,
    facts: s.facts.slice(0, MAX_FACTS),
    notes: s.facts.length > MAX_FACTS ? [...s.notes, `… and ${s.facts.length - MAX_FACTS} more in the register.`] : s.notes,
  }));
  return renderCard(template, { ...data, sections });
}
