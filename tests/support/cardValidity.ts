import type * as AdaptiveCards from "adaptivecards";

// Reads a card as Microsoft's own renderer (the adaptivecards library, 3.0.6) does, at the card version
// Teams renders (1.5), and lists everything it objects to. Parsing and validating need no DOM; only
// rendering does, and these checks do not render.

// The package's "main" (lib/) is ES modules that Node's require cannot load; its bundle loads anywhere.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCards;

/** What the renderer reports while parsing and validating: empty for a card Teams will take. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as AdaptiveCards.PropertyBag, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`${(event.source as AdaptiveCards.CardObject | undefined)?.getJsonTypeName() ?? "card"}: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const repeated = repeatedInputIds(card);
  if (repeated.length > 0) problems.push(`input ids used twice: ${repeated.join(", ")}`);
  return problems;
}

/**
 * Input ids used more than once anywhere in the card, ShowCard forms included: Teams gathers every
 * input on the card by id when an action is pressed, so one form could read another's value.
 * (The renderer's validation says the same; this says it without relying on how it walks the card.)
 */
export function repeatedInputIds(card: unknown): string[] {
  const seen = new Map<string, number>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === "string" && obj.type.startsWith("Input.") && typeof obj.id === "string") seen.set(obj.id, (seen.get(obj.id) ?? 0) + 1);
    for (const value of Object.values(obj)) if (value && typeof value === "object") walk(value);
  };
  walk(card);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
