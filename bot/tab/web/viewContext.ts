import { Api } from "./api";

export interface ViewContext {
  api: Api;
  boardId: string;
  container: HTMLElement;
  /** A view that keeps working (the roll call's polling) says how to stop when another is opened. */
  onStop(stop: () => void): void;
}

export const boardPath = (context: ViewContext, view: string) => `/api/tab/boards/${encodeURIComponent(context.boardId)}/${view}`;
