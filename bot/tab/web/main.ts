import { createApi } from "./api";
import { showBoardPage } from "./boardPage";
import { showConfigPage } from "./configPage";
import { byId, h } from "./dom";
import { connect } from "./teams";

// The tab's one script: the channel tab's configuration page or the board itself.

async function main(): Promise<void> {
  const host = await connect();
  const api = createApi(host);
  if (document.body.dataset.page === "config") await showConfigPage(api, host);
  else await showBoardPage(api, host);
}

main().catch((error: unknown) => {
  byId("view").replaceChildren(h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : "The tab could not start."));
});
