import { Activity, TurnContext } from "botbuilder";
import { ChannelBinding } from "../domain/types";

// Reading what Teams sends: where an activity came from and what the person typed.

export type Scope = "channel" | "groupChat" | "personal";

export function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat") return "groupChat";
  // The playground and some clients omit conversationType in 1:1 chats.
  return "personal";
}

export function tenantOf(activity: Activity): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } })?.tenant?.id;
}

/** Every tenant id the activity names (Teams puts it in two places; both must be allowed). */
export function tenantsOf(activity: Activity): string[] {
  const ids = [activity.conversation?.tenantId, (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id];
  return ids.filter((id): id is string => typeof id === "string" && id !== "");
}

/** The channel itself, not the reply thread: Teams appends ";messageid=..." for replies. */
export function bindingOf(activity: Activity): ChannelBinding {
  const data = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const conversationId = data.channel?.id ?? (activity.conversation?.id ?? "").split(";")[0] ?? "";
  return {
    tenantId: tenantOf(activity) ?? "local",
    teamId: data.team?.id,
    conversationId,
    serviceUrl: activity.serviceUrl,
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Teams may deliver text as HTML: keep the words and line breaks, drop the markup. */
export function plainText(text: string): string {
  if (!/[<&]/.test(text)) return text;
  return text
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** What the person typed, with the bot's @mention removed and other people's kept as "@Name". */
export function commandText(context: TurnContext): string {
  const activity = context.activity;
  // A message can carry only a card's value, or attachments: no text to read (and botbuilder's mention
  // removal would throw on it).
  if (typeof activity.text !== "string") return "";
  let text = TurnContext.removeRecipientMention(activity) ?? activity.text;
  const botName = (activity.recipient?.name ?? "").toLowerCase();
  text = text.replace(/<at>([^<]*)<\/at>/gi, (_, name: string) => (name.trim().toLowerCase() === botName ? " " : `@${name.trim()}`));
  return plainText(text).replace(/\u00a0/g, " ").trim();
}

/** People @mentioned in the message (not the bot): their display names and Teams user ids. */
export function mentionsOf(activity: Activity): { name: string; id: string }[] {
  return (activity.entities ?? []).flatMap((e) => {
    const mentioned = (e as { type?: string; mentioned?: { id?: string; name?: string } }).mentioned;
    if (e.type !== "mention" || !mentioned?.id || mentioned.id === activity.recipient?.id) return [];
    return [{ name: (mentioned.name ?? "").trim(), id: mentioned.id }];
  });
}
