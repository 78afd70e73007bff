import { Activity, ActivityTypes, TurnContext } from "botbuilder";
import { z } from "zod";
import { StorageUnavailableError } from "../storage/errors";
import { escapeKey } from "../storage/keys";
import { commandTextSchema, parseCommand } from "./commands/parseCommand";
import { Deps } from "./deps";
import { unknownCommand, welcome } from "./handlers/help";
import { Outcome, say } from "./outcome";
import { Request, requestFor } from "./request";
import { APOLOGY_TEXT, COMMANDS, FILE_CONSENT, Route, VERBS } from "./routes";
import { looksLikeApology } from "./handlers/apologies";
import { commandText, tenantOf } from "./teams/activity";
import { CARD_ACTION_INVOKE, FILE_CONSENT_INVOKE, deliverAsInvoke, deliverAsMessages, rejectInvoke } from "./teams/deliver";

// The Teams edge: one function per kind of activity, each parsing what arrived before anything runs.

export const NOT_SAVED = "That was not saved: the board's records can't be reached just now. Please try again in a minute.";
const FAILED = "Something went wrong on my side and nothing was changed. Please try again.";
const ALREADY_DONE = "That was already done.";

const cardAction = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  trigger: z.string().optional(),
});

const submitValue = z.object({ verb: z.string().min(1).max(64) }).passthrough();

type Deliver = (context: TurnContext, outcome: Outcome) => Promise<void>;

/** Messages sent in a turn count against the conversation's rate limit like proactive ones. */
function deliverers(req: Request): { asMessages: Deliver; asInvoke: Deliver } {
  const pace = () => req.deps.limiter.acquire(req.binding.conversationId);
  return {
    asMessages: (context, outcome) => deliverAsMessages(context, outcome, pace),
    asInvoke: (context, outcome) => deliverAsInvoke(context, outcome, pace),
  };
}

export function createTurnHandler(deps: Deps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    if (!tenantAllowed(deps, activity)) {
      deps.log.warn("tenant.refused", { tenant: tenantOf(activity) });
      if (activity.type === ActivityTypes.Invoke) await rejectInvoke(context, "This organisation is not allowed to use this bot.");
      return;
    }
    const req = requestFor(deps, context);
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(req);
      case ActivityTypes.Invoke:
        return onInvoke(req);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(req);
      default:
        return;
    }
  };
}

function tenantAllowed(deps: Deps, activity: Activity): boolean {
  const allowed = deps.config.allowedTenants;
  if (allowed.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== undefined && allowed.includes(tenant);
}

async function onMessage(req: Request): Promise<void> {
  const { activity } = req.context;
  // An Action.Submit from a client without Universal Actions: the same verbs, answered as messages.
  const { asMessages } = deliverers(req);
  const submitted = submitValue.safeParse(activity.value);
  if (activity.value !== undefined && submitted.success) {
    return runVerb(req, submitted.data.verb, submitted.data, asMessages);
  }
  const text = commandTextSchema.safeParse(commandText(req.context));
  if (!text.success) return asMessages(req.context, say(text.error.issues[0]?.message ?? "I couldn't read that."));
  if (!text.data) return;
  let command = parseCommand(text.data);
  // "apologies" alone lists them; "Apologies for the 21st, ..." is someone sending theirs.
  if (command?.name === "apologies" && command.rest) command = undefined;
  if (!command) {
    if (looksLikeApology(text.data, req.now)) return execute(req, APOLOGY_TEXT, text.data, asMessages, { onDuplicate: "silent" });
    return asMessages(req.context, unknownCommand(text.data));
  }
  // A redelivered message is dropped silently: the first delivery already answered.
  return execute(req, COMMANDS[command.name], command.rest, asMessages, { onDuplicate: "silent" });
}

async function onInvoke(req: Request): Promise<void> {
  const { activity } = req.context;
  if (activity.name === FILE_CONSENT_INVOKE) {
    return execute(req, FILE_CONSENT, activity.value, deliverers(req).asInvoke, { onDuplicate: "answer" });
  }
  if (activity.name !== CARD_ACTION_INVOKE) return;
  const value = cardAction.safeParse(activity.value);
  if (!value.success) return rejectInvoke(req.context, "That card action was not understood, so nothing was changed.");
  return runVerb(req, value.data.action.verb, value.data.action.data, deliverers(req).asInvoke);
}

async function runVerb(req: Request, verb: string, data: unknown, deliver: Deliver): Promise<void> {
  const route = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
  if (!route) {
    req.deps.log.warn("verb.unknown", { verb: verb.slice(0, 64) });
    return deliver(req.context, say("That button isn't one I know, so nothing was changed. Say **help** to see what I can do."));
  }
  return execute(req, route, data, deliver, { onDuplicate: "answer" });
}

async function onConversationUpdate(req: Request): Promise<void> {
  const { activity } = req.context;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return;
  // Welcome once per conversation: clients (the playground on every page load) repeat the install event.
  const first = await req.deps.store.deliveries.create({ conversationKey: req.binding.conversationId, activityId: "welcome", claimedAt: req.now.toISOString() });
  if (!first) return;
  await execute(req, { input: z.unknown(), writes: true, run: (r) => welcome(r) }, undefined, deliverers(req).asMessages, { onDuplicate: "silent" });
}

/** Parses the input, claims the delivery for writes, runs the use case and delivers what it decided. */
async function execute(
  req: Request,
  route: Route<unknown>,
  raw: unknown,
  deliver: Deliver,
  options: { onDuplicate: "silent" | "answer" },
): Promise<void> {
  const input = route.input.safeParse(raw);
  if (!input.success) {
    const message = input.error.issues[0]?.message;
    return deliver(req.context, say(`${message && !/^Invalid|expected/i.test(message) ? message : "Some of that was not valid"}. Nothing was changed.`.replace(/\.\. /, ". ")));
  }
  let outcome: Outcome;
  let claimed = false;
  try {
    if (route.writes) {
      claimed = await claimDelivery(req);
      if (!claimed) {
        req.deps.log.info("delivery.duplicate", { activity: req.context.activity.id });
        if (options.onDuplicate === "silent") return;
        return deliver(req.context, say(ALREADY_DONE));
      }
    }
    outcome = await route.run(req, input.data);
  } catch (error) {
    if (claimed) await releaseDelivery(req);
    outcome = say(error instanceof StorageUnavailableError ? NOT_SAVED : FAILED);
    req.deps.log.error(error instanceof StorageUnavailableError ? "storage.unavailable" : "turn.failed", {
      activity: req.context.activity.id,
      error,
    });
  }
  await deliver(req.context, outcome);
}

/** True the first time this activity is seen; Teams redelivers, and a write must happen once. */
async function claimDelivery(req: Request): Promise<boolean> {
  const activityId = req.context.activity.id;
  if (!activityId) return true;
  return req.deps.store.deliveries.create({
    conversationKey: req.binding.conversationId,
    activityId,
    claimedAt: req.now.toISOString(),
  });
}

/** A failed attempt gives the claim back, so Teams' retry can succeed once storage is back. */
async function releaseDelivery(req: Request): Promise<void> {
  const activityId = req.context.activity.id;
  if (!activityId) return;
  try {
    await req.deps.store.deliveries.delete(escapeKey(req.binding.conversationId), escapeKey(activityId));
  } catch (error) {
    req.deps.log.warn("delivery.release_failed", { activity: activityId, error });
  }
}
