import { Request } from "./request";

/**
 * Records a change in the audit table. Written after the change it describes; if storage fails here
 * the change stands and the failure is logged loudly rather than undoing what the person asked for.
 * Entries written at the same moment for one partnership go in one batch.
 */
export async function audit(
  req: Request,
  partnershipId: string,
  action: string,
  target: string,
  before?: unknown,
  after?: unknown,
): Promise<void> {
  try {
    await req.deps.store.audit.append({ partnershipId, at: req.now.toISOString(), actor: req.userKey, action, target, before, after });
  } catch (error) {
    req.deps.log.error("audit.write_failed", { partnershipId, action, target, error });
  }
}
