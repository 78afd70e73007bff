// A roster pasted into Teams arrives as HTML: back to plain lines and tab-separated cells.

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  hellip: "\u2026",
};
// Only tags Teams actually sends are treated as HTML, so plain text such as "<jenny@example.org>"
// or "a < b" is left alone.
const LOOKS_LIKE_HTML = /<\/?(p|br|div|span|table|tbody|thead|tr|td|th|a|b|i|u|s|em|strong|at|ul|ol|li|pre|code|h[1-6]|blockquote|font|img|strike|sup|sub)\b[^>]*>/i;

/**
 * Turns a Teams message's HTML (paragraphs, line breaks, tables pasted from Word or Excel, entities)
 * into plain text with one line per paragraph or table row and tabs between table cells.
 */
export function plainTextFromTeams(text: string): string {
  let out = text.replace(/\r\n?/g, "\n");
  if (LOOKS_LIKE_HTML.test(out)) {
    out = out
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/p>\s*(?=<\/t[dh]>)/gi, "") // Word wraps each cell's text in a paragraph
      .replace(/<\/t[dh]>\s*<\/tr>/gi, "\n") // last cell of a row: no trailing tab
      .replace(/<\/t[dh]>/gi, "\t")
      .replace(/<\/(p|div|li|tr|pre|h[1-6]|blockquote)>/gi, "\n")
      .replace(/<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/gi, "");
  }
  // One pass, so "&amp;lt;" becomes "&lt;" and not "<".
  out = out.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
  return out.replace(/\u00A0/g, " ");
}
