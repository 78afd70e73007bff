import { MinutesDoc } from "../../rules/papers/minutesTypes";

// The draft minutes as Markdown: the same content as the Word document, for pasting or the tab.

const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");

export function minutesMarkdown(doc: MinutesDoc): string {
  const out: string[] = [];
  out.push(`# ${doc.board}`, "", `## ${doc.title}: minutes, ${doc.date}, ${doc.time}`, "");
  if (doc.place) out.push(`Place: ${doc.place}`, "");
  if (doc.chair) out.push(`Chair: ${doc.chair}.`, "");
  out.push("## Attendees and apologies", "");
  for (const t of doc.attendance) {
    out.push(`### ${t.title}`, "", table(["Name", "Organisation", "Attendance"], t.rows.map((r) => [r.name, r.organisation, r.attendance])), "");
  }
  out.push("### Quorum", "", ...doc.quorum.flatMap((l) => [l, ""]));
  out.push("## Items discussed", "");
  for (const item of doc.items) {
    out.push(`### ${item.ref} ${item.title}`, "");
    for (const line of item.signOff) out.push(line, "");
    out.push(`_${doc.discussionPlaceholder}_`, "");
  }
  if (doc.items.length === 0) out.push("No agenda items were recorded.", "", `_${doc.discussionPlaceholder}_`, "");
  for (const s of doc.otherSignOffs) out.push(`### Sign-off: ${s.title}`, "", ...s.lines.flatMap((l) => [l, ""]));
  out.push("## Actions raised at this meeting", "");
  out.push(doc.actionsRaised.length ? table(["Ref", "Action", "Owner", "Due"], doc.actionsRaised.map((a) => [a.ref, a.action, a.owner, a.due])) : "None recorded.", "");
  out.push("## Outstanding actions from earlier meetings", "");
  out.push(
    doc.outstanding.length
      ? table(["Ref", "Action", "Owner", "Due", "Status", "Latest update"], doc.outstanding.map((a) => [a.ref, a.action, a.owner, a.due, a.status, a.latest]))
      : "None.",
    "",
  );
  out.push("## Future meetings", "");
  out.push(doc.future.length ? table(["Date", "Meeting", "Place"], doc.future.map((f) => [f.date, f.title, f.place])) : "None scheduled.", "");
  return out.join("\n");
}
