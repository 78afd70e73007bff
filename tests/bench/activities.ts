import { cardAction, channelMessage, personalMessage, TEAM, TENANT } from "../support/teams";
import { Person } from "../support/connector";

// The tests' activity builders (tests/support/teams.ts), pointed at any of the bench's channels.

export { personalMessage };

export function channelText(p: Person, text: string, channel: string) {
  return channelMessage(p, text, channel);
}

/** A Universal Action pressed on a card posted in `channel`, shaped as Teams sends it. */
export function channelAction(p: Person, verb: string, data: Record<string, unknown>, channel: string) {
  return {
    ...cardAction(p, verb, data),
    conversation: { id: `${channel};messageid=${Date.now()}`, conversationType: "channel", tenantId: TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: channel }, tenant: { id: TENANT } },
  };
}
