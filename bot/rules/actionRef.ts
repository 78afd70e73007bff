// Action references as minutes quote them: "A-2024-017". The year keeps numbers short and readable;
// three digits at least so a year's log sorts as text, more once a board passes 999 in a year.

/** The stored (canonical) form, for zod: `z.string().regex(ACTION_REF)`. */
export const ACTION_REF = /^A-\d{4}-\d{3,}$/;

export function formatRef(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a four-digit year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Not an action number: ${seq}`);
  return `A-${year}-${String(seq).padStart(3, "0")}`;
}

// As people type it back: "a-2024-17", "A2024-017", "A-2024/17", "A-2024-017." at the end of a sentence.
const TYPED_REF = /^a\s*[-\u2010-\u2015]?\s*(\d{4})\s*[-\u2010-\u2015/]?\s*(\d{1,6})$/i;

export function parseRef(s: string): { year: number; seq: number } | undefined {
  const m = TYPED_REF.exec(s.trim().replace(/[.,;:!?)]+$/, ""));
  if (!m) return undefined;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  return year >= 1000 && seq >= 1 ? { year, seq } : undefined;
}
