// Which board a roll-call press is for, and whether the presser may use the chair's controls.
import { MemberRecord } from "../../../storage/store";
import { cachedActor, channelPartnershipId } from "../../board";
import { CachedBoard } from "../../boardCache";
import { Outcome, say } from "../../outcome";
import { Request } from "../../request";
import { can, whoCan } from "../../rules/permissions";

export const isCached = <T>(x: T | Outcome): x is T => (x as Outcome).notice === undefined && (x as Outcome).card === undefined;

export async function cachedBoard(req: Request, cardPartnershipId: string): Promise<CachedBoard | Outcome> {
  if (req.scope === "personal") return say("The roll call is in the board's channel.");
  const partnershipId = channelPartnershipId(req);
  if (cardPartnershipId !== partnershipId) return say("That card belongs to another board, so nothing was recorded.");
  const board = await req.deps.boards.get(partnershipId);
  return board ?? say("This channel isn't set up for a partnership board.");
}

export async function chairBoard(req: Request, cardPartnershipId: string): Promise<{ board: CachedBoard; actor: MemberRecord } | Outcome> {
  const board = await cachedBoard(req, cardPartnershipId);
  if (!isCached(board)) return board;
  const actor = await cachedActor(req, board);
  if (!actor || !can(actor, "callRoll")) return say(`Only ${whoCan("callRoll")} can do that.`);
  return { board, actor };
}
