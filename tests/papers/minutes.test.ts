import { readFileSync } from "node:fs";
import { join } from "node:path";
import { partnershipIdFor } from "../../storage/keys";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, invokeMessage, person, personalMessage, registerPeople, startTestBot, stranger, TENANT, TestBot } from "../support/teams";
import { markdownTables, readDocx } from "./support";

// The fixture board of 21 March 2024 replayed through the bot over HTTP (import, meeting, the apologies
// as recorded, the roll call as recorded, close), then its draft minutes read back as Word and Markdown.

const fixture = readFileSync(join(__dirname, "../fixtures/board-2024-03-21.csv"), "utf8");
const rows = fixture.trim().split("\n").slice(1);
const recorded = (word: string) => rows.filter((l) => l.endsWith(`,${word}`)).map((l) => l.split(",")[0]!);

// The seed minutes' attendance table (seeds/000), row for row: name (with role), organisation, attendance.
// "(TA)" is the minute-taker's initials, not a record. Where the fixture roster spells the organisation
// otherwise than the seed (it writes "Mid and South Essex ICB", no "(DWP)"…), the fixture's words are
// what Quorate knows, so those six rows expect them; the note says which.
const SEED: Record<string, [string, string, string][]> = {
  Statutory: [
    ["Jenny Barnett, Chair", "Chief Superintendent, Essex Police", "Attended"],
    ["Michael Dineen, Vice Chair", "Acting Director, Counter Fraud, Community Safety and Resilience, Thurrock Council", "Attended"],
    ["Martin Lucas", "The Probation Service", "Apologies"],
    ["Michelle Fraser", "The Probation Service", "Attended"],
    ["Cllr G Collins", "Councillor representative, Police Crime Panel", "Apologies"],
    ["Anthony Atkin", "District Commander, Essex Police", "Attended"],
    ["Mark Eaglestone", "Group Commander, Essex County Fire and Rescue Service", "Apologies"],
    ["Cheryl Wells", "Head of Community Safety, Emergency Planning and Resilience, Thurrock Council", "Attended"],
    ["Margaret Allen", "Mid and South Essex Integrated Care Board (ICB)", ""],
    ["Cllr Jefferies", "Portfolio Holder, Thurrock Council", "Apologies"],
    ["Russ Freeman", "Essex County Fire and Rescue Service", "Apologies"],
  ],
  "Non-statutory": [
    ["Howard Oldstein", "Savills", "Attended"],
    ["Ewelina Sorbjan", "Assistant Director – Housing Management, Thurrock Council", "Attended"],
    ["Clare Moore", "Head of Youth Offending Service and Prevention, Thurrock Council", "Apologies"],
    ["Helen Forster", "Head of Public Health, Thurrock Council", "Attended"],
    ["Mark Tebbs", "Thurrock CVS", "Apologies"],
    ["Shelia Coates", "SERICC", "Apologies"],
    ["Aliyah Monroe", "Department for Work and Pensions (DWP)", "Attended"],
    ["Malcom Taylor", "Adults, Housing and Health, Thurrock Council", "Apologies"],
    ["Simon Bell", "Chair of Thurrock Association of Secondary Schools (TASS), education lead", "Attended"],
    ["Greg Myddelton", "Police, Fire and Crime Commissioner (PFCC)", "Apologies"],
    ["Jo Broadbent", "Director of Public Health, Thurrock Council", "Apologies"],
  ],
  "Ex-officio": [["Michelle Cunningham", "Community Safety Partnership Manager", "Attended"]],
};
const FIXTURE_SPELLING: Record<string, string> = {
  "Councillor representative, Police Crime Panel": "Councillor representative, Police Crime Panel, Police Fire and Crime Panel",
  "Mid and South Essex Integrated Care Board (ICB)": "Mid and South Essex ICB",
  "Department for Work and Pensions (DWP)": "Department for Work and Pensions",
  "Chair of Thurrock Association of Secondary Schools (TASS), education lead": "Chair of Thurrock Association of Secondary Schools, education lead",
  "Police, Fire and Crime Commissioner (PFCC)": "Police, Fire and Crime Commissioner",
  "Community Safety Partnership Manager": "Community Safety Partnership Manager, Thurrock Council",
};
const expected = (category: string) => SEED[category]!.map(([n, o, a]) => [n, FIXTURE_SPELLING[o] ?? o, a]).sort((x, y) => x[0]!.localeCompare(y[0]!));
const sorted = (table: string[][]) => table.slice(1).sort((x, y) => x[0]!.localeCompare(y[0]!));

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-14T10:00:00Z");
let bot: TestBot;
let meetingId: string;

const lastChannelCard = () => cardsIn(bot.connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL) && cardsIn(s.activity).length).at(-1)!.activity)[0]!;
const linksOn = (card: Record<string, unknown>) => (card.actions as { type: string; title: string; url: string }[]).filter((a) => a.type === "Action.OpenUrl");

beforeAll(async () => {
  bot = await startTestBot({}, () => now);
  registerPeople(bot, [...people, stranger]);
  await bot.send(cardAction(manager, "setup.save", { name: "Thurrock Community Safety Partnership", quorumRequired: "4" }));
  await bot.send(channelMessage(manager, `import roster\n${fixture}`));
  await bot.send(channelMessage(manager, "meeting 21 March 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  await bot.send(channelMessage(manager, "agenda 1.1 Introduction and apologies"));
  await bot.send(channelMessage(manager, "agenda 6.2 Annual report 23/24 for sign-off"));
  meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  for (const name of recorded("apologies")) await bot.send(personalMessage(person(people, name), "Please send my apologies for the board on 21 March"));
  now = new Date("2024-03-21T13:58:00Z");
  await bot.send(channelMessage(chair, "roll call"));
  for (const name of recorded("attended")) await bot.send(cardAction(person(people, name), "roll.checkin", { partnershipId, meetingId }));
  now = new Date("2024-03-21T14:20:00Z");
  await bot.send(cardAction(chair, "roll.close", { partnershipId, meetingId }));
  // Not quorate: the chair circulates the sign-off item to the statutory partners.
  const offer = bot.connector.sent.map((s) => cardsIn(s.activity)[0]).find((c) => c && cardText(c).includes("Circulate its sign-off items"))!;
  const button = (offer.actions as { verb: string; data: Record<string, string> }[])[0]!;
  expect(invokeMessage(await bot.send(cardAction(chair, button.verb, button.data)))).toMatch(/Circulated 1 item/);
  now = new Date("2024-03-22T09:00:00Z");
}, 60_000);
afterAll(() => bot.close());

test("the replay recorded the fixture's attendance: 11 apologies and 11 attended", async () => {
  const { attendance } = await bot.store.rollCalls.read(partnershipId, meetingId);
  expect(attendance.filter((a) => a.status === "apologies")).toHaveLength(recorded("apologies").length);
  expect(attendance.filter((a) => a.status === "present")).toHaveLength(recorded("attended").length);
});

describe("`minutes` in the channel: a card with signed links to the Word and Markdown minutes", () => {
  let docx: ReturnType<typeof readDocx>;
  let md: string;

  beforeAll(async () => {
    await bot.send(channelMessage(manager, "minutes"));
    const card = lastChannelCard();
    expect(cardText(card)).toContain("Draft minutes: Board meeting, 21 March 2024");
    const links = linksOn(card);
    expect(links.map((l) => l.title)).toEqual(["Download: Draft minutes (Word)", "Download: Draft minutes (Markdown)"]);
    const word = await fetch(links[0]!.url);
    expect(word.status).toBe(200);
    expect(word.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    docx = readDocx(new Uint8Array(await word.arrayBuffer()));
    const markdown = await fetch(links[1]!.url);
    expect(markdown.status).toBe(200);
    md = await markdown.text();
  });

  test.each(["Statutory", "Non-statutory", "Ex-officio"])("the %s table matches the seed minutes row for row, in Word and Markdown", (category) => {
    const word = docx.tables.find((t) => t.heading === category)!;
    expect(word.rows[0]).toEqual(["Name", "Organisation", "Attendance"]);
    expect(sorted(word.rows)).toEqual(expected(category));
    const mdTable = markdownTables(md).find((t) => t.heading === category)!;
    expect(sorted(mdTable.rows)).toEqual(expected(category));
    // Chair and vice-chair lead their category, as in the seed.
    if (category === "Statutory") expect(word.rows.slice(1, 3).map((r) => r[0])).toEqual(["Jenny Barnett, Chair", "Michael Dineen, Vice Chair"]);
  });

  test("the header names the board, meeting, date and time, place and chair", () => {
    expect(docx.paragraphs).toEqual(expect.arrayContaining(["Thurrock Community Safety Partnership", "Board meeting: minutes, 21 March 2024, 2pm to 4:30pm", "Place: Civic Offices", "Chair: Jenny Barnett, Chief Superintendent, Essex Police."]));
    expect(md).toContain("## Board meeting: minutes, 21 March 2024, 2pm to 4:30pm");
  });

  test("the quorum statement comes from the snapshot at close: not quorate, 3 of 6, 4 needed, naming the missing three", () => {
    const statement = "The board was not quorate: 3 of 6 statutory partners present, 4 needed. Not represented: Essex County Fire and Rescue Service, Mid and South Essex ICB, Police Fire and Crime Panel.";
    const at = docx.paragraphs.indexOf(statement);
    expect(at).toBeGreaterThan(0);
    expect(docx.paragraphs[at + 1]).toBe("As recorded when the roll call closed at 2:20pm.");
    expect(md).toContain(statement);
  });

  test("the item put to sign-off shows it was circulated after the meeting, with its deadline and state", () => {
    const at = docx.paragraphs.indexOf("6.2 Annual report 23/24");
    expect(at).toBeGreaterThan(0);
    expect(docx.paragraphs[at + 1]).toMatch(/^Circulated to statutory partners after the meeting, for sign-off by 4 April 2024\. Now: open \(0 approved.*4 approvals needed\)\.$/);
    expect(docx.paragraphs[at + 2]).toMatch(/^Tally: .*Essex Police: not voted.*\.$/);
    expect(md).toMatch(/### 6\.2 Annual report 23\/24\n\nCirculated to statutory partners after the meeting, for sign-off by 4 April 2024/);
  });

  test("what Quorate does not know is an empty headed place, under every item", () => {
    expect(docx.paragraphs.filter((p) => p === "Discussion: to be written by the secretariat.")).toHaveLength(2);
    expect(docx.paragraphs).toEqual(expect.arrayContaining(["Actions raised at this meeting", "Outstanding actions from earlier meetings", "Future meetings"]));
  });

  test("each download is in the audit table", async () => {
    const downloads = (await bot.store.audit.list(partnershipId)).filter((e) => e.action === "paper.downloaded");
    expect(downloads.map((d) => d.target).sort()).toEqual([`minutes-docx/${meetingId}`, `minutes-md/${meetingId}`]);
  });
});

test("a member who is not manager, chair or vice-chair cannot draft the minutes", async () => {
  await bot.send(channelMessage(person(people, "Howard Oldstein"), "minutes"));
  expect(String(bot.connector.lastPost()!.activity.text)).toMatch(/Only the partnership manager, the chair or the vice-chair can draft the minutes/);
});

test("in a 1:1 chat the minutes come through file consent; accepting uploads the Word file", async () => {
  await bot.send(personalMessage(chair, "minutes 21 March 2024"));
  const offer = bot.connector.sent.filter((s) => s.conversationId === `a:1on1-${chair.aadObjectId}`).flatMap((s) => (s.activity.attachments ?? []) as { contentType: string; name: string; content: { acceptContext: unknown } }[]);
  const consents = offer.filter((a) => a.contentType === "application/vnd.microsoft.teams.card.file.consent");
  expect(consents.map((c) => c.name)).toEqual(["thurrock-community-safety-partnership-minutes-2024-03-21.docx", "thurrock-community-safety-partnership-minutes-2024-03-21.md"]);
  const reply = await bot.send({
    ...personalMessage(chair, ""),
    type: "invoke",
    name: "fileConsent/invoke",
    value: { type: "fileUpload", action: "accept", context: consents[0]!.content.acceptContext, uploadInfo: { name: consents[0]!.name, uploadUrl: `${bot.connector.url}upload/minutes.docx`, contentUrl: "https://contoso.sharepoint.com/minutes.docx", uniqueId: "u2", fileType: "docx" } },
  });
  expect(reply.status).toBe(200);
  const { tables } = readDocx(new Uint8Array(bot.connector.uploads.at(-1)!.bytes));
  expect(sorted(tables.find((t) => t.heading === "Statutory")!.rows)).toEqual(expected("Statutory"));
});

test("a meeting named that does not exist gets a question card; one whose roll was never called says so", async () => {
  await bot.send(channelMessage(manager, "meeting 20 June 2024 2pm to 4:30pm, Board meeting, Civic Offices"));
  now = new Date("2024-06-21T09:00:00Z");
  await bot.send(channelMessage(manager, "minutes 3 May 2024"));
  const question = lastChannelCard();
  expect(cardText(question)).toContain("Which meeting are the minutes for?");
  const june = (question.actions as { title: string; verb: string; data: Record<string, string> }[]).find((a) => a.title.includes("20 June 2024"))!;
  const reply = await bot.send(cardAction(manager, june.verb, june.data));
  const card = (reply.body as { value: Record<string, unknown> }).value;
  const md = await (await fetch(linksOn(card)[1]!.url)).text();
  expect(md).toContain("No roll call was taken at this meeting.");
});
