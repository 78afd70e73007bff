import { DateTime } from "luxon";

/** "15:40" in the board's zone: the time a departure is minuted at. */
export function inZone24(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("HH:mm");
}

/** "21/03/2024": a register's column heading. */
export function shortDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("dd/MM/yyyy");
}
