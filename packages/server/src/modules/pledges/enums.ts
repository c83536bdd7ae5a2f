// Dependency-free: the console imports this file (packages/web/src/api/enums.ts).

/**
 * A pledge (认捐) as staff see it: open (not yet fully given, not yet due), overdue (its date has
 * passed), fulfilled (its gifts reach the amount) or cancelled (written off). Only `cancelled` is stored;
 * the rest follow from the gifts and the date.
 */
export const pledgeStatuses = ['open', 'overdue', 'fulfilled', 'cancelled'] as const;
