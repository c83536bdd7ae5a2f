/** What mailings and SMS sends share: their lifecycle and their sending engine's bookkeeping. */
export {
  editable,
  sendLifecycle,
  type SendChange,
  type SendKind,
  type SendMove,
  type SendStatus,
} from './lifecycle.ts';
export { outreachBookkeeping, type ClaimedCopy, type Lease, type OutreachTables } from './bookkeeping.ts';
export { sendRecords, type RecipientPageQuery } from './records.ts';
