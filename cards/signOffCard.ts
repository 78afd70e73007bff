import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/signOff.json";
import listTemplate from "./templates/signOffs.json";

export interface SignOffCardData {
  partnershipId: string;
  signOffId: string;
  title: string;
  link?: string;
  open: boolean;
  /** "Open: 2 more approvals needed" / "Approved on 2 April 2024" */
  stateText: string;
  tone: "open" | "good" | "bad" | "neutral";
  /** Who votes and what passes: two separate things, shown as two. */
  votersText: string;
  passText: string;
  deadlineText: string;
  tallyText: string;
  rows: { voter: string; vote: string; pending: boolean }[];
  viewerText: string;
  refreshUserIds: string[];
}

const TONES = {
  open: { bannerStyle: "accent", bannerColor: "Accent" },
  good: { bannerStyle: "good", bannerColor: "Good" },
  bad: { bannerStyle: "attention", bannerColor: "Attention" },
  neutral: { bannerStyle: "emphasis", bannerColor: "Default" },
};

export function signOffCard(data: SignOffCardData): AdaptiveCard {
  const card = renderCard(template, { ...data, ...TONES[data.tone], link: data.link ?? "" });
  if (data.open && data.refreshUserIds.length > 0) {
    card.refresh = {
      action: { type: "Action.Execute", title: "Refresh", verb: "signoff.refresh", data: { partnershipId: data.partnershipId, signOffId: data.signOffId } },
      userIds: data.refreshUserIds.slice(0, 60),
    };
  }
  return card;
}

export interface SignOffListData {
  partnershipId: string;
  title: string;
  lines: string[];
  /** The chair and manager get the "Start a sign-off" form. */
  canStart: boolean;
}

export const signOffListCard = (data: SignOffListData): AdaptiveCard => renderCard(listTemplate, data);
