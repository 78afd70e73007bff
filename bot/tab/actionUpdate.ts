import { CloudAdapter } from "botbuilder";
import { z } from "zod";
import { Deps } from "../deps";
import { updateInput } from "../handlers/actions/inputs";
import { updateAction } from "../handlers/actions/update";
import { statusWords } from "../rules/actionStatus";
import { ACTION_STATUSES, MAX_NOTE } from "../rules/actionTypes";
import { BoardAccess } from "./access";
import { tabRequest } from "./tabRequest";

/** The Actions view's "Update" form. The request id makes a retried submit change nothing twice. */
export const updateBody = z
  .object({
    status: z.enum(ACTION_STATUSES, "Choose a status: open, in progress, done or dropped."),
    note: z.string().max(MAX_NOTE, `A note can be at most ${MAX_NOTE} characters.`).default(""),
    requestId: z.string().uuid("The page sent no request id; reload it."),
  })
  .strict();

export type UpdateAnswer = { status: 200; message: string } | { status: 400 | 403 | 404; message: string };

/**
 * An action's status changed from the tab: the card's own use case does it (the same permission rule,
 * the same ETag-guarded write, the same audit entry), and every copy of the card in Teams follows.
 */
export async function updateFromTab(deps: Deps, adapter: CloudAdapter, access: BoardAccess, ref: string, body: z.infer<typeof updateBody>): Promise<UpdateAnswer> {
  const input = updateInput.safeParse({ partnershipId: access.board.partnership.id, ref, status: body.status, note: body.note });
  if (!input.success) return { status: 400, message: input.error.issues[0]?.message ?? "That update could not be read." };
  const outcome = await updateAction(tabRequest(deps, adapter, access, `tab-${body.requestId}`), input.data);
  if (outcome.card && !outcome.notice) return { status: 200, message: `${input.data.ref} is now ${statusWords(input.data.status).toLowerCase()}.` };
  const notice = outcome.notice ?? "That update was not made.";
  if (/^Only /.test(notice)) return { status: 403, message: notice };
  if (/^There is no action|no longer exists/.test(notice)) return { status: 404, message: notice };
  return { status: 400, message: notice };
}
