import { TurnContext } from "botbuilder";
import { ChannelBinding } from "./domain/types";
import { Deps } from "./deps";
import { bindingOf, Scope, scopeOf } from "./teams/activity";

/** One inbound activity, as the handlers see it. */
export interface Request {
  deps: Deps;
  context: TurnContext;
  scope: Scope;
  binding: ChannelBinding;
  now: Date;
  /**
   * When this activity first reached the bot: now, unless it is a redelivery taking over an attempt
   * that never finished. A change stored after this moment is later than the press, and the press
   * must not override it.
   */
  receivedAt: Date;
  /** The person's stable Teams identity (aadObjectId), or their channel id where Teams gives none. */
  userKey: string;
  userName: string;
}

export function requestFor(deps: Deps, context: TurnContext): Request {
  const from = context.activity.from ?? { id: "", name: "" };
  const now = deps.now();
  return {
    deps,
    context,
    scope: scopeOf(context.activity),
    binding: bindingOf(context.activity),
    now,
    receivedAt: now,
    userKey: from.aadObjectId ?? from.id,
    userName: from.name ?? "",
  };
}
