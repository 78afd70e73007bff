import { z } from "zod";
import { Codec } from "./entityTable";
import { escapeKey, unescapeKey } from "./keys";

/**
 * Which board meeting a Teams meeting is: events arrive in the meeting's own chat, not the board's
 * channel, so they are looked up here by what they carry. Partition = "<kind>~<value>" escaped
 * (the link's key, the meeting chat's thread, or Teams' meeting id); row = the partnership.
 */
export type MeetingLinkKind = "link" | "thread" | "teams";

export interface MeetingLinkEntry {
  kind: MeetingLinkKind;
  value: string;
  partnershipId: string;
  meetingId: string;
}

const schema = z.object({ meetingId: z.string().max(64) });

export const meetingLinkPartition = (kind: MeetingLinkKind, value: string) => escapeKey(`${kind}~${value}`);

export const meetingLinkCodec: Codec<MeetingLinkEntry> = {
  keys: (e) => ({ partitionKey: meetingLinkPartition(e.kind, e.value), rowKey: e.partnershipId }),
  schema,
  toRow: (e) => ({ meetingId: e.meetingId }),
  fromRow: (row, keys) => {
    const [kind = "", ...value] = unescapeKey(keys.partitionKey).split("~");
    return {
      kind: (kind === "thread" || kind === "teams" ? kind : "link") as MeetingLinkKind,
      value: value.join("~"),
      partnershipId: keys.rowKey,
      ...(row as z.infer<typeof schema>),
    };
  },
};
