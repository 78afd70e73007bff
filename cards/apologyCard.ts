import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/apology.json";

export interface ApologyCardData {
  partnershipId: string;
  meetingId: string;
  memberIds: string[];
  /** The board it was recorded for: a person on several boards must see which. */
  board: string;
  who: string;
  meeting: string;
  reason?: string;
  deputy?: string;
  /** False once undone: the card then only says so. */
  active: boolean;
  note?: string;
  meetingChoices: { title: string; value: string }[];
}

/** The confirmation of what the bot understood, with Undo and Change meeting. */
export function apologyCard(data: ApologyCardData): AdaptiveCard {
  return renderCard(template, {
    ...data,
    title: `${data.active ? "Apologies recorded" : "Apologies withdrawn"} for ${data.board}`,
    color: data.active ? "Good" : "Default",
    memberIds: data.memberIds.join(","),
    reason: data.reason || "Not given",
    deputy: data.deputy || "None",
    note: data.note ?? "",
  });
}
