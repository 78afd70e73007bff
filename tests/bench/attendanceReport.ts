import { RollCallSnapshot } from "../../storage/rollCallTable";
import { Store } from "../../storage/store";

// What the attendance report will do: list the board's meetings, take the last `count` that have
// happened, and read each one's roll-call partition, all at once.

export async function attendanceReport(store: Store, partnershipId: string, now: Date, count = 12): Promise<RollCallSnapshot[]> {
  const past = (await store.meetings.list(partnershipId)).filter((m) => m.startsAt <= now.toISOString());
  // Row keys sort by start time, so the list is already in order.
  const last = past.slice(-count);
  return Promise.all(last.map((m) => store.rollCalls.read(partnershipId, m.id)));
}
