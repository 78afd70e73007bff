import { AdaptiveCard, renderCard } from "./render";
import template from "./templates/action.json";
import logTemplate from "./templates/actionLog.json";

export interface ActionCardData {
  partnershipId: string;
  ref: string;
  text: string;
  status: string;
  statusText: string;
  ownerText: string;
  dueText: string;
  overdue: boolean;
  raisedText: string;
  /** "Done: Circulated on 3 June (Cheryl Wells, 4 June 2024)" */
  latest?: string;
  earlier: number;
  /** For the edit form. */
  ownerIds: string[];
  outsideOwners: string;
  dueDate: string;
  dueNextMeeting: boolean;
  memberChoices: { title: string; value: string }[];
}

const COLORS: Record<string, string> = { open: "Accent", "in-progress": "Warning", done: "Good", dropped: "Default" };

/** One action: the same card in the channel and in each owner's 1:1 chat, updated together. */
export function actionCard(data: ActionCardData): AdaptiveCard {
  return renderCard(template, {
    ...data,
    statusColor: COLORS[data.status] ?? "Default",
    dueText: data.overdue ? `${data.dueText} (overdue)` : data.dueText,
    latest: data.latest ?? "",
    ownerIds: data.ownerIds.join(","),
    dueNextMeeting: String(data.dueNextMeeting),
  });
}

export interface ActionLogCardData {
  partnershipId: string;
  title: string;
  summary: string;
  empty: string;
  items: { ref: string; statusText: string; dueText: string; overdue: boolean; text: string; ownerText: string; latest?: string }[];
  page: number;
  pages: number;
  owner: string;
  status: string;
  /** "my actions": the person's own, without the filter. */
  mine: boolean;
  ownerChoices: { title: string; value: string }[];
  /** The chair and manager get the "Raise an action" form. */
  canRaise?: boolean;
  memberChoices?: { title: string; value: string }[];
}

/**
 * The filter form's "Anyone" and default-view choices: Teams' renderer refuses a choice with an empty
 * value, so these stand for "no filter" on the card and the log's input reads them back as none.
 */
export const ANY_OWNER = "anyone";
export const DEFAULT_VIEW = "recent";

export function actionLogCard(data: ActionLogCardData): AdaptiveCard {
  return renderCard(logTemplate, {
    ...data,
    owner: data.owner || ANY_OWNER,
    status: data.status || DEFAULT_VIEW,
    pages: Math.max(1, data.pages),
    items: data.items.map((i) => ({
      ...i,
      partnershipId: data.partnershipId,
      overdueText: i.overdue ? " · **overdue**" : "",
      latestText: i.latest ? ` · ${i.latest}` : "",
    })),
    ownerChoices: [{ title: "Anyone", value: ANY_OWNER }, ...data.ownerChoices],
    canRaise: Boolean(data.canRaise) && !data.mine,
    memberChoices: data.memberChoices ?? [],
  });
}
