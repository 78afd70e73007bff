import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/help.json";

export interface HelpCardData {
  howToAsk: string;
  commands: { usage: string; description: string }[];
  /** Commands that run as they are, offered as buttons. */
  buttons: { title: string; command: string }[];
}

export const helpCard = (data: HelpCardData): AdaptiveCard => renderCard(template, data);
