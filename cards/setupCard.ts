import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/setup.json";

export interface SetupCardData {
  bound: boolean;
  canEdit: boolean;
  partnershipId: string;
  name: string;
  timeZone: string;
  timeZones: string[];
  quorumCount: "organisations" | "persons";
  quorumCategories: string[];
  quorumRequired: string;
  deputiesCount: boolean;
  ruleText: string;
  requirement: string;
  warning?: string;
  /** A confirmation such as "Settings saved." */
  status?: string;
}

export function setupCard(data: SetupCardData): AdaptiveCard {
  const intro = !data.bound
    ? "Bind this channel to your partnership board. You become its first partnership manager."
    : data.canEdit
      ? "This channel is bound to the board below. As partnership manager you can change its settings."
      : "This channel is bound to the board below. Only the partnership manager can change its settings.";
  return renderCard(template, {
    ...data,
    heading: data.bound ? "Board settings" : "Set up Quorate for this channel",
    intro,
    saveTitle: data.bound ? "Save settings" : "Set up",
    timeZones: data.timeZones.map((z) => ({ title: z.replace(/_/g, " "), value: z })),
    quorumCategories: data.quorumCategories.join(","),
    deputiesCount: String(data.deputiesCount),
    warning: data.warning ?? "",
    status: data.status ?? "",
  });
}
