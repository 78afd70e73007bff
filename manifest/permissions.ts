import type { TeamsManifestV1D30 } from "@microsoft/app-manifest";

// Resource-specific consent: what the bot may read in a meeting it is added to, granted by whoever
// adds it there. Teams sends meeting start and end only with the first two, and participants joining
// and leaving only with the third (and the meeting event subscription ticked in the Developer Portal).

export const MEETING_PERMISSIONS: TeamsManifestV1D30.ResourceSpecific[] = [
  // Start and end of scheduled meetings and their chats.
  { name: "OnlineMeeting.ReadBasic.Chat", type: "Application" },
  // Start and end of meetings held in a channel of the team.
  { name: "ChannelMeeting.ReadBasic.Group", type: "Application" },
  // Who joins and leaves a scheduled meeting.
  { name: "OnlineMeetingParticipant.Read.Chat", type: "Application" },
];
