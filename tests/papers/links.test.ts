import { partnershipIdFor } from "../../storage/keys";
import { cardAction, cardsIn, cardText, CHANNEL, channelMessage, examplePeople, person, startExampleBoard, stranger, TENANT, TestBot } from "../support/teams";

// `attendance register` and `attendance` in the channel: a summary card, and signed download links that
// the bot serves itself. A good link downloads; tampered, expired or another board's get 403 and nothing else.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const member = person(people, "Howard Oldstein");
const partnershipId = partnershipIdFor(TENANT, CHANNEL);
let now = new Date("2024-03-21T13:50:00Z");
let bot: TestBot;
let csvUrl: string;
let xlsxUrl: string;

const lastCard = () => cardsIn(bot.connector.sent.filter((s) => cardsIn(s.activity).length).at(-1)!.activity)[0]!;

beforeAll(async () => {
  bot = await startExampleBoard(() => now);
  await bot.send(channelMessage(manager, "meeting today 2pm to 4:30pm, Board meeting, Civic Offices"));
  const meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
  await bot.send(channelMessage(chair, "roll call"));
  for (const name of ["Jenny Barnett", "Michael Dineen", "Michelle Fraser", "Howard Oldstein"]) await bot.send(cardAction(person(people, name), "roll.checkin", { partnershipId, meetingId }));
  await bot.send(cardAction(chair, "roll.close", { partnershipId, meetingId }));
  now = new Date("2024-03-22T10:00:00Z");
  await bot.send(channelMessage(member, "attendance register"));
  const links = (lastCard().actions as { type: string; title: string; url: string }[]).filter((a) => a.type === "Action.OpenUrl");
  expect(links.map((l) => l.title)).toEqual(["Download: Attendance register (CSV)", "Download: Attendance register (Excel)"]);
  [csvUrl, xlsxUrl] = links.map((l) => l.url) as [string, string];
}, 60_000);
afterAll(() => bot.close());

const refused = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(403);
  expect(await response.text()).toBe("");
};

test("the register's card sums it up in words", () => {
  const text = cardText(lastCard());
  expect(text).toContain("Attendance register: the last one meeting");
  expect(text).toContain("Essex Police: 1 of 1 (100%)");
  expect(text).toContain("Mid and South Essex ICB: 0 of 1 (0%)");
});

test("a good link downloads the file, and the download is audited", async () => {
  const csv = await fetch(csvUrl);
  expect(csv.status).toBe(200);
  expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename=".*attendance-register-2024-03-22\.csv"$/);
  const text = (await csv.text()).replace(/^\uFEFF/, "");
  expect(text).toMatch(/^Name,Organisation,Category,Member,21\/03\/2024,Attended,Of,Attendance\r\n/);
  expect(text).toContain("Howard Oldstein,Savills,non-statutory,current,Attended,1,1,100%");
  const xlsx = await fetch(xlsxUrl);
  expect(xlsx.status).toBe(200);
  expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
  const audited = (await bot.store.audit.list(partnershipId)).filter((e) => e.action === "paper.downloaded");
  expect(audited.map((e) => e.target).sort()).toEqual(["register-csv/last-12", "register-xlsx/last-12"]);
});

test("a tampered link is refused: signature, count or kind changed", async () => {
  const url = new URL(csvUrl);
  const sig = url.searchParams.get("sig")!;
  url.searchParams.set("sig", (sig[0] === "A" ? "B" : "A") + sig.slice(1));
  await refused(url.toString());
  const more = new URL(csvUrl);
  more.searchParams.set("n", "120");
  await refused(more.toString());
  await refused(csvUrl.replace("/register-csv?", "/register-xlsx?"));
  const later = new URL(csvUrl);
  later.searchParams.set("exp", String(Number(later.searchParams.get("exp")) + 60_000));
  await refused(later.toString());
});

test("a link used for another board is refused", async () => {
  const other = partnershipIdFor(TENANT, "19:another-board@thread.tacv2");
  await refused(csvUrl.replace(`/papers/${partnershipId}/`, `/papers/${other}/`));
});

test("an expired link is refused, and a new one can be asked for", async () => {
  now = new Date(now.getTime() + 16 * 60_000);
  await refused(csvUrl);
  await bot.send(channelMessage(member, "attendance register last 1"));
  const fresh = (lastCard().actions as { type: string; url: string }[]).find((a) => a.type === "Action.OpenUrl")!.url;
  expect((await fetch(fresh)).status).toBe(200);
});

test("`attendance`: each organisation's meetings in words with a text bar, and the inquorate meeting with who was missing", async () => {
  await bot.send(channelMessage(member, "attendance"));
  const text = cardText(lastCard());
  expect(text).toContain("Attendance by organisation, last 12 months");
  expect(text).toContain("One meeting held. Not quorate at one of them.");
  expect(text).toContain("Essex Police: █ one of one meeting (100%)");
  expect(text).toContain("Police Fire and Crime Panel: ░ none of one meeting (0%)");
  expect(text).toMatch(/21 March 2024: Not quorate: 3 of 6 statutory partners present, 4 needed\. Missing: Essex County Fire and Rescue Service, Mid and South Essex ICB, Police Fire and Crime Panel\./);
});

test("someone not on the board gets neither", async () => {
  await bot.send(channelMessage(stranger, "attendance register"));
  expect(String(bot.connector.lastPost()!.activity.text)).toMatch(/Only members of this board can have its attendance register/);
  await bot.send(channelMessage(stranger, "attendance"));
  expect(String(bot.connector.lastPost()!.activity.text)).toMatch(/Only members of this board can see its attendance/);
});
