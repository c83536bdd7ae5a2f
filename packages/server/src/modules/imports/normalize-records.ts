import { Worker } from 'node:worker_threads';
import type { ParsedRecord } from './csv.ts';
import { outcomeOf, type Outcome, type OutcomeContext } from './outcome.ts';

export interface NormalizeOptions {
  /**
   * After this many records the rest of the file is normalized on a worker thread while this thread
   * reads and parses: pinyin and phone parsing cost about as much as parsing the CSV itself. Small
   * files stay inline, where a thread's start-up would cost more than it saves.
   */
  workerAfter?: number;
  batchSize?: number;
  /** A batch also closes at this many characters of cell text, so a file of long rows stays bounded. */
  batchChars?: number;
}

/** The defaults; tests lower workerAfter to send small files through the thread too. */
export const normalizeDefaults = { workerAfter: 20_000, batchSize: 2_000, batchChars: 1_000_000 };
/** Batches handed to the worker and not yet answered: enough to keep it busy, bounded memory. */
const IN_FLIGHT = 4;
/**
 * The worker's heap holds its modules (about 20 MB) and the batches in flight (a few MB). Left to
 * V8's default it grew to some 200 MB of garbage before collecting, beside the embedded database,
 * and took a 1,000,000-row import past 1 GB. This ceiling makes it collect sooner: normalizing that
 * file alone peaked at 420-440 MB instead of 605-620 MB; its time stayed within the machine's noise
 * (29-51 s either way, seven alternated pairs).
 */
const WORKER_HEAP_MB = 128;

/** Outcomes of the records, in file order. */
export async function* normalizeRecords(
  records: AsyncIterable<ParsedRecord>,
  ctx: OutcomeContext,
  options: NormalizeOptions = {},
): AsyncGenerator<Outcome> {
  const workerAfter = options.workerAfter ?? normalizeDefaults.workerAfter;
  const batchSize = options.batchSize ?? normalizeDefaults.batchSize;
  const batchChars = options.batchChars ?? normalizeDefaults.batchChars;
  let seen = 0;
  let worker: OrderedWorker | undefined;
  let batch: ParsedRecord[] = [];
  let chars = 0;
  const pending: Promise<Outcome[]>[] = [];
  try {
    for await (const record of records) {
      if (!worker && seen++ < workerAfter) {
        yield outcomeOf(record, ctx);
        continue;
      }
      worker ??= new OrderedWorker(ctx);
      batch.push(record);
      if (record.kind === 'row') for (const cell of record.cells) chars += cell.length;
      if (batch.length < batchSize && chars < batchChars) continue;
      pending.push(worker.normalize(batch));
      batch = [];
      chars = 0;
      while (pending.length >= IN_FLIGHT) yield* await pending.shift()!;
    }
    if (batch.length > 0) pending.push(worker!.normalize(batch));
    while (pending.length > 0) yield* await pending.shift()!;
  } finally {
    // Answers still pending when the caller stops early are dropped with the thread.
    for (const p of pending) p.catch(() => undefined);
    await worker?.close();
  }
}

/** One worker thread; it answers batches in the order they were sent. */
class OrderedWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (o: Outcome[]) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(ctx: OutcomeContext) {
    this.worker = new Worker(new URL('./normalize-worker.js', import.meta.url), {
      workerData: ctx,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.worker.on('message', (outcomes: Outcome[]) => this.waiting.shift()?.resolve(outcomes));
    const fail = (error: Error) => {
      this.failure = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`the import's normalizer thread stopped (exit code ${code})`));
    });
  }

  normalize(records: ParsedRecord[]): Promise<Outcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(records);
    });
  }

  async close() {
    await this.worker.terminate();
  }
}
