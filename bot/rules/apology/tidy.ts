// Step 1 of reading an apology: tidy chat shorthand and split the text into tokens that keep their offsets.

// Chat shorthand and common misspellings, so the rules below only need the proper words.
const SPELLINGS: [RegExp, string][] = [
  [/\b(?:ap+ol+og+[iy]?e?s|ap+ol+g[iy]e?s|ap+ol+ig[iy]e?s|ap+log[iy]e?s|ap+ol+oig[iy]?e?s|ap+ols?)\b/gi, "apologies"],
  [/\bcant\b/gi, "can't"],
  [/\bwont\b/gi, "won't"],
  [/\bcouldnt\b/gi, "couldn't"],
  [/\b[iI]m\b/g, "I'm"],
  [/\b[iI]ve\b/g, "I've"],
  [/\b(?:tmrw|tmw|tmrow|tomoz|2moro|2morrow|tomorow|tommorow|tommorrow)\b/gi, "tomorrow"],
  [/\b2day\b/gi, "today"],
  [/\bweds\b/gi, "Wednesday"],
  [/\bmtg\b/gi, "meeting"],
  [/\b(?:b\/c|cos|coz|cuz)\b/gi, "because"],
  [/\b(?:pls|plz)\b/gi, "please"],
];

export function tidy(text: string): string {
  let s = text
    .replace(/<at>.*?<\/at>/gi, " ") // a Teams mention of the bot
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u02BC\u2032`]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s*[\u2012-\u2015\u2212]\s*/g, " - ")
    // A line break ends a sentence, as a full stop would.
    .replace(/([^.!?,;:\s])[ \t]*\r?\n+/g, "$1. ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [from, to] of SPELLINGS) s = s.replace(from, to);
  return s;
}

export interface Tok {
  text: string;
  /** Lower case, without a possessive "'s": "thursday" for "Thursday's". */
  low: string;
  start: number;
  end: number;
}

// Words keep inner apostrophes, hyphens, slashes and dots ("I'm", "Smith-Jones", "20/06", "20.06");
// every other mark is a token of its own.
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}'\-/]|\.(?=[\p{L}\p{N}]))*|[^\s\p{L}\p{N}]/gu;

export function tokenise(s: string): Tok[] {
  return [...s.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    low: m[0].toLowerCase().replace(/'s?$/, ""),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

export const isWord = (t: Tok | undefined): boolean => t !== undefined && /^[\p{L}\p{N}]/u.test(t.text);
export const isCapital = (t: Tok | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t.text);

export type Span = { from: number; to: number };
