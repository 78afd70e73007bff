import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/welcome.json";

export interface WelcomeCardData {
  /** Offer the example board (local runs only). */
  localMode: boolean;
}

export const welcomeCard = (data: WelcomeCardData): AdaptiveCard => renderCard(template, data);
