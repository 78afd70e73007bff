import { Template } from "adaptivecards-templating";

// Cards are JSON templates filled from typed data with adaptivecards-templating. Templates are parsed
// once per process; expansion is the only per-request work.

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard"; version: string };

const cache = new Map<object, Template>();

export function renderCard<T extends object>(template: object, data: T): AdaptiveCard {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = new Template(template);
    cache.set(template, compiled);
  }
  const card = compiled.expand({ $root: data }) as AdaptiveCard;
  addSubmitFallbacks(card);
  return card;
}

/**
 * Clients without Universal Actions show an Action.Execute's fallback instead: an Action.Submit
 * carrying the same verb and data, which reaches the bot as a message with a value.
 */
function addSubmitFallbacks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) addSubmitFallbacks(child);
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  if (obj.type === "Action.Execute" && obj.fallback === undefined) {
    obj.fallback = {
      type: "Action.Submit",
      title: obj.title,
      data: { ...(obj.data as object | undefined), verb: obj.verb },
    };
  }
  for (const value of Object.values(obj)) if (value && typeof value === "object") addSubmitFallbacks(value);
}
