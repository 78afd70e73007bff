import { Attachment } from "botbuilder";
import { AdaptiveCard } from "../cards/render";

/** Text, an Adaptive Card, or another Teams attachment (a file card). */
export type Post = string | AdaptiveCard | Attachment;

/** What a handler decided; the Teams edge turns it into messages or an invoke response. */
export interface Outcome {
  /** The card the person should now see: replaces the pressed card, or is posted for a typed command. */
  card?: AdaptiveCard;
  /** Messages for everyone in the conversation. */
  posts?: Post[];
  /** Said to this person only: a refusal, a pointer, "not saved". */
  notice?: string;
}

export const say = (notice: string): Outcome => ({ notice });
export const show = (card: AdaptiveCard): Outcome => ({ card });
export const post = (...posts: Post[]): Outcome => ({ posts });
