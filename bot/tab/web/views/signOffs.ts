import { facts, h, fill } from "../dom";
import { SignOffs } from "../types";
import { boardPath, ViewContext } from "../viewContext";

export async function showSignOffs(context: ViewContext): Promise<void> {
  const data = await context.api.get<SignOffs>(boardPath(context, "signoffs"));
  fill(context.container, 
    h("h2", {}, "Sign-offs"),
    data.signOffs.length === 0
      ? h("p", {}, "No sign-offs yet. The chair or the manager can start one with: sign-off \"Annual report\" by <date>.")
      : data.signOffs.map((s) =>
          h("section", { class: "signoff", "aria-labelledby": `so-${s.id}` },
            h("h3", { id: `so-${s.id}` }, s.title),
            facts([
              ["State", h("span", { class: `status ${s.state}` }, s.stateText)],
              ["Deadline", s.deadline],
              ["Who votes", s.voters],
              ["What passes", s.passes],
              ["Tally", s.tally],
            ]),
            s.link && /^https?:\/\//i.test(s.link) && h("p", {}, h("a", { href: s.link, target: "_blank", rel: "noopener noreferrer" }, `Open ${s.title}`)),
            h("table", {},
              h("caption", {}, `Votes on ${s.title}, by organisation`),
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Organisation"), h("th", { scope: "col" }, "Vote"))),
              h("tbody", {}, s.rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r.voter), h("td", {}, r.vote)))),
            ),
          ),
        ),
  );
}
