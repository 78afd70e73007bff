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
   * When the person acted: Teams' timestamp of the activity (the same on every redelivery), or when it
   * was first claimed if that is earlier, never later than now. A change stored after this moment is
   * later than the press, and the press must not override it.
   */
  pressedAt: Date;
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
    pressedAt: pressedAt(context, now),
    userKey: from.aadObjectId ?? from.id,
    userName: from.name ?? "",
  };
}

/** A normal delivery arrives within a second or two of the press; Teams retries only after 15 s. */
export const REDELIVERY_AFTER_MS = 10_000;

/** Pressed long enough ago to be a redelivery (or a press held up somewhere): worth a check against later changes. */
export const isLate = (req: Request): boolean => req.now.getTime() - req.pressedAt.getTime() > REDELIVERY_AFTER_MS;

function pressedAt(context: TurnContext, now: Date): Date {
  const raw = context.activity.timestamp as Date | string | undefined;
  const at = raw instanceof Date ? raw : typeof raw === "string" ? new Date(raw) : undefined;
  return at && Number.isFinite(at.getTime()) && at < now ? at : now;
}
