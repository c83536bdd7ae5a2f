/** This instance as a C2SP tlog-witness: add-checkpoint, its cosigner key and the witnessed logs. */
export { witnessRoutes } from './routes.ts';
/** The cosigner identity (WITNESS_KEY or generated and kept in the database). */
export { prepareWitness, witnessIdentity, witnessKeyName, type WitnessIdentity } from './service.ts';
/** Submitting this instance's checkpoints to its witnesses and collecting their cosignatures. */
export {
  submitToWitnesses,
  tileProofSource,
  witnessSubmitter,
  type ConsistencyProofSource,
  type WitnessTarget,
  type WitnessOutcome,
} from './submit.ts';
/** Submitting each new checkpoint of this instance's log to LEDGER_WITNESSES in the background. */
export { startLogWitnessing, type LogWitnessingOptions, type RunningWitnessing } from './log-witnessing.ts';
