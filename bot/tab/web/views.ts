import { Api } from "./api";
import { showActions } from "./views/actions";
import { showNextMeeting } from "./views/nextMeeting";
import { showRollCall } from "./views/rollCall";
import { showSignOffs } from "./views/signOffs";

export interface ViewContext {
  api: Api;
  boardId: string;
  container: HTMLElement;
  /** A view that keeps working (the roll call's polling) says how to stop when another is opened. */
  onStop(stop: () => void): void;
}

export interface ViewSpec {
  id: string;
  title: string;
  show(context: ViewContext): Promise<void>;
}

export const VIEWS: ViewSpec[] = [
  { id: "next", title: "Next meeting", show: showNextMeeting },
  { id: "rollcall", title: "Roll call", show: showRollCall },
  { id: "actions", title: "Actions", show: showActions },
  { id: "signoffs", title: "Sign-offs", show: showSignOffs },
];

export const boardPath = (context: ViewContext, view: string) => `/api/tab/boards/${encodeURIComponent(context.boardId)}/${view}`;
