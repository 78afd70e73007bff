// Moving an action between open, in progress, done and dropped. Every update is appended to the
// history (who, when, from, to, note) so the log can always say how an action got where it is.
import { ACTION_STATUSES, MAX_NOTE, type Action, type ActionStatus, type ActionUpdate } from "./actionTypes";

export interface UpdateRequest {
  /** Member id of whoever is updating. */
  by: string;
  byName: string;
  to: ActionStatus;
  note?: string;
  /** ISO 8601 instant, UTC. */
  at: string;
  /** The Teams activity asking for it, kept so a redelivery is recognised. */
  delivery?: string;
}

/** `message` is written for the user and shown as it is. */
export type UpdateResult = { ok: true; action: Action; update: ActionUpdate } | { ok: false; message: string };

const WORDS: Record<ActionStatus, string> = { open: "Open", "in-progress": "In progress", done: "Done", dropped: "Dropped" };

export function statusWords(status: ActionStatus): string {
  return WORDS[status];
}

export function isOutstanding(action: Pick<Action, "status">): boolean {
  return action.status === "open" || action.status === "in-progress";
}

// The words people use in a channel for each status: "update A-2024-017 complete: circulated 19 March".
const STATUS_WORDS: Record<string, ActionStatus> = {
  open: "open",
  reopen: "open",
  reopened: "open",
  inprogress: "in-progress",
  progress: "in-progress",
  started: "in-progress",
  ongoing: "in-progress",
  done: "done",
  complete: "done",
  completed: "done",
  closed: "done",
  dropped: "dropped",
  drop: "dropped",
  cancelled: "dropped",
  canceled: "dropped",
  withdrawn: "dropped",
};

/** "in progress", "In-Progress", "completed", "cancelled" → a status; undefined for anything else. */
export function parseStatusWord(word: string): ActionStatus | undefined {
  return STATUS_WORDS[word.toLowerCase().replace(/[^a-z]/g, "")];
}

export function applyUpdate(action: Action, request: UpdateRequest): UpdateResult {
  const { to, by, byName, at } = request;
  const from = action.status;
  // `to` comes from a command or a card: check it even though the type says it is fine.
  if (!(ACTION_STATUSES as readonly string[]).includes(to)) return fail(`"${String(to)}" isn't a status. Use open, in progress, done or dropped.`);
  const note = request.note?.trim() || undefined;
  if (note !== undefined && note.length > MAX_NOTE) return fail(`A note can be at most ${MAX_NOTE} characters; this one is ${note.length}.`);

  // Closing or reopening is what the minutes report on, so it has to say why.
  if (to === "done" && from !== "done" && !note) return fail("Say what was done: a note is needed to close an action.");
  if (to === "dropped" && from !== "dropped" && !note) return fail("Say why it was dropped: a note is needed to drop an action.");
  if (!isOutstanding(action) && isOutstanding({ status: to }) && !note) {
    return fail(`Say why ${action.ref} is being reopened: a note is needed to reopen an action.`);
  }
  // Same status with a note is a progress note; without one there is nothing to record.
  if (to === from && !note) return fail(`${action.ref} is already ${statusWords(from).toLowerCase()}: no change to record.`);

  const update: ActionUpdate = { at, by, byName, from, to, ...(note ? { note } : {}), ...(request.delivery ? { delivery: request.delivery } : {}) };
  return { ok: true, action: { ...action, status: to, updatedAt: at, history: [...action.history, update] }, update };
}

function fail(message: string): UpdateResult {
  return { ok: false, message };
}
