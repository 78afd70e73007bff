// The API's answers as the page reads them (bot/tab/views/ builds them).

export interface BoardHeader {
  id: string;
  name: string;
  you: { name: string; role: string; organisation: string };
  manages: boolean;
}

export interface Me {
  name?: string;
  local: boolean;
  boards: { id: string; name: string; role: string }[];
}

export interface NextMeeting {
  board: BoardHeader;
  meeting: null | { title: string; when: string; where: string; state: string; agenda: { ref: string; title: string; presenter?: string; forSignOff: boolean }[] };
  apologies?: { name: string; organisation: string; category: string; words: string; deputy?: string; reason?: string }[];
  forecast?: { canBeQuorate: boolean; text: string; chase: string[] };
}

export interface RollCall {
  board: BoardHeader;
  meeting: null | { title: string; when: string };
  message?: string;
  roll?: { state: string; words: string };
  banner?: { quorate: boolean; headline: string; missing: string };
  groups?: { category: string; members: { id: string; name: string; organisation: string; status: string; words: string }[] }[];
  guests?: { name: string; words: string }[];
}

export interface ActionItem {
  ref: string;
  text: string;
  owners: string;
  due: string;
  status: string;
  statusText: string;
  overdue: boolean;
  latest?: string;
  canUpdate: boolean;
}

export interface Actions {
  board: BoardHeader;
  filters: { owner: string; status: string; overdue: boolean };
  owners: { id: string; name: string }[];
  summary: string;
  page: number;
  pages: number;
  items: ActionItem[];
}

export interface SignOffs {
  board: BoardHeader;
  signOffs: { id: string; title: string; link?: string; state: string; stateText: string; deadline: string; voters: string; passes: string; tally: string; rows: { voter: string; vote: string }[] }[];
}

export interface Attendance {
  board: BoardHeader;
  held: number;
  organisations: { organisation: string; represented: number; held: number; percent: string; words: string }[];
  inquorate: { date: string; title: string; headline: string; missing: string[] }[];
  register: { meetings: { id: string; date: string; title: string }[]; members: { name: string; organisation: string; former: boolean; cells: string[]; percent: string }[] };
}

export interface Papers {
  board: BoardHeader;
  /** Links signed for this person, good for a few minutes; absent when they may not have that paper. */
  papers: { title: string; detail: string; links: { label: string; url: string }[] }[];
  footnote: string;
}
