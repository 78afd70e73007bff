import { facts, h, fill } from "../dom";
import { NextMeeting } from "../types";
import { boardPath, ViewContext } from "../viewContext";

export async function showNextMeeting(context: ViewContext): Promise<void> {
  const data = await context.api.get<NextMeeting>(boardPath(context, "next"));
  const m = data.meeting;
  if (!m) {
    fill(context.container, h("h2", {}, "Next meeting"), h("p", {}, "No meeting is scheduled. The manager or the chair can schedule one with: meeting <when>, <title>, <where>."));
    return;
  }
  const apologies = data.apologies ?? [];
  const forecast = data.forecast;
  fill(context.container, 
    h("h2", {}, "Next meeting"),
    h("section", { "aria-labelledby": "meeting-title" },
      h("h3", { id: "meeting-title" }, m.title),
      facts([["When", m.when], ["Where", m.where]]),
    ),
    forecast &&
      h("p", { class: `banner ${forecast.canBeQuorate ? "good" : "bad"}` },
        h("span", { class: "mark", "aria-hidden": "true" }, forecast.canBeQuorate ? "✓" : "!"),
        " ", forecast.text,
        forecast.chase.length > 0 && ` Chase a deputy from: ${forecast.chase.join(", ")}.`,
      ),
    h("section", { "aria-labelledby": "agenda-title" },
      h("h3", { id: "agenda-title" }, "Agenda"),
      m.agenda.length === 0
        ? h("p", {}, "No agenda items yet.")
        : h("ol", { class: "agenda" }, m.agenda.map((i) => h("li", {}, h("span", { class: "ref" }, i.ref), " ", i.title, i.presenter && ` (${i.presenter})`, i.forSignOff && h("span", { class: "tag" }, " For sign-off")))),
    ),
    h("section", { "aria-labelledby": "apologies-title" },
      h("h3", { id: "apologies-title" }, `Apologies so far: ${apologies.length}`),
      apologies.length === 0
        ? h("p", {}, "None yet.")
        : h("table", {},
            h("caption", { class: "visually-hidden" }, "Apologies received"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Organisation"), h("th", { scope: "col" }, "Apology"))),
            h("tbody", {}, apologies.map((a) => h("tr", {}, h("th", { scope: "row" }, a.name), h("td", {}, a.organisation), h("td", {}, a.words, a.reason && `: ${a.reason}`)))),
          ),
    ),
  );
}
