// Which of a person's boards a message in their 1:1 chat is about, from its words: "apologies for the
// Basildon board on the 18th" names Basildon. Plain data in, ids out.

export interface NamedBoard {
  id: string;
  name: string;
}

/** Words that every partnership's name shares, so they name none in particular. */
const COMMON = new Set([
  "the", "of", "and", "for", "a", "an", "&", "board", "boards", "partnership", "partnerships", "community", "safety", "safer", "csp", "meeting",
  "meetings", "group", "panel", "forum", "committee", "leadership", "strategic", "executive", "example", "council", "borough", "district", "city", "county",
]);

const words = (s: string) => s.toLowerCase().replace(/[()[\],.;:!?"“”'’]/g, " ").split(/\s+/).filter(Boolean);

/** The words of a board's name that tell it apart from the others. */
function distinctive(board: NamedBoard, others: readonly NamedBoard[]): string[] {
  const theirs = new Set(others.filter((o) => o.id !== board.id).flatMap((o) => words(o.name)));
  return words(board.name).filter((w) => w.length >= 3 && !COMMON.has(w) && !theirs.has(w));
}

/**
 * The one board the text names, by a distinctive word of its name (or its whole name); undefined when
 * it names none or more than one.
 */
export function boardNamedIn(text: string, boards: readonly NamedBoard[]): NamedBoard | undefined {
  if (boards.length < 2) return undefined;
  const said = new Set(words(text));
  const lower = ` ${words(text).join(" ")} `;
  const named = boards.filter((b) => lower.includes(` ${words(b.name).join(" ")} `) || distinctive(b, boards).some((w) => said.has(w)));
  return named.length === 1 ? named[0] : undefined;
}

/** "Thurrock CSP and Basildon CSP" */
export function boardList(boards: readonly NamedBoard[]): string {
  const names = boards.map((b) => `**${b.name}**`);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
