import { cell } from "../../rules/actionsCsv";
import { Register } from "../../rules/papers/register";

// The attendance register as CSV: members, then organisations, with a UTF-8 byte order mark for Excel.

export function registerCsv(r: Register): string {
  const head = ["Name", "Organisation", "Category", "Member", ...r.meetings.map((m) => m.date), "Attended", "Of", "Attendance"];
  const lines = [head.map(cell).join(",")];
  for (const m of r.members) {
    lines.push([m.name, m.organisation, m.category, m.former ? "former" : "current", ...m.cells, String(m.attended), String(m.of), m.percent].map(cell).join(","));
  }
  lines.push("", ["Organisation", "Represented", "Of", "Attendance"].map(cell).join(","));
  for (const o of r.organisations) lines.push([o.organisation, String(o.represented), String(o.of), o.percent].map(cell).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
