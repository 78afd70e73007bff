import { Store } from "../../storage/store";
import { compareRefs } from "../rules/actionLog";
import { actionsCsv } from "../rules/actionsCsv";

/** The whole action log as CSV, oldest reference first (`export actions`, and the tab's Papers). */
export async function actionLogCsv(store: Store, partnershipId: string): Promise<{ board: string; timeZone: string; csv: string } | undefined> {
  const [found, actions, meetings] = await Promise.all([store.partnerships.get(partnershipId, "settings"), store.actions.all(partnershipId), store.meetings.list(partnershipId)]);
  if (!found) return undefined;
  const titles = new Map(meetings.map((m) => [m.id, m.title]));
  const csv = actionsCsv([...actions].sort(compareRefs), found.value.timeZone, { meetingTitle: (id) => titles.get(id), bom: true });
  return { board: found.value.name, timeZone: found.value.timeZone, csv };
}
