import { Api, ApiError } from "./api";
import { announce, byId, h } from "./dom";
import { Host } from "./teams";
import { Me } from "./types";
import { ViewContext } from "./viewContext";
import { VIEWS } from "./views";

// The board page: "My boards" when no board is chosen, then the views, one at a time, with a
// navigation bar of plain buttons (Tab moves between them, Enter or Space opens one).

let stopCurrent: (() => void) | undefined;

export async function showBoardPage(api: Api, host: Host): Promise<void> {
  const view = byId("view");
  let me: Me;
  try {
    me = await api.get<Me>("/api/tab/me");
  } catch (error) {
    const signIn = error instanceof ApiError && error.status === 401 && !host.inTeams;
    view.replaceChildren(h("p", { class: "error", role: "alert" }, signIn ? "Open this tab in Microsoft Teams to sign in." : errorText(error)));
    return;
  }
  const params = new URLSearchParams(location.search);
  const chosen = params.get("board") ?? (me.boards.length === 1 ? me.boards[0]?.id : undefined);
  if (!chosen) return showMyBoards(me);
  const name = me.boards.find((b) => b.id === chosen)?.name ?? "Board";
  byId("title").textContent = name;
  document.title = `${name}: Quorate`;
  if (me.local) announce("Local mode: you are the playground's user on this machine's boards.");
  buildNav();
  window.addEventListener("hashchange", () => void open(api, chosen, currentView(), true));
  await open(api, chosen, currentView(), false);
}

function showMyBoards(me: Me): void {
  byId("title").textContent = "My boards";
  const view = byId("view");
  if (me.boards.length === 0) {
    view.replaceChildren(h("p", {}, "You are not on any board's roster yet. Ask your partnership manager to add you with your work email."));
    return;
  }
  view.replaceChildren(
    h("h2", {}, "Choose a board"),
    h("ul", { class: "boards" }, me.boards.map((b) => h("li", {}, h("a", { href: `?board=${encodeURIComponent(b.id)}${themeParam()}` }, b.name), ` (${b.role})`))),
  );
}

const themeParam = () => `&theme=${document.body.dataset.theme ?? "default"}`;

function currentView(): string {
  const name = location.hash.replace(/^#/, "");
  return VIEWS.some((v) => v.id === name) ? name : "next";
}

function buildNav(): void {
  const nav = byId("nav");
  nav.hidden = false;
  nav.replaceChildren(
    h("ul", {}, VIEWS.map((v) => h("li", {}, h("button", { type: "button", "data-view": v.id, onclick: () => { location.hash = v.id; } }, v.title)))),
  );
}

async function open(api: Api, boardId: string, id: string, moveFocus: boolean): Promise<void> {
  stopCurrent?.();
  stopCurrent = undefined;
  for (const button of byId("nav").querySelectorAll("button")) {
    if (button.dataset.view === id) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  const spec = VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
  const view = byId("view");
  view.replaceChildren(h("h2", {}, spec.title), h("p", {}, "Loading…"));
  const context: ViewContext = { api, boardId, container: view, onStop: (stop) => (stopCurrent = stop) };
  try {
    await spec.show(context);
  } catch (error) {
    view.replaceChildren(h("h2", {}, spec.title), h("p", { class: "error", role: "alert" }, errorText(error)));
  }
  view.dataset.ready = id;
  // After a choice in the navigation, the reader lands on the view's heading.
  const heading = view.querySelector("h2");
  if (moveFocus && heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : "The board's records could not be loaded. Try again in a minute.";
}
