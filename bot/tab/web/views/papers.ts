import { fill, h } from "../dom";
import { Papers } from "../types";
import { boardPath, ViewContext } from "../viewContext";

// Papers: the draft minutes, the attendance register and the action log, each as a download link the
// bot signed for this person (it expires in minutes; opening the view again makes new ones).

export async function showPapers(context: ViewContext): Promise<void> {
  const data = await context.api.get<Papers>(boardPath(context, "papers"));
  fill(
    context.container,
    h("h2", {}, "Papers"),
    data.papers.length === 0
      ? h("p", {}, "No papers yet.")
      : h("ul", { class: "papers" }, data.papers.map((p) =>
          h("li", {}, h("h3", {}, p.title), h("p", {}, p.detail), h("ul", { class: "links" }, p.links.map((l) => h("li", {}, h("a", { href: l.url, download: "" }, l.label))))))),
    h("p", { class: "hint" }, data.footnote),
  );
}
