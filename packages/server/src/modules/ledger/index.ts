/** The fund-flow event types and the entry format version. */
export { ledgerEventTypes, ENTRY_VERSION, type LedgerEventType, type JsonValue } from './events.ts';
/** Writing events into the outbox in the business transaction, and the commitment helpers. */
export {
  recordLedgerEntry,
  recordLedgerEntries,
  commitment,
  sha256Hex,
  newSalt,
  entryObject,
  canonicalEntry,
  type LedgerEntryInput,
} from './outbox.ts';
/** The instance's log: its files (tiles, bundles, checkpoint), the latest checkpoint and the new-checkpoint hook. */
export { createLedgerLog, servedNote, type LedgerLog, type SignedCheckpoint, type WitnessHealth } from './log.ts';
export { recordCosignedCheckpoint } from './log-state.ts';
/** The integrator that runs inside `commonweal start` and `commonweal worker`. */
export { startLedgerIntegrator, type IntegratorOptions, type RunningIntegrator } from './integrator.ts';
/** One integration round (tests and benchmarks). */
export { integrateOnce } from './integrate.ts';
/** Reads for other modules: an entry's inclusion proof and checkpoint by tracking code, proofs, entries. */
export {
  entryProof,
  inclusionProof,
  consistencyProof,
  latestCheckpoint,
  logEntries,
  type InclusionProof,
  type EntryProof,
} from './read.ts';
/** An entry's C2SP tlog-proof file (its logged bytes in `extra`), and the log's verifier key. */
export { entryTlogProof, logVerifierKey, type TlogProofFile } from './tlog-proof-file.ts';
/** The public read API under /ledger. */
export { ledgerRoutes } from './routes.ts';
/** The public fields of each event, rebuilt from business rows (also by `ledger audit`). */
export * from './payloads.ts';
/** Reading a business row's entries and an entry by its tracking code; outbox rows with their leaves. */
export {
  selectEntries,
  entriesOfSubject,
  firstEntriesOf,
  entryByCode,
  lockFundsOf,
  forgetDonorOpenings,
  type LedgerEntryRow,
} from './entries.ts';
/** The outbox table, for set-based SQL (imports, audit), and the log's leaves. */
export { ledgerEntries, ledgerLeaves } from './tables.ts';
/** donation.received entries for many gifts in one statement (imports). */
export { donationReceivedEntries } from './sql.ts';
