import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/meeting.json";
import listTemplate from "./templates/meetings.json";

export interface MeetingCardData {
  partnershipId: string;
  meetingId: string;
  partnershipName: string;
  title: string;
  when: string;
  where: string;
  state: string;
  agenda: { ref: string; title: string; forSignOff: boolean }[];
  /** For the "Send apologies" form: this meeting and the others to come. */
  meetingChoices: { title: string; value: string }[];
  /** A line above the card, such as a reminder to send apologies. */
  heading?: string;
}

export function meetingCard(data: MeetingCardData): AdaptiveCard {
  return renderCard(template, {
    ...data,
    where: data.where || "Not set",
    heading: data.heading ?? "",
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
