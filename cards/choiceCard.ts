import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/choice.json";

export interface ChoiceCardData {
  title: string;
  lines: string[];
  /** Each button runs a verb with its data (checked again by the bot when pressed). */
  buttons: { title: string; verb: string; data: Record<string, string> }[];
}

/** A question with one button per answer: which meeting, which board, which person. */
export const choiceCard = (data: ChoiceCardData): AdaptiveCard => renderCard(template, data);
