/** What the sending engines of mailings and SMS sends share. */
export { outreachBookkeeping, type ClaimedCopy, type OutreachTables } from './bookkeeping.ts';
