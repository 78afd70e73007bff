import { Attendance } from "../domain/types";
import { formatTime } from "./zonedTime";

// Attendance in the words council minutes use.

export function attendanceWords(record: Attendance | undefined, timeZone: string): string {
  if (!record) return "Not yet";
  // Joined the Teams call rather than checking in: the card says so beside the time.
  const online = record.online ? ", online" : "";
  const at = (iso?: string) => (iso ? ` (${formatTime(iso, timeZone)})` : "");
  if (record.leftAt) return `Left${at(record.leftAt)}`;
  switch (record.status) {
    case "present":
      return `Present${online}${at(record.arrivedAt)}`;
    case "apologies":
      return "Apologies";
    case "apologies-substitute":
      return record.substituteName ? `Apologies (sent substitute: ${record.substituteName})` : "Apologies (sent substitute)";
    case "present-substitute":
      return `Present as substitute${record.substituteName ? `: ${record.substituteName}` : ""}${online}${at(record.arrivedAt)}`;
    case "in-attendance":
      return `In attendance${online}${at(record.arrivedAt)}`;
    case "absent":
      return "Absent";
  }
}
