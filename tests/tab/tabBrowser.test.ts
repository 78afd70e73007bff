import { Page } from "playwright-core";
import { Browser, seriousViolations, startBrowser } from "./browser";
import { me, others, seedExampleBoard } from "./seed";
import { cardAction, cardText, cardsIn, channelMessage, person, startTestBot, TestBot } from "../support/teams";

// The tab in a real browser (Debian's chromium through playwright-core) against the real bot and
// Azurite in local mode: outside Teams app.initialize() fails and the tab runs as the playground's user.
// The clock is a Thursday half an hour before the demo's meeting of the day (2pm, British Summer Time).

const NOW = new Date("2026-06-18T12:30:00Z");
const VIEWS = [
  { id: "next", title: "Next meeting" },
  { id: "rollcall", title: "Roll call" },
  { id: "actions", title: "Actions" },
  { id: "signoffs", title: "Sign-offs" },
  { id: "attendance", title: "Attendance" },
  { id: "papers", title: "Papers" },
];

let bot: TestBot;
let browser: Browser;
let boardId: string;
let meetingId: string;
let ref: string;

beforeAll(async () => {
  [bot, browser] = await Promise.all([startTestBot({}, () => NOW), startBrowser()]);
  ({ boardId, meetingId, ref } = await seedExampleBoard(bot, "2026-06-18"));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

async function openView(page: Page, view: string, query = ""): Promise<void> {
  await page.goto(`${bot.app.url}/tab/${query}#${view}`);
  await page.locator(`#view[data-ready="${view}"]`).waitFor();
}

const viewText = (page: Page) => page.locator("#view").innerText();

test("each view shows the example board", async () => {
  const page = await browser.page();
  await openView(page, "next");
  expect(await page.locator("h1").innerText()).toBe("Thurrock Community Safety Partnership (example)");
  const next = await viewText(page);
  expect(next).toContain("Board meeting");
  expect(next).toContain("Civic Offices, Grays");
  expect(next).toContain("Thursday 18 June 2026, 2pm to 4:30pm");
  expect(next).toMatch(/9\.1\s+Serious violence duty/);
  expect(next).toContain("Martin Lucas");
  expect(next).toContain("urgent operational matter"); // the manager sees reasons
  expect(next).toMatch(/Can still be quorate/);

  await openView(page, "rollcall");
  expect(await viewText(page)).toContain("The roll call has not been opened yet.");
  expect(await viewText(page)).toMatch(/Not quorate: 0 of 6 statutory partners present, 4 needed\./);
  expect(await viewText(page)).toMatch(/Martin Lucas\s+The Probation Service\s+Apologies/);

  await openView(page, "actions");
  expect(await viewText(page)).toContain("Circulate the Prevent strategy to statutory partners");
  expect(await viewText(page)).toContain("Cheryl Wells");

  await openView(page, "signoffs");
  const signOffs = await viewText(page);
  expect(signOffs).toContain("Serious violence duty strategy");
  expect(signOffs).toContain("Annual report 2023/24"); // circulated after the inquorate March meeting
  expect(signOffs).toMatch(/Essex Police\s+Yet to vote/);

  // The March meeting is the one held: not quorate, 3 of 6, and the register with its words.
  await openView(page, "attendance");
  const attendance = await viewText(page);
  expect(attendance).toMatch(/Essex Police\s+1 of 1 meetings \(100%\)/);
  expect(attendance).toMatch(/Essex County Fire and Rescue Service\s+0 of 1 meetings \(0%\)/);
  expect(attendance).toMatch(/Meetings that were not quorate: 1/);
  expect(attendance).toMatch(/Not quorate: 3 of 6 statutory partners present, 4 needed\./);
  expect(attendance).toMatch(/Martin Lucas The Probation Service\s+Apologies/);

  await openView(page, "papers");
  const links = await page.locator("#view a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  expect(links.map(([label]) => label)).toEqual(["Draft minutes (Word)", "Draft minutes (Markdown)", "Attendance register (CSV)", "Attendance register (Excel)", "Action log (CSV)"]);
  const markdown = await fetch(links[1]![1]!);
  expect(markdown.status).toBe(200);
  expect(await markdown.text()).toMatch(/Thursday 21 March 2024|21 March 2024/);
  const actionLog = await fetch(links[4]![1]!);
  expect(actionLog.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(await actionLog.text()).toContain("Circulate the Prevent strategy to statutory partners");
  await page.close();
});

test("the three Teams themes, each with no serious or critical axe finding on any view", async () => {
  const page = await browser.page();
  const backgrounds = new Set<string>();
  for (const theme of ["default", "dark", "contrast"]) {
    for (const view of VIEWS) {
      await openView(page, view.id, `?theme=${theme}`);
      expect(await page.evaluate<string>("document.body.dataset.theme")).toBe(theme);
      expect({ theme, view: view.id, violations: await seriousViolations(page) }).toEqual({ theme, view: view.id, violations: [] });
    }
    backgrounds.add(await page.evaluate<string>("getComputedStyle(document.body).backgroundColor"));
  }
  expect([...backgrounds]).toEqual(["rgb(255, 255, 255)", "rgb(31, 31, 31)", "rgb(0, 0, 0)"]);
  await page.close();
});

test("the roll call is live: a check-in shows without a reload", async () => {
  const page = await browser.page();
  await openView(page, "rollcall");
  await bot.send(channelMessage(me, "roll call"));
  const anthony = person(others(), "Anthony Atkin");
  await bot.send(cardAction(anthony, "roll.checkin", { partnershipId: boardId, meetingId }));
  const line = page.locator('li[data-status="present"]', { hasText: "Anthony Atkin" });
  await line.waitFor({ timeout: 20_000 });
  expect(await line.innerText()).toMatch(/Present \(1:30pm\)/);
  expect(await page.locator("#quorum").innerText()).toMatch(/Not quorate: 1 of 6 statutory partners present/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test("keyboard only: open Actions, update an action with a note, and the card in the channel follows", async () => {
  const page = await browser.page();
  await openView(page, "next");
  const channelCard = bot.connector.sent.find((s) => s.method === "POST" && cardText(cardsIn(s.activity)[0]).includes(ref));
  expect(channelCard).toBeDefined();
  // Tab through the page to the navigation's "Actions" and press Enter: focus lands on the view's heading.
  for (let i = 0; i < 10 && (await page.evaluate<string>("document.activeElement?.textContent")) !== "Actions"; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator('#view[data-ready="actions"]').waitFor();
  expect(await page.evaluate<string>('document.activeElement?.tagName + " " + document.activeElement?.textContent')).toBe("H2 Actions");
  for (let i = 0; i < 150 && (await page.evaluate<string>('document.activeElement?.id ?? ""')) !== `update-${ref}`; i++) await page.keyboard.press("Tab");
  expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe(`update-${ref}`);
  await page.keyboard.press("Enter"); // opens the form, focus on the status
  expect(await page.evaluate<string>("document.activeElement?.labels?.[0]?.textContent")).toBe("New status");
  await page.keyboard.press("ArrowDown"); // Open → In progress
  await page.keyboard.press("Tab");
  await page.keyboard.type("Draft shared with the council");
  await page.keyboard.press("Tab"); // past the hint to Save
  await page.keyboard.press("Enter");
  await page.locator("#status", { hasText: `${ref} is now in progress.` }).waitFor();

  const action = (await bot.store.actions.all(boardId)).find((a) => a.ref === ref)!;
  expect(action.status).toBe("in-progress");
  expect(action.history.at(-1)).toMatchObject({ to: "in-progress", note: "Draft shared with the council", byName: "Michelle Cunningham" });
  await bot.app.idle();
  const updated = bot.connector.sent.filter((s) => s.method === "PUT" && s.replyToId === channelCard!.activityId);
  expect(updated.length).toBeGreaterThan(0);
  expect(cardText(cardsIn(updated.at(-1)!.activity)[0])).toMatch(/In progress: Draft shared with the council/);
  await page.locator(`li[data-ref="${ref}"]`, { hasText: "In progress" }).waitFor();
  await page.close();
});

test("at Teams mobile's narrow width nothing runs off the side", async () => {
  const page = await browser.page({ width: 360, height: 740 });
  for (const view of VIEWS) {
    await openView(page, view.id);
    expect({ view: view.id, overflow: await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth") }).toEqual({ view: view.id, overflow: 0 });
  }
  await page.close();
});
