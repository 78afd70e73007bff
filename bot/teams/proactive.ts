import { CardFactory, CloudAdapter, ConversationReference, MessageFactory, TurnContext } from "botbuilder";
import { AdaptiveCard } from "../../cards/render";
import { RateLimiter } from "./rateLimiter";

// Messages the bot sends outside a turn: posting a card to the channel, replying in its thread, and
// updating a posted card. All of them wait for the conversation's rate limit.

export interface ConversationTarget {
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
}

export interface Proactive {
  /** Posts a card or text; returns the new message's id. */
  post(target: ConversationTarget, content: AdaptiveCard | string): Promise<string | undefined>;
  /** Replaces a posted card for everyone. */
  update(target: ConversationTarget, activityId: string, card: AdaptiveCard): Promise<void>;
}

/** Teams allows replies in a channel thread by addressing "<channel>;messageid=<root>". */
export function threadOf(target: ConversationTarget, rootActivityId: string): ConversationTarget {
  return { ...target, conversationId: `${target.conversationId.split(";")[0]};messageid=${rootActivityId}` };
}

/** Rate limits apply per conversation: a channel's threads share their channel's budget. */
export const limitKey = (conversationId: string) => conversationId.split(";")[0] ?? conversationId;

export function createProactive(adapter: CloudAdapter, appId: string, limiter: RateLimiter): Proactive {
  const reference = (target: ConversationTarget): Partial<ConversationReference> => ({
    channelId: "msteams",
    serviceUrl: target.serviceUrl,
    conversation: { id: target.conversationId, isGroup: true, conversationType: "channel", name: "", tenantId: target.tenantId },
  });
  const run = async (target: ConversationTarget, logic: (context: TurnContext) => Promise<void>) => {
    await limiter.acquire(limitKey(target.conversationId));
    await adapter.continueConversationAsync(appId, reference(target), logic);
  };
  return {
    async post(target, content) {
      let id: string | undefined;
      await run(target, async (context) => {
        const activity = typeof content === "string" ? MessageFactory.text(content) : MessageFactory.attachment(CardFactory.adaptiveCard(content));
        id = (await context.sendActivity(activity))?.id;
      });
      return id;
    },
    async update(target, activityId, card) {
      await run(target, async (context) => {
        await context.updateActivity({ type: "message", id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
      });
    },
  };
}
