import { pages } from "@microsoft/teams-js";
import { Api, ApiError } from "./api";
import { byId, h, richText } from "./dom";
import { Host } from "./teams";

// The channel tab's configuration page: it binds the tab to the board already set up in this channel,
// or says that setup comes first (and then Save stays off).

interface ChannelAnswer {
  board: null | { id: string; name: string };
  message?: string;
}

export async function showConfigPage(api: Api, host: Host): Promise<void> {
  const view = byId("view");
  if (!host.inTeams || !host.tenantId || !host.channelId) {
    view.replaceChildren(h("p", {}, "This page adds Quorate's tab to a Teams channel. Open it from Teams: + (Add a tab) in the board's channel."));
    return;
  }
  let answer: ChannelAnswer;
  try {
    answer = await api.get<ChannelAnswer>(`/api/tab/channel?tenantId=${encodeURIComponent(host.tenantId)}&channelId=${encodeURIComponent(host.channelId)}`);
  } catch (error) {
    view.replaceChildren(h("p", { class: "error", role: "alert" }, error instanceof ApiError ? error.message : "The board could not be looked up."));
    pages.config.setValidityState(false);
    return;
  }
  const board = answer.board;
  if (!board) {
    view.replaceChildren(h("h2", {}, "Setup comes first"), h("p", {}, richText(answer.message ?? "This channel has no board yet.")));
    pages.config.setValidityState(false);
    return;
  }
  view.replaceChildren(
    h("h2", {}, `Add the tab for ${board.name}`),
    h("p", {}, "The tab shows this board's next meeting, the live roll call, actions, sign-offs, attendance and papers. Choose Save to add it."),
  );
  const base = `${location.origin}/tab/`;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        entityId: board.id,
        contentUrl: `${base}?board=${board.id}&theme={theme}`,
        websiteUrl: `${base}?board=${board.id}`,
        suggestedDisplayName: board.name.slice(0, 120),
      })
      .then(() => save.notifySuccess(), (error: unknown) => save.notifyFailure(String(error)));
  });
  pages.config.setValidityState(true);
}
