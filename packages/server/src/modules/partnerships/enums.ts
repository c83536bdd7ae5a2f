// Dependency-free: the console imports this file (packages/web/src/api/enums.ts).

/** invited by the host, active once the partner accepts, ended by either side. */
export const partnershipStatuses = ['invited', 'active', 'ended'] as const;
/**
 * What the agreement lets the partner see of the gifts to its campaigns: totals only (amounts, counts),
 * or also the donors (names and contact details), for partners who thank donors themselves.
 */
export const donorDataShares = ['totals', 'donors'] as const;
