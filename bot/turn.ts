import { Activity, ActivityTypes, TurnContext } from "botbuilder";
import { z } from "zod";
import { StorageUnavailableError } from "../storage/errors";
import { escapeKey } from "../storage/keys";
import { commandTextSchema, parseCommand } from "./commands/parseCommand";
import { Deps } from "./deps";
import { unknownCommand, welcome } from "./handlers/help";
import { Outcome, say } from "./outcome";
import { Request, requestFor } from "./request";
import { APOLOGY_TEXT, COMMANDS, FILE_CONSENT, MEETING_EVENT, Route, SUBSTITUTE_TEXT, VERBS } from "./routes";
import { parseMeetingEvent } from "./teams/meetingEvents";
import { parseSubstituteLine } from "./commands/chairControls";
import { looksLikeApology } from "./handlers/apologies/record";
import { linkTeamBoards } from "./handlers/identities";
import { commandText, tenantOf, tenantsOf } from "./teams/activity";
import { CARD_ACTION_INVOKE, FILE_CONSENT_INVOKE, deliverAsInvoke, deliverAsMessages, rejectInvoke } from "./teams/deliver";
import { personalKey } from "./teams/proactive";

// The Teams edge: one function per kind of activity, each parsing what arrived before anything runs.

export const NOT_SAVED = "That was not saved: the board's records can't be reached just now. Please try again in a minute.";
const FAILED = "Something went wrong on my side and nothing was changed. Please try again.";
const ALREADY_DONE = "That was already done.";
const STILL_RUNNING = "That is still being done. If nothing changes, try again in a minute.";

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
  const from = req.context.activity.from?.id;
  // A person writing in their 1:1 chat tells us which chat is theirs: replies and proactive posts to
  // them then share one allowance, as Teams counts them.
  if (req.scope === "personal" && from) req.deps.limiter.alias(req.binding.conversationId, personalKey(from));
  const pace = () => req.deps.limiter.acquire(req.binding.conversationId);
  return {
    asMessages: (context, outcome) => deliverAsMessages(context, outcome, pace),
    asInvoke: (context, outcome) => deliverAsInvoke(context, outcome, pace),
  };
}

export function createTurnHandler(deps: Deps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    if (!envelope.safeParse(activity).success) {
      deps.log.warn("activity.malformed", { type: typeof activity.type === "string" ? activity.type.slice(0, 50) : undefined });
      if (activity.type === ActivityTypes.Invoke) await rejectInvoke(context, "That request was not understood, so nothing was changed.");
      return;
    }
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
      case ActivityTypes.Event:
        return onEvent(req);
      default:
        return;
    }
  };
}

function tenantAllowed(deps: Deps, activity: Activity): boolean {
  const allowed = deps.config.allowedTenants;
  if (allowed.length === 0) return true;
  const tenants = tenantsOf(activity);
  return tenants.length > 0 && tenants.every((t) => allowed.includes(t));
}

/**
 * The parts of the activity every handler relies on. Anything else arriving is refused here, before a
 * handler could match an empty identity to someone or write a missing service URL.
 */
/** Ids travel in HTTP headers and URLs: Teams' are printable ASCII, and anything else is refused. */
const id = (max: number) => z.string().min(1).max(max).regex(/^[\x21-\x7e]+$/);

const envelope = z.object({
  type: z.string().min(1).max(50),
  id: id(400).optional(),
  serviceUrl: z.string().url().max(400),
  from: z.object({ id: id(400), aadObjectId: id(64).optional(), name: z.string().max(400).optional() }),
  recipient: z.object({ id: id(400) }).passthrough(),
  conversation: z
    .object({ id: id(800), tenantId: z.string().max(100).optional(), conversationType: z.string().max(50).optional() })
    .passthrough(),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(100).optional() }).passthrough().optional(),
      team: z.object({ id: z.string().max(400).optional() }).passthrough().optional(),
      channel: z.object({ id: z.string().max(400).optional() }).passthrough().optional(),
    })
    .passthrough()
    .optional(),
  name: z.string().max(100).optional(),
  replyToId: z.string().max(400).optional(),
  locale: z.string().max(50).optional(),
  text: z.string().max(200_000).optional(),
  entities: z
    .array(
      z
        .object({ type: z.string().optional(), mentioned: z.object({ id: z.string(), name: z.string().optional() }).passthrough().optional() })
        .passthrough()
        // botbuilder's mention removal reads every mention's id and text.
        .refine((e) => e.type !== "mention" || (e.mentioned !== undefined && (e.text === undefined || typeof e.text === "string"))),
    )
    .max(100)
    .optional(),
  membersAdded: z.array(z.object({ id: z.string() }).passthrough()).max(1000).optional(),
});

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
    if (parseSubstituteLine(text.data)) return execute(req, SUBSTITUTE_TEXT, text.data, asMessages, { onDuplicate: "silent" });
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

/**
 * A Teams meeting's start, end, joins and leaves. Read with zod here; anything unreadable is logged and
 * dropped (Teams expects no answer). Each delivery is claimed once, so a repeated event changes nothing.
 */
async function onEvent(req: Request): Promise<void> {
  const event = parseMeetingEvent(req.context.activity, req.now);
  if (!event) return;
  if ("invalid" in event) {
    req.deps.log.warn("meeting_event.malformed", { name: String(req.context.activity.name).slice(0, 100), part: event.invalid });
    return;
  }
  return execute(req, MEETING_EVENT, event, deliverers(req).asMessages, { onDuplicate: "silent" });
}

async function onConversationUpdate(req: Request): Promise<void> {
  const { activity } = req.context;
  const added = activity.membersAdded ?? [];
  const botAdded = added.some((m) => m.id === activity.recipient?.id);
  // Installed, or people joined the team: link the roster to them now, not at their first press.
  if (added.length > 0) await linkTeamBoards(req);
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
      const claim = await claimDelivery(req);
      if (claim !== "mine") {
        req.deps.log.info("delivery.duplicate", { activity: req.context.activity.id, claim });
        if (options.onDuplicate === "silent") return;
        return deliver(req.context, say(claim === "done" ? ALREADY_DONE : STILL_RUNNING));
      }
      claimed = true;
    }
    outcome = await route.run(req, input.data);
    if (claimed) await finishDelivery(req);
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

/** How long an unfinished claim holds before a redelivery may take the work over. */
const LEASE_MS = 20_000;

type Claim = "mine" | "done" | "running";

/**
 * Claims this delivery for the work it asks for. Teams redelivers: a finished claim means the work is
 * done; an unfinished one is another attempt still running, or one that died (after the lease, taken over).
 */
async function claimDelivery(req: Request): Promise<Claim> {
  const activityId = req.context.activity.id;
  if (!activityId) return "mine";
  const { deliveries } = req.deps.store;
  const claim = { conversationKey: req.binding.conversationId, activityId, claimedAt: req.now.toISOString(), done: false };
  if (await deliveries.create(claim)) return "mine";
  const current = await deliveries.get(escapeKey(claim.conversationKey), escapeKey(activityId));
  if (!current) return (await deliveries.create(claim)) ? "mine" : "running";
  if (current.value.done !== false) return "done";
  const abandonedHere = abandoned.delete(leaseKey(req, activityId));
  if (!abandonedHere && Date.parse(req.now.toISOString()) - Date.parse(current.value.claimedAt) < LEASE_MS) return "running";
  const firstClaimedAt = current.value.firstClaimedAt ?? current.value.claimedAt;
  if (!(await deliveries.replaceIf({ ...current.value, ...claim, firstClaimedAt }, current.etag))) return "running";
  // The press is as old as its first delivery: what changed since then stays (see Request.pressedAt).
  const first = new Date(firstClaimedAt);
  if (Number.isFinite(first.getTime()) && first < req.pressedAt) req.pressedAt = first;
  return "mine";
}

async function finishDelivery(req: Request): Promise<void> {
  const activityId = req.context.activity.id;
  if (!activityId) return;
  try {
    await req.deps.store.deliveries.upsert({ conversationKey: req.binding.conversationId, activityId, claimedAt: req.now.toISOString(), done: true });
  } catch (error) {
    // The work is done; a redelivery after the lease would find it unfinished. Logged, not hidden.
    req.deps.log.error("delivery.finish_failed", { activity: activityId, error });
  }
}

/** A failed attempt gives the claim back, so Teams' retry can succeed once storage is back. */
async function releaseDelivery(req: Request): Promise<void> {
  const activityId = req.context.activity.id;
  if (!activityId) return;
  try {
    await req.deps.store.deliveries.delete(escapeKey(req.binding.conversationId), escapeKey(activityId));
  } catch (error) {
    // Storage is down: the claim stays unfinished. This process knows the attempt failed and lets the
    // redelivery take it over at once; any other instance waits for the lease to lapse.
    abandoned.add(leaseKey(req, activityId));
    if (abandoned.size > 10_000) abandoned.clear();
    req.deps.log.warn("delivery.release_failed", { activity: activityId, error });
  }
}

/** Claims whose attempt failed in this process and could not be given back. */
const abandoned = new Set<string>();
const leaseKey = (req: Request, activityId: string) => `${req.deps.config.tablePrefix}|${req.binding.conversationId}|${activityId}`;
