import { announce, h, fill } from "../dom";
import { RollCall } from "../types";
import { boardPath, ViewContext } from "../viewContext";

/** Live while the view is open: asked again every few seconds (a 304 when nothing changed). */
export const POLL_MS = 3000;

export async function showRollCall(context: ViewContext): Promise<void> {
  let last: RollCall | undefined;
  let headline: string | undefined;
  const draw = async () => {
    const data = await context.api.get<RollCall>(boardPath(context, "rollcall"));
    if (data === last) return; // the same answer (304): nothing to redraw
    last = data;
    render(context.container, data);
    const now = data.banner?.headline;
    if (headline !== undefined && now !== undefined && now !== headline) announce(now);
    headline = now;
  };
  await draw();
  const timer = window.setInterval(() => void draw().catch(() => undefined), POLL_MS);
  context.onStop(() => window.clearInterval(timer));
}

function render(container: HTMLElement, data: RollCall): void {
  if (!data.meeting || !data.banner) {
    fill(container, h("h2", {}, "Roll call"), h("p", {}, data.message ?? "No roll call."));
    return;
  }
  const banner = data.banner;
  fill(container, 
    h("h2", {}, "Roll call"),
    h("p", {}, `${data.meeting.title}, ${data.meeting.when}. ${data.roll?.words ?? ""}`),
    h("div", { class: `banner ${banner.quorate ? "good" : "bad"}`, id: "quorum" },
      h("p", {}, h("span", { class: "mark", "aria-hidden": "true" }, banner.quorate ? "✓" : "✗"), " ", h("strong", {}, banner.headline)),
      banner.missing && h("p", {}, banner.missing),
    ),
    (data.groups ?? []).map((g) =>
      h("section", { "aria-label": g.category },
        h("h3", {}, g.category),
        h("ul", { class: "people" }, g.members.map((m) => h("li", { "data-status": m.status }, h("span", { class: "who" }, m.name, h("span", { class: "org" }, ` ${m.organisation}`)), h("span", { class: "state" }, m.words)))),
      ),
    ),
    (data.guests ?? []).length > 0 &&
      h("section", { "aria-label": "Guests" }, h("h3", {}, "In attendance"), h("ul", { class: "people" }, (data.guests ?? []).map((g) => h("li", {}, h("span", { class: "who" }, g.name), h("span", { class: "state" }, g.words))))),
  );
}
