import { facts, fill, h } from "../dom";
import { Attendance } from "../types";
import { boardPath, ViewContext } from "../viewContext";

// Attendance: by organisation as a chart whose every figure is also said in words, the inquorate
// meetings with who was missing, and the register (scrolls sideways on its own at narrow widths).

export async function showAttendance(context: ViewContext): Promise<void> {
  const data = await context.api.get<Attendance>(boardPath(context, "attendance"));
  if (data.held === 0) {
    fill(context.container, h("h2", {}, "Attendance"), h("p", {}, "No meetings have been held yet."));
    return;
  }
  fill(
    context.container,
    h("h2", {}, "Attendance"),
    h("section", { "aria-labelledby": "by-org" },
      h("h3", { id: "by-org" }, `Statutory partners represented, last ${data.held} meetings held`),
      h("ul", { class: "chart" }, data.organisations.map((o) =>
        h("li", {},
          h("span", { class: "chart-label" }, o.organisation),
          h("span", { class: "chart-bar", "aria-hidden": "true" }, barFill(o.held ? (100 * o.represented) / o.held : 0)),
          h("span", { class: "chart-figure" }, `${o.represented} of ${o.held} meetings${o.percent ? ` (${o.percent})` : ""}`),
        ))),
    ),
    h("section", { "aria-labelledby": "inquorate" },
      h("h3", { id: "inquorate" }, `Meetings that were not quorate: ${data.inquorate.length}`),
      data.inquorate.length === 0 ? h("p", {}, "None.") : h("ul", {}, data.inquorate.map((m) => h("li", {}, h("strong", {}, `${m.date}, ${m.title}: `), m.headline, m.missing.length > 0 && ` Not represented: ${m.missing.join(", ")}.`))),
    ),
    h("section", { "aria-labelledby": "register" },
      h("h3", { id: "register" }, "Attendance register"),
      h("div", { class: "scroll", tabindex: 0, role: "region", "aria-label": "Attendance register, scrolls sideways" },
        h("table", { class: "register" },
          h("caption", { class: "visually-hidden" }, "Attendance register: each member's attendance at each meeting"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Member"), data.register.meetings.map((m) => h("th", { scope: "col" }, m.date)), h("th", { scope: "col" }, "Attended"))),
          h("tbody", {}, data.register.members.map((r) =>
            h("tr", {}, h("th", { scope: "row" }, r.name, h("span", { class: "org" }, ` ${r.organisation}`), r.former && " (former member)"), r.cells.map((c) => h("td", {}, c || "Not recorded")), h("td", {}, r.percent)))),
        ),
      ),
    ),
    facts([["Meetings counted", String(data.held)]]),
  );
}

/** Set through the CSSOM: the CSP allows no inline style attributes. */
function barFill(percent: number): HTMLElement {
  const el = h("span", { class: "chart-fill" });
  el.style.width = `${percent}%`;
  return el;
}
