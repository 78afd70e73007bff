import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { MinutesDoc } from "../../rules/papers/minutesTypes";

// The draft minutes as a Word document (docx), laid out as the board's published minutes are.

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
const para = (text: string, italics = false) => new Paragraph({ children: [new TextRun({ text, italics })] });

function table(head: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(head, true), ...rows.map((r) => row(r, false))] });
}

export async function minutesDocx(doc: MinutesDoc): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [heading(doc.board, HeadingLevel.TITLE), heading(`${doc.title}: minutes, ${doc.date}, ${doc.time}`, HeadingLevel.HEADING_1)];
  if (doc.place) body.push(para(`Place: ${doc.place}`));
  if (doc.chair) body.push(para(`Chair: ${doc.chair}.`));
  body.push(heading("Attendees and apologies", HeadingLevel.HEADING_1));
  for (const t of doc.attendance) {
    body.push(heading(t.title, HeadingLevel.HEADING_2), table(["Name", "Organisation", "Attendance"], t.rows.map((r) => [r.name, r.organisation, r.attendance])));
  }
  body.push(heading("Quorum", HeadingLevel.HEADING_2), ...doc.quorum.map((l) => para(l)));
  body.push(heading("Items discussed", HeadingLevel.HEADING_1));
  for (const item of doc.items) {
    body.push(heading(`${item.ref} ${item.title}`, HeadingLevel.HEADING_2), ...item.signOff.map((l) => para(l)), para(doc.discussionPlaceholder, true));
  }
  if (doc.items.length === 0) body.push(para("No agenda items were recorded."), para(doc.discussionPlaceholder, true));
  for (const s of doc.otherSignOffs) body.push(heading(`Sign-off: ${s.title}`, HeadingLevel.HEADING_2), ...s.lines.map((l) => para(l)));
  body.push(heading("Actions raised at this meeting", HeadingLevel.HEADING_1));
  body.push(doc.actionsRaised.length ? table(["Ref", "Action", "Owner", "Due"], doc.actionsRaised.map((a) => [a.ref, a.action, a.owner, a.due])) : para("None recorded."));
  body.push(heading("Outstanding actions from earlier meetings", HeadingLevel.HEADING_1));
  body.push(
    doc.outstanding.length
      ? table(["Ref", "Action", "Owner", "Due", "Status", "Latest update"], doc.outstanding.map((a) => [a.ref, a.action, a.owner, a.due, a.status, a.latest]))
      : para("None."),
  );
  body.push(heading("Future meetings", HeadingLevel.HEADING_1));
  body.push(doc.future.length ? table(["Date", "Meeting", "Place"], doc.future.map((f) => [f.date, f.title, f.place])) : para("None scheduled."));
  const file = new Document({ creator: "Quorate", title: `${doc.board}: ${doc.title}, ${doc.date}`, sections: [{ children: body }] });
  return Packer.toBuffer(file);
}
