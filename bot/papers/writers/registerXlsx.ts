import type { Register } from "../../rules/papers/register";

// The attendance register as an Excel workbook: a "Members" sheet and an "Organisations" sheet.
// exceljs takes about half a second to load, so it is loaded on the first register, not at start.

export async function registerXlsx(r: Register): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Quorate";
  const members = book.addWorksheet("Members");
  members.addRow(["Name", "Organisation", "Category", "Member", ...r.meetings.map((m) => m.date), "Attended", "Of", "Attendance"]).font = { bold: true };
  for (const m of r.members) members.addRow([m.name, m.organisation, m.category, m.former ? "former" : "current", ...m.cells, m.attended, m.of, m.percent]);
  members.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  const orgs = book.addWorksheet("Organisations");
  orgs.addRow(["Organisation", "Represented", "Of", "Attendance"]).font = { bold: true };
  for (const o of r.organisations) orgs.addRow([o.organisation, o.represented, o.of, o.percent]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
