// Finding an action by its reference on the board the card belongs to.
import { ActionRecord } from "../../../storage/actionTable";
import { Board, isBoard, loadBoard } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { parseRef } from "../../rules/actionRef";
import { Action } from "../../rules/actionTypes";

export async function findAction(req: Request, cardPartnershipId: string | undefined, reference: string): Promise<{ board: Board; action: ActionRecord } | { outcome: Outcome }> {
  const board = await loadBoard(req, cardPartnershipId);
  if (!isBoard(board)) return { outcome: board };
  if (!board.actor) return { outcome: say("Only members of this board can see or update its actions.") };
  const found = await actionByRef(req, board.partnership.id, reference);
  if (!found) return { outcome: say(noSuchAction(reference)) };
  return { board, action: found.value };
}

/** An action by its reference (A-2024-017), with its ETag; undefined for a malformed or unknown one. */
export async function actionByRef(req: Request, partnershipId: string, reference: string) {
  const parsed = parseRef(reference);
  return parsed ? req.deps.store.actions.getByNumber(partnershipId, parsed.year, parsed.seq) : undefined;
}

export const noSuchAction = (reference: string) => `There is no action ${reference} on this board. Nothing was changed.`;

export const rowOf = (a: Action) => `${a.year}-${String(a.seq).padStart(6, "0")}`;
