import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/meeting.json";
import listTemplate from "./templates/meetings.json";

export interface MeetingCardData {
  partnershipName: string;
  title: string;
  when: string;
  where: string;
  state: string;
  agenda: { ref: string; title: string; forSignOff: boolean }[];
}

export function meetingCard(data: MeetingCardData): AdaptiveCard {
  return renderCard(template, {
    ...data,
    where: data.where || "Not set",
    agenda: data.agenda.map((a) => ({ line: `${a.ref} ${a.title}${a.forSignOff ? " (for sign-off)" : ""}` })),
  });
}

export interface MeetingsCardData {
  partnershipId: string;
  partnershipName: string;
  canSchedule: boolean;
  meetings: { title: string; when: string; where: string }[];
}

export const meetingsCard = (data: MeetingsCardData): AdaptiveCard => renderCard(listTemplate, data);
