// Updating an action from its card, editing it, and opening its card again.
import { z } from "zod";
import { actionCard } from "../../../cards/actionCard";
import { ActionRecord } from "../../../storage/actionTable";
import { MemberRecord } from "../../../storage/store";
import { audit } from "../../audit";
import { Board, boardForPress } from "../../board";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { applyUpdate } from "../../rules/actionStatus";
import { Action, ActionDue } from "../../rules/actionTypes";
import { can, whoCan } from "../../rules/permissions";
import { editInput, openInput, ref, updateInput } from "./inputs";
import { actionByRef, findAction, noSuchAction, rowOf } from "./lookup";
import { actionCardFor } from "./card";
import { ownersFromForm } from "./raise";

const NOT_ALLOWED = `Only an owner of this action, the chair or the partnership manager can update it. Nothing was changed.`;

/**
 * An owner (or the chair) updates an action from its card: a hot path like a check-in. The board comes
 * from the cache, the action is read once and replaced under its ETag (two round trips); the audit
 * entry and every copy of the card follow behind the answer. A redelivered press is recognised by its
 * activity id in the action's history, so it needs no separate delivery claim.
 */
export async function updateAction(req: Request, input: z.infer<typeof updateInput>): Promise<Outcome> {
  const pressed = await boardForPress(req, input.partnershipId);
  if (!("board" in pressed)) return pressed;
  const { board, actor } = pressed;
  if (!actor) return say("Only members of this board can see or update its actions.");
  const found = await actionByRef(req, board.partnership.id, input.ref);
  if (!found) return say(noSuchAction(input.ref));
  if (!(isOwner(found.value, actor) || can(actor, "raiseActions"))) return say(NOT_ALLOWED);

  const delivery = req.context.activity.id || undefined;
  const seen = (a: Action) => delivery !== undefined && a.history.some((u) => u.delivery === delivery);
  let rejection: string | undefined;
  let repeated = false;
  // A press never overrides a change made after it (a late redelivery whose first attempt never wrote).
  const late = req.pressedAt.toISOString();
  const result = await req.deps.store.actions.mutateAudited(
    board.partnership.id,
    rowOf(found.value),
    (current) => {
      if (!current) return undefined;
      if (seen(current) || current.updatedAt > late) {
        repeated = true; // Teams delivered this press again: it is recorded, or a later change stands
        return undefined;
      }
      const applied = applyUpdate(current, { by: actor.id, byName: actor.name, to: input.status, note: input.note || undefined, at: req.now.toISOString(), delivery });
      if (!applied.ok) {
        rejection = applied.message;
        return undefined;
      }
      return { ...current, ...applied.action, copies: current.copies };
    },
    found,
    // The audit entry goes in the update's own batch: it survives the process dying after the answer.
    (before, after) => ({
      partnershipId: board.partnership.id,
      at: req.now.toISOString(),
      actor: req.userKey,
      action: "action.updated",
      target: after.ref,
      before: { status: before.status },
      after: { status: after.status, note: Boolean(after.history.at(-1)?.note) },
    }),
  );
  if (!result.after) return say("That action no longer exists.");
  if (repeated) return { card: await actionCardFor(req, board, result.after) };
  if (rejection) return say(`${rejection} Nothing was changed.`.replace(/\.\s*Nothing/, ". Nothing"));
  const after = result.after;
  const card = await actionCardFor(req, board, after);
  refreshCopies(req, board, after, card);
  return { card };
}

/** Chair and manager: the words, the owners and the due date. */
export async function editAction(req: Request, input: z.infer<typeof editInput>): Promise<Outcome> {
  const found = await findAction(req, input.partnershipId, input.ref);
  if ("outcome" in found) return found.outcome;
  const { board, action } = found;
  if (!can(board.actor, "raiseActions")) return say(`Only ${whoCan("raiseActions")} can change an action's words, owners or due date. Nothing was changed.`);
  const owners = ownersFromForm(board, input.ownerIds, input.outsideOwners);
  if (typeof owners === "string") return say(owners);
  const due: ActionDue | undefined = input.dueNextMeeting === "true" ? { kind: "next-meeting" } : input.dueDate ? { kind: "date", date: input.dueDate } : undefined;
  const result = await req.deps.store.actions.mutate(board.partnership.id, rowOf(action), (current) => {
    if (!current) return undefined;
    const next = { ...current, text: input.text, owners, due, updatedAt: req.now.toISOString() };
    return JSON.stringify([next.text, next.owners, next.due]) === JSON.stringify([current.text, current.owners, current.due]) ? undefined : next;
  });
  if (!result.after) return say("That action no longer exists.");
  if (result.changed) {
    await audit(req, board.partnership.id, "action.edited", action.ref, pickEdit(result.before), pickEdit(result.after));
  }
  const card = await actionCardFor(req, board, result.after);
  if (result.changed) refreshCopies(req, board, result.after, card);
  return { card };
}

export async function openAction(req: Request, input: z.infer<typeof openInput>): Promise<Outcome> {
  const found = await findAction(req, input.partnershipId, input.ref);
  if ("outcome" in found) return found.outcome;
  return { card: await actionCardFor(req, found.board, found.action) };
}

const isOwner = (action: Action, member: MemberRecord) => action.owners.some((o) => o.kind === "member" && o.memberId === member.id);

const pickEdit = (a?: Action) => a && { text: a.text, owners: a.owners.length, due: a.due };

function refreshCopies(req: Request, board: Board, action: ActionRecord, card: ReturnType<typeof actionCard>): void {
  const version = Date.parse(action.updatedAt) * 1000 + action.history.length;
  for (const copy of action.copies) {
    // Another instance may have updated it since: the updater reads afresh when it must.
    const reload = async () => {
      const fresh = await req.deps.store.actions.get(action.partnershipId, rowOf(action));
      return fresh && actionCardFor(req, board, fresh.value);
    };
    req.deps.cards.request({ serviceUrl: copy.serviceUrl, conversationId: copy.conversationId }, copy.activityId, version, async () => card, reload);
  }
}
