import { AdaptiveCard } from "./render";

// A burst of presses shares one snapshot (storage/coalesce.ts), and most of each answer is the same
// card: build it once per snapshot with a slot for the viewer's own line, then swap in each viewer's.

/** Stands in for the viewer's own line; invisible if it were ever shown. */
export const VIEWER_SLOT = "\u2063viewer\u2063";

/** The card with `text` in the viewer's slot, or without that line when `text` is empty. */
export function withViewerLine(card: AdaptiveCard, text: string): AdaptiveCard | undefined {
  const body = card.body as { text?: unknown }[] | undefined;
  const slot = body?.findIndex((el) => el.text === VIEWER_SLOT) ?? -1;
  if (!body || slot < 0) return undefined;
  const own = text ? [{ ...body[slot], text }] : [];
  // A fresh top level per answer; the rows underneath are shared and never changed after building.
  return { ...card, body: [...body.slice(0, slot), ...own, ...body.slice(slot + 1)] };
}

/** Cards built for a snapshot, for one board (a roster change means building again), by kind. */
export class CardMemo<S extends object, B extends object> {
  private readonly built = new WeakMap<S, { board: B; cards: Map<string, AdaptiveCard> }>();

  get(snapshot: S, board: B, kind: string, build: () => AdaptiveCard): AdaptiveCard {
    let memo = this.built.get(snapshot);
    if (!memo || memo.board !== board) this.built.set(snapshot, (memo = { board, cards: new Map() }));
    let card = memo.cards.get(kind);
    if (!card) memo.cards.set(kind, (card = build()));
    return card;
  }
}
