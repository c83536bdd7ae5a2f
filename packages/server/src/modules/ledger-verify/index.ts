/** Verifying a transparency log end to end (`commonweal ledger verify`). */
export { verifyLog, type VerifyOptions, type VerifyReport } from './verify.ts';
/** Failure codes and their process exit codes. */
export { VerifyFailure, verifyExitCodes, type VerifyFailureCode } from './errors.ts';
/** Printing an outcome for a person or as JSON. */
export { formatOutcome, verifyOutcome, type VerifyOutcome } from './report.ts';
/** Where verify remembers keys and checkpoints by default. */
export { defaultStateDir } from './state.ts';
/** Reading a log over HTTP(S) or from a directory. */
export { logSource, type LogSource } from './source.ts';
