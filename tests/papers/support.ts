import { unzipSync, strFromU8 } from "fflate";

// Reading the papers back the way a person's Word would: the document XML inside the .docx.

export interface DocxTable {
  /** The heading paragraph just before the table. */
  heading: string;
  rows: string[][];
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join("").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/** The paragraphs' text and the tables (each with the heading above it), in document order. */
export function readDocx(bytes: Uint8Array): { paragraphs: string[]; tables: DocxTable[] } {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["word/document.xml"]!);
  const paragraphs: string[] = [];
  const tables: DocxTable[] = [];
  for (const block of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p\b[\s\S]*?<\/w:p>/g)) {
    const part = block[0];
    if (part.startsWith("<w:tbl>")) {
      const rows = [...part.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])));
      tables.push({ heading: paragraphs.at(-1) ?? "", rows });
    } else {
      paragraphs.push(textOf(part));
    }
  }
  return { paragraphs, tables };
}

/** Markdown tables under their "### heading". */
export function markdownTables(md: string): DocxTable[] {
  const tables: DocxTable[] = [];
  let heading = "";
  let current: DocxTable | undefined;
  for (const line of md.split("\n")) {
    if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
    if (line.startsWith("|")) {
      if (!current) tables.push((current = { heading, rows: [] }));
      if (/^\|(---\|)+$/.test(line)) continue;
      current.rows.push(line.slice(2, -2).split(" | ").map((c) => c.replace(/\\\|/g, "|")));
    } else current = undefined;
  }
  return tables;
}
