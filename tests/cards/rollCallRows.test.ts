import { Template } from "adaptivecards-templating";
import { rollCallCard, RollCallCardData } from "../../cards/rollCallCard";
import template from "../../cards/templates/rollCall.json";

// The roll-call card expands each distinct member row once and the card around the rows without
// them (cards/rollCallCard.ts). Whatever the data, that must be exactly the card the template gives
// when expanded whole.

const people = (n: number, status: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => ({ name: `Member ${i}`, organisation: `Org ${i % 6}`, status: status(i) }));

const data = (over: Partial<RollCallCardData>): RollCallCardData => ({
  partnershipId: "p1",
  meetingId: "m-2024-03-21-aaaaaa",
  meetingTitle: "Board meeting",
  when: "Thursday 21 March 2024, 2pm",
  where: "Civic Offices",
  open: true,
  stateText: "Roll call open since 1:55pm.",
  quorate: false,
  headline: "Not quorate: 3 of 6 statutory partners present, 4 needed.",
  missingText: "Not represented: Essex County Fire and Rescue Service.",
  groups: [
    { title: "Statutory", rows: people(11, (i) => (i % 3 ? "Not yet" : "Present (2:05pm)")) },
    { title: "Non-statutory", rows: [] },
    { title: "Ex-officio", rows: people(3, () => "Apologies") },
    { title: "In attendance (guests, not counted)", rows: [{ name: "A Guest", organisation: "", status: "In attendance (2:10pm)" }] },
  ],
  viewerText: "You: Present (2:05pm)",
  chair: true,
  memberChoices: [{ title: "Member 0 (Org 0)", value: "m0" }],
  refreshUserIds: ["29:a"],
  ...over,
});

/** The template expanded whole, as rollCallCard did before rows were expanded one by one. */
function whole(d: RollCallCardData) {
  const card = new Template(template).expand({
    $root: { ...d, where: d.where ? `, ${d.where}` : "", bannerStyle: d.quorate ? "good" : "attention", bannerColor: d.quorate ? "Good" : "Attention", bannerIcon: d.quorate ? "✔" : "✖", groups: d.groups.filter((g) => g.rows.length > 0).map((g) => ({ ...g, count: g.rows.length })) },
  }) as Record<string, unknown>;
  if (d.refreshUserIds.length > 0) card.refresh = { action: { type: "Action.Execute", title: "Refresh", verb: "roll.refresh", data: { partnershipId: d.partnershipId, meetingId: d.meetingId } }, userIds: d.refreshUserIds };
  return card;
}
/** Without the Action.Submit fallbacks renderCard adds to every card alike. */
const withoutFallbacks = (card: unknown) => JSON.parse(JSON.stringify(card), (k, v) => (k === "fallback" ? undefined : v));

test.each([
  ["the chair's view", data({})],
  ["a member's view, quorate, no viewer line", data({ chair: false, memberChoices: [], quorate: true, missingText: "", viewerText: "" })],
  ["a group's title that another group's row also says", data({ groups: [{ title: "Statutory", rows: [{ name: "Statutory (1)", organisation: "x", status: "Not yet" }] }, { title: "Co-opted", rows: people(1, () => "Left (3:00pm)") }] })],
  ["nobody on the board", data({ groups: [], memberChoices: [] })],
])("%s: the same card as the template expanded whole", (_name, d) => {
  expect(withoutFallbacks(rollCallCard(d))).toEqual(withoutFallbacks(whole(d)));
});

test("a row's element is shared between cards and cannot be changed through one of them", () => {
  const a = rollCallCard(data({})) as unknown as { body: { items?: unknown[] }[] };
  const b = rollCallCard(data({ quorate: true })) as unknown as { body: { items?: unknown[] }[] };
  const rowOf = (card: typeof a) => card.body.find((el) => el.items && el.items.length > 5)!.items![1] as Record<string, unknown>;
  expect(rowOf(a)).toBe(rowOf(b));
  expect(() => {
    "use strict";
    rowOf(a).spacing = "Large";
  }).toThrow(TypeError);
});
