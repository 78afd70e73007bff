import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/rollCall.json";

export interface RollCallRow {
  name: string;
  organisation: string;
  /** In the words councils publish: "Present (2:05pm)", "Apologies", "Not yet"... */
  status: string;
}

export interface RollCallCardData {
  partnershipId: string;
  meetingId: string;
  meetingTitle: string;
  when: string;
  where?: string;
  open: boolean;
  stateText: string;
  quorate: boolean;
  headline: string;
  missingText: string;
  groups: { title: string; rows: RollCallRow[] }[];
  /** What this viewer sees of their own record; empty on the shared card. */
  viewerText: string;
  /** Chair controls: only in the chair's own view. */
  chair: boolean;
  memberChoices: { title: string; value: string }[];
  /** Teams user ids that get a personal view on refresh (Teams takes at most 60). */
  refreshUserIds: string[];
}

export const MAX_REFRESH_USERS = 60;

export function rollCallCard(data: RollCallCardData): AdaptiveCard {
  const card = renderCard(template, {
    ...data,
    where: data.where ? `, ${data.where}` : "",
    bannerStyle: data.quorate ? "good" : "attention",
    bannerColor: data.quorate ? "Good" : "Attention",
    bannerIcon: data.quorate ? "✔" : "✖",
    groups: data.groups.filter((g) => g.rows.length > 0).map((g) => ({ ...g, count: g.rows.length })),
  });
  if (data.refreshUserIds.length > 0) {
    card.refresh = {
      action: { type: "Action.Execute", title: "Refresh", verb: "roll.refresh", data: { partnershipId: data.partnershipId, meetingId: data.meetingId } },
      userIds: data.refreshUserIds.slice(0, MAX_REFRESH_USERS),
    };
  }
  return card;
}
