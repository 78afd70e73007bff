import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/notice.json";

export interface NoticeCardData {
  title: string;
  tone?: "good" | "attention" | "default";
  lines: string[];
  buttons?: { title: string; command: string }[];
}

const MAX_LINES = 40;
const COLORS = { good: "Good", attention: "Attention", default: "Default" } as const;

/** A short titled message: import results, line-by-line errors, confirmations. */
export function noticeCard(data: NoticeCardData): AdaptiveCard {
  return renderCard(template, {
    title: data.title,
    color: COLORS[data.tone ?? "default"],
    lines: data.lines.slice(0, MAX_LINES),
    more: Math.max(0, data.lines.length - MAX_LINES),
    buttons: data.buttons ?? [],
  });
}
