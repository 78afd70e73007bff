import { z } from "zod";
import { Attendance, ATTENDANCE_STATUSES } from "../bot/domain/types";
import { Codec } from "./entityTable";

const schema = z.object({
  status: z.enum(ATTENDANCE_STATUSES),
  substituteName: z.string().max(120).optional(),
  reason: z.string().max(300).optional(),
  guestName: z.string().max(120).optional(),
  guestOrganisation: z.string().max(120).optional(),
  arrivedAt: z.string().optional(),
  leftAt: z.string().optional(),
  online: z.boolean().optional(),
  recordedBy: z.string().max(200),
  recordedAt: z.string(),
});

/** One meeting's attendance is one partition; each person is their own row, so check-ins never contend. */
export function attendancePartition(partnershipId: string, meetingId: string): string {
  return `${partnershipId}~${meetingId}`;
}

export const attendanceCodec: Codec<Attendance & { partnershipId: string }> = {
  keys: (a) => ({ partitionKey: attendancePartition(a.partnershipId, a.meetingId), rowKey: a.memberId }),
  schema,
  toRow: (a) => ({
    status: a.status,
    substituteName: a.substituteName,
    reason: a.reason,
    guestName: a.guestName,
    guestOrganisation: a.guestOrganisation,
    arrivedAt: a.arrivedAt,
    leftAt: a.leftAt,
    online: a.online,
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt,
  }),
  fromRow: (row, keys) => {
    const [partnershipId = "", meetingId = ""] = keys.partitionKey.split("~");
    return { ...(row as z.infer<typeof schema>), partnershipId, meetingId, memberId: keys.rowKey };
  },
};
