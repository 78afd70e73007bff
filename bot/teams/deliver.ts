import { ActivityTypes, Attachment, CardFactory, MessageFactory, TurnContext } from "botbuilder";
import { Outcome, Post } from "../outcome";

export const INVOKE_RESPONSE = "invokeResponse";
export const CARD_ACTION_INVOKE = "adaptiveCard/action";
export const FILE_CONSENT_INVOKE = "fileConsent/invoke";
export const CONTENT_CARD = "application/vnd.microsoft.card.adaptive";
export const CONTENT_MESSAGE = "application/vnd.microsoft.activity.message";
export const CONTENT_ERROR = "application/vnd.microsoft.error";

export function toActivity(p: Post) {
  if (typeof p === "string") return MessageFactory.text(p);
  if ("contentType" in p && typeof p.contentType === "string") return MessageFactory.attachment(p as Attachment);
  return MessageFactory.attachment(CardFactory.adaptiveCard(p));
}

/** Waits for the conversation's rate limit before each message the bot sends. */
export type Pace = () => Promise<() => void>;

/** A typed command or an Action.Submit: everything is a message in the conversation. */
export async function deliverAsMessages(context: TurnContext, outcome: Outcome, pace: Pace): Promise<void> {
  const posts: Post[] = [];
  if (outcome.notice) posts.push(outcome.notice);
  if (outcome.card) posts.push(outcome.card);
  posts.push(...(outcome.posts ?? []));
  for (const p of posts) {
    const sent = await pace();
    await context.sendActivity(toActivity(p)).finally(sent);
  }
}

/** A Universal Action: the presser gets the card (or a short message) back as the invoke's answer. */
export async function deliverAsInvoke(context: TurnContext, outcome: Outcome, pace: Pace): Promise<void> {
  for (const p of outcome.posts ?? []) {
    const sent = await pace();
    await context.sendActivity(toActivity(p)).finally(sent);
  }
  const body = outcome.card
    ? { statusCode: 200, type: CONTENT_CARD, value: outcome.card }
    : { statusCode: 200, type: CONTENT_MESSAGE, value: outcome.notice ?? "Done." };
  await context.sendActivity({ type: INVOKE_RESPONSE, value: { status: 200, body } });
}

/** For malformed invokes: the client shows the message under the card. */
export async function rejectInvoke(context: TurnContext, message: string): Promise<void> {
  const body = { statusCode: 400, type: CONTENT_ERROR, value: { code: "BadRequest", message } };
  await context.sendActivity({ type: INVOKE_RESPONSE, value: { status: 200, body } });
}

export const isInvoke = (context: TurnContext) => context.activity.type === ActivityTypes.Invoke;
