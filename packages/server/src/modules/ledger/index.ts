/** The fund-flow event types and the entry format version. */
export { ledgerEventTypes, ENTRY_VERSION, type LedgerEventType, type JsonValue } from './events.ts';
/** Writing events into the outbox in the business transaction, and the commitment helpers. */
export {
  recordLedgerEntry,
  recordLedgerEntries,
  commitment,
  sha256Hex,
  newSalt,
  newTrackingCode,
  entryObject,
  canonicalEntry,
  type LedgerEntryInput,
} from './outbox.ts';
