import { actionLogCard } from "../../cards/actionCard";
import { Meeting, Partnership } from "../domain/types";
import { actionLog } from "../rules/actionLog";
import { Action } from "../rules/actionTypes";
import { statusWords } from "../rules/actionStatus";
import { todayIn } from "../rules/zonedTime";

/** The owner's reminder before a meeting: their outstanding actions; each opens to its Update form. */
export function myActionsReminder(partnership: Partnership, meeting: Meeting, actions: Action[], when: string, now: Date) {
  const log = actionLog(actions, {
    now,
    timeZone: partnership.timeZone,
    nextMeetingDate: todayIn(partnership.timeZone, new Date(meeting.startsAt)),
    status: "outstanding",
    page: 1,
    pageSize: 25,
  });
  return actionLogCard({
    partnershipId: partnership.id,
    title: `Before ${meeting.title} on ${when}: your outstanding actions`,
    summary: `${log.outstanding} outstanding, ${log.overdue} overdue. Open one to update it before the meeting.`,
    empty: "You have no outstanding actions.",
    items: log.items.map((item) => ({
      ref: item.action.ref,
      statusText: statusWords(item.action.status),
      dueText: item.dueText,
      overdue: item.overdue,
      text: item.action.text,
      ownerText: item.ownerText,
    })),
    page: 1,
    pages: 1,
    owner: "",
    status: "",
    mine: true,
    ownerChoices: [],
  });
}
