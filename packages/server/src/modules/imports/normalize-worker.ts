import { parentPort, workerData } from 'node:worker_threads';
import type { ParsedRecord } from './csv.ts';
import { outcomeOf, type OutcomeContext } from './outcome.ts';

// The import's normalizer thread: batches of parsed records in, outcomes out, in order.
const ctx = workerData as OutcomeContext;
parentPort!.on('message', (records: ParsedRecord[]) => {
  parentPort!.postMessage(records.map((record) => outcomeOf(record, ctx)));
});
