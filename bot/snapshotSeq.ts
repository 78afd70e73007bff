let sequence = 0;

/**
 * Orders snapshots of shared cards (roll call, sign-off): one read after another has seen at least every
 * write the earlier one saw, so the card updater never sends an older state after a newer one. Lives below
 * the use cases so that each can take a number without importing another.
 */
export const nextSeq = (): number => ++sequence;
