import { Activity, CloudAdapter, TurnContext } from "botbuilder";
import { Deps } from "../deps";
import { Request, requestFor } from "../request";
import { BoardAccess } from "./access";

// The tab calls the bot's own use cases (the action update above all), so that the same rules, the
// same storage writes and the same card updates follow whether a person pressed a card or used the
// tab. A use case reads its request as an activity in the board's conversation from this person; the
// tab builds that from the board and the checked identity, never from anything the page sent.

export function tabRequest(deps: Deps, adapter: CloudAdapter, access: BoardAccess, deliveryId: string): Request {
  const { board, member, viewer } = access;
  const channel = board.partnership.channel;
  const activity: Partial<Activity> = {
    type: "invoke",
    // Carried into the action's history: a retried tab request is recognised as the card's are.
    id: deliveryId,
    channelId: "msteams",
    serviceUrl: channel.serviceUrl,
    timestamp: deps.now(),
    from: { id: member.teamsUserId ?? `tab:${viewer.oid}`, aadObjectId: viewer.oid, name: member.name },
    recipient: { id: "quorate-tab", name: "Quorate" },
    conversation: { id: channel.conversationId, conversationType: "channel", tenantId: channel.tenantId, isGroup: true, name: "" },
    channelData: { channel: { id: channel.conversationId }, team: channel.teamId ? { id: channel.teamId } : undefined, tenant: { id: channel.tenantId } },
  };
  return requestFor(deps, new TurnContext(adapter, activity));
}
