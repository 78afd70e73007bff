import { ApiError } from "../api";
import { announce, facts, h, fill } from "../dom";
import { ActionItem, Actions } from "../types";
import { boardPath, ViewContext } from "../viewContext";

// Actions: the log with filters (owner, status, overdue), and for an owner, the chair or the manager
// an Update form per action: a status and a note, checked on the server by the card's own rules.

const STATUSES: [string, string][] = [["open", "Open"], ["in-progress", "In progress"], ["done", "Done"], ["dropped", "Dropped"]];
const FILTERS: [string, string][] = [["", "Outstanding and recently completed"], ["outstanding", "Outstanding"], ["completed", "Completed"], ...STATUSES];

interface Filters {
  owner: string;
  status: string;
  overdue: boolean;
  page: number;
}

export async function showActions(context: ViewContext): Promise<void> {
  await draw(context, { owner: "", status: "", overdue: false, page: 1 });
}

async function draw(context: ViewContext, filters: Filters, focusRef?: string): Promise<void> {
  const q = new URLSearchParams({ owner: filters.owner, status: filters.status, overdue: String(filters.overdue), page: String(filters.page) });
  const data = await context.api.get<Actions>(`${boardPath(context, "actions")}?${q}`);
  const again = (next: Partial<Filters>, focus?: string) => void draw(context, { ...filters, ...next }, focus).catch((e: unknown) => announce(e instanceof Error ? e.message : "Could not load the actions."));
  const owner = h("select", { id: "filter-owner", onchange: (e) => again({ owner: (e.target as HTMLSelectElement).value, page: 1 }, "filter-owner") },
    h("option", { value: "" }, "Anyone"), data.owners.map((o) => h("option", { value: o.id, selected: o.id === filters.owner }, o.name)));
  const status = h("select", { id: "filter-status", onchange: (e) => again({ status: (e.target as HTMLSelectElement).value, page: 1 }, "filter-status") },
    FILTERS.map(([v, t]) => h("option", { value: v, selected: v === filters.status }, t)));
  const overdue = h("input", { type: "checkbox", id: "filter-overdue", checked: filters.overdue, onchange: (e) => again({ overdue: (e.target as HTMLInputElement).checked, page: 1 }, "filter-overdue") });
  fill(context.container, 
    h("h2", {}, "Actions"),
    h("form", { class: "filters", "aria-label": "Filter the actions", onsubmit: (e) => e.preventDefault() },
      h("div", { class: "field" }, h("label", { for: "filter-owner" }, "Owner"), owner),
      h("div", { class: "field" }, h("label", { for: "filter-status" }, "Status"), status),
      h("div", { class: "field check" }, overdue, h("label", { for: "filter-overdue" }, "Overdue only")),
    ),
    h("p", { id: "actions-summary" }, data.summary),
    data.items.length === 0 ? h("p", {}, "No actions match.") : h("ul", { class: "actions" }, data.items.map((item) => actionItem(context, item, () => again({}, `update-${item.ref}`)))),
    data.pages > 1 &&
      h("nav", { class: "pager", "aria-label": "Pages of actions" },
        h("button", { type: "button", disabled: data.page <= 1, onclick: () => again({ page: data.page - 1 }) }, "Previous page"),
        h("span", {}, ` Page ${data.page} of ${data.pages} `),
        h("button", { type: "button", disabled: data.page >= data.pages, onclick: () => again({ page: data.page + 1 }) }, "Next page"),
      ),
  );
  if (focusRef) document.getElementById(focusRef)?.focus();
}

function actionItem(context: ViewContext, item: ActionItem, reload: () => void): HTMLElement {
  const id = item.ref.toLowerCase();
  return h("li", { class: "action", "data-ref": item.ref },
    h("article", { "aria-labelledby": `title-${id}` },
      h("h3", { id: `title-${id}` }, item.ref, item.overdue && h("span", { class: "tag bad" }, " Overdue")),
      h("p", {}, item.text),
      facts([["Owner", item.owners], ["Due", item.due], ["Status", h("span", { class: `status ${item.status}` }, item.statusText)], ...(item.latest ? [["Latest", item.latest] as [string, string]] : [])]),
      item.canUpdate && updateForm(context, item, reload),
    ),
  );
}

function updateForm(context: ViewContext, item: ActionItem, reload: () => void): HTMLElement {
  const id = item.ref.toLowerCase();
  const error = h("p", { class: "error", id: `error-${id}`, role: "alert" });
  const statusSelect = h("select", { id: `status-${id}`, name: "status" }, STATUSES.map(([v, t]) => h("option", { value: v, selected: v === item.status }, t))) as HTMLSelectElement;
  const note = h("textarea", { id: `note-${id}`, name: "note", rows: 2, maxlength: 1000, "aria-describedby": `hint-${id}` }) as HTMLTextAreaElement;
  // One id per form shown: pressing Save again after a lost answer is recognised, not applied twice.
  let requestId = crypto.randomUUID();
  const form = h("form", { class: "update", hidden: true, id: `form-${id}` },
    h("fieldset", {},
      h("legend", {}, `Update ${item.ref}`),
      h("div", { class: "field" }, h("label", { for: `status-${id}` }, "New status"), statusSelect),
      h("div", { class: "field" }, h("label", { for: `note-${id}` }, "Note"), note, h("p", { class: "hint", id: `hint-${id}` }, "A note is needed for done and dropped.")),
      error,
      h("button", { type: "submit" }, "Save update"),
    ),
  ) as HTMLFormElement;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    context.api
      .post<{ message: string }>(`${boardPath(context, "actions")}/${encodeURIComponent(item.ref)}`, { status: statusSelect.value, note: note.value, requestId })
      .then((answer) => {
        announce(answer.message);
        reload();
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof ApiError ? e.message : "That was not saved. Try again.";
        if (e instanceof ApiError) requestId = crypto.randomUUID();
        statusSelect.focus();
      });
  });
  const toggle = h("button", { type: "button", id: `update-${item.ref}`, "aria-expanded": "false", "aria-controls": `form-${id}` }, `Update ${item.ref}`);
  toggle.addEventListener("click", () => {
    const opening = form.hidden;
    form.hidden = !opening;
    toggle.setAttribute("aria-expanded", String(opening));
    if (opening) statusSelect.focus();
  });
  return h("div", { class: "update-box" }, toggle, form);
}
