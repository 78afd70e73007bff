import { Attachment, CardFactory, CloudAdapter, ConversationReference, MessageFactory, TurnContext } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import { AdaptiveCard } from "../../cards/render";
import { limitKey, RateLimiter } from "./rateLimiter";
import { throttleOf } from "./throttle";

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
  /** A message in the person's 1:1 chat with the bot, creating the chat if there is none yet. */
  postToPerson(
    person: { teamsUserId: string; tenantId: string; serviceUrl: string },
    content: AdaptiveCard | Attachment | string,
  ): Promise<{ conversationId: string; activityId?: string }>;
}

/** Teams allows replies in a channel thread by addressing "<channel>;messageid=<root>". */
export function threadOf(target: ConversationTarget, rootActivityId: string): ConversationTarget {
  return { ...target, conversationId: `${target.conversationId.split(";")[0]};messageid=${rootActivityId}` };
}

/**
 * The adapter hands an error inside a proactive turn to onTurnError, which would hide a 429 from the
 * caller: keep the error and throw it once the turn is over, so callers can back off and retry.
 */
async function surfacing(
  start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: unknown;
  await start(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
}

const toActivity = (content: AdaptiveCard | Attachment | string) => {
  if (typeof content === "string") return MessageFactory.text(content);
  if ("contentType" in content && typeof content.contentType === "string") return MessageFactory.attachment(content as Attachment);
  return MessageFactory.attachment(CardFactory.adaptiveCard(content));
};

/** Teams' answers that mean "later" (DESIGN.md: back off with jitter on 429, 412, 502, 504; and 503). */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const POST_ATTEMPTS = 6;

/**
 * botbuilder does not retry a send. A new message is retried on Teams' "later" answers, after its
 * Retry-After or a growing backoff with jitter (about 8 s in all), so that a few 502s do not drop it.
 * Updates are retried by the card updater, which re-renders between attempts.
 */
async function withRetry(send: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const { status, retryAfterMs } = throttleOf(error);
      if (attempt >= POST_ATTEMPTS || status === undefined || !RETRYABLE.has(status)) throw error;
      await new Promise((resolve) => setTimeout(resolve, (retryAfterMs ?? 250 * 2 ** attempt) + Math.random() * 100));
    }
  }
}

/** A person's 1:1 chat counts against one allowance, before and after its id is known. */
export const personalKey = (teamsUserId: string) => `personal:${teamsUserId}`;

/**
 * `posted`: told of every message posted, by conversation and id (the card lease's first take then
 * needs no read: storage/sendTable.ts).
 */
export function createProactive(adapter: CloudAdapter, appId: string, limiter: RateLimiter, posted?: (conversationId: string, activityId: string) => void): Proactive {
  const reference = (target: ConversationTarget): Partial<ConversationReference> => ({
    channelId: "msteams",
    serviceUrl: target.serviceUrl,
    conversation: { id: target.conversationId, isGroup: true, conversationType: "channel", name: "", tenantId: target.tenantId },
  });
  const run = async (target: ConversationTarget, logic: (context: TurnContext) => Promise<void>) => {
    const sent = await limiter.acquire(target.conversationId);
    try {
      await surfacing((inner) => adapter.continueConversationAsync(appId, reference(target), inner), logic);
    } finally {
      sent();
    }
  };
  return {
    async post(target, content) {
      let id: string | undefined;
      await withRetry(() =>
        run(target, async (context) => {
          id = (await context.sendActivity(toActivity(content)))?.id;
        }),
      );
      if (id) posted?.(limitKey(target.conversationId), id);
      return id;
    },
    async postToPerson(person, content) {
      let id: string | undefined;
      let conversationId = "";
      const key = personalKey(person.teamsUserId);
      await withRetry(async () => {
        const sent = await limiter.acquire(key);
        await surfacing((inner) => adapter.createConversationAsync(
          appId,
          "msteams",
          person.serviceUrl,
          AuthenticationConstants.ToChannelFromBotOAuthScope,
          {
            isGroup: false,
            // Teams names a bot "28:<app id>"; local mode has no app id, only a stand-in.
            bot: { id: `28:${appId || "quorate-local"}`, name: "Quorate" },
            members: [{ id: person.teamsUserId, name: "" }],
            tenantId: person.tenantId,
            channelData: { tenant: { id: person.tenantId } },
            activity: undefined as never,
          },
          inner,
        ), async (context) => {
          conversationId = context.activity.conversation.id;
          if (conversationId) limiter.alias(conversationId, key);
          id = (await context.sendActivity(toActivity(content)))?.id;
        }).finally(sent);
      });
      if (id && conversationId) posted?.(limitKey(conversationId), id);
      return { conversationId, activityId: id };
    },
    async update(target, activityId, card) {
      await run(target, async (context) => {
        await context.updateActivity({ type: "message", id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
      });
    },
  };
}
