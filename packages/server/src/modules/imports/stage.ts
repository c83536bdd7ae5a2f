import type { Database } from '../../db/client.ts';
import type { FileStore } from '../../adapters/storage.ts';
import { copyInTransaction, csvLine, type BulkStatement } from './bulk.ts';
import { resolveColumns, type Mapping } from './mapping.ts';
import type { CustomFieldDef } from './normalize-row.ts';
import { normalizeRecords, type NormalizeOptions } from './normalize-records.ts';
import { STAGED_COLUMNS, type OutcomeContext } from './outcome.ts';
import { readRecords } from './reader.ts';
import type { Sniffed } from './sniff.ts';
import { fileInvalid } from './sniff.ts';
import type { PhaseTimings } from './timings.ts';

const REJECTION_COLUMNS = ['org_id', 'import_id', 'line', 'end_line', 'reason', 'raw', 'dry_run'];

export interface StageTarget {
  orgId: string;
  importId: number;
  fileKey: string;
  sniffed: Sniffed;
  headers: string[];
  mapping: Mapping;
  customFields: ReadonlyMap<string, CustomFieldDef>;
  dryRun: boolean;
  /** Rows up to this line were staged by an earlier run of the job. */
  resumeAfterLine: number;
  batchSize?: number;
  normalize?: NormalizeOptions;
  timings?: PhaseTimings;
}

export interface StageResult {
  rows: number;
  staged: number;
  rejected: number;
  sampleRejections: { line: number; endLine: number | null; reason: string }[];
}

/**
 * Streams the file through the row normalizer into import_rows and import_rejections, in batches.
 * Each batch commits together with its checkpoint (unless dry run), so a crashed job resumes after
 * the last committed batch and never stages a row twice.
 */
export async function stageFile(database: Database, files: FileStore, target: StageTarget): Promise<StageResult> {
  const { orgId, importId, dryRun } = target;
  const batchSize = target.batchSize ?? 5000;
  const { index } = resolveColumns(target.mapping, target.headers);
  const ctx: OutcomeContext = {
    orgId,
    importId,
    mapping: target.mapping,
    index,
    headers: target.headers,
    customFields: target.customFields,
  };
  const result: StageResult = { rows: 0, staged: 0, rejected: 0, sampleRejections: [] };
  let rows: string[] = [];
  let rejections: string[] = [];
  let bytes = 0;
  let lastLine = target.resumeAfterLine;
  let seenHeader = false;

  // One batch is written while the next is normalized: COPY runs in the database, the rows here.
  // Batches still commit one after the other, each with its checkpoint.
  let inFlight: Promise<void> = Promise.resolve();
  const waitForCopy = async () => {
    const waitStarted = performance.now();
    await inFlight;
    target.timings?.add('stage: waiting for COPY + checkpoint', performance.now() - waitStarted);
  };
  const flush = async () => {
    const statements: BulkStatement[] = dryRun
      ? []
      : [
          {
            text: `update imports set staged_through_line = $3, processed_rows = processed_rows + $4, bytes_read = $5
                   where org_id = $1 and id = $2`,
            values: [orgId, importId, lastLine, rows.length + rejections.length, bytes],
          },
        ];
    const batches = [
      { table: 'import_rows', columns: STAGED_COLUMNS, lines: rows },
      { table: 'import_rejections', columns: REJECTION_COLUMNS, lines: rejections },
    ];
    rows = [];
    rejections = [];
    await waitForCopy();
    inFlight = copyInTransaction(database, batches, statements);
    // Rejections surface at the next wait; this only keeps Node from calling them unhandled.
    inFlight.catch(() => undefined);
  };
  const reject = (line: number, endLine: number | null, reason: string, raw: string | null) => {
    result.rejected++;
    if (result.sampleRejections.length < 100) result.sampleRejections.push({ line, endLine, reason });
    rejections.push(csvLine([orgId, importId, line, endLine, reason, raw, dryRun]));
  };

  const timings = target.timings;
  const loopStarted = performance.now();
  const records = readRecords(files.read(target.fileKey), target.sniffed, { onBytes: (n) => (bytes += n) });
  async function* afterHeader() {
    for await (const record of records) {
      if (!seenHeader) {
        seenHeader = true;
        if (record.kind === 'error')
          throw fileInvalid(`The first row (column names) could not be read: ${record.reason}`);
        continue;
      }
      if (record.line > target.resumeAfterLine) yield record;
    }
  }
  try {
    for await (const outcome of normalizeRecords(afterHeader(), ctx, target.normalize)) {
      result.rows++;
      if (outcome.kind === 'staged') {
        result.staged++;
        lastLine = outcome.line;
        rows.push(outcome.copyLine);
      } else {
        lastLine = outcome.endLine ?? outcome.line;
        reject(outcome.line, outcome.endLine, outcome.reason, outcome.raw);
      }
      if (rows.length + rejections.length >= batchSize) await flush();
    }
  } finally {
    // A failed read leaves no COPY running behind it.
    await inFlight.catch(() => undefined);
  }
  if (!seenHeader) throw fileInvalid('The file has no rows. Check that you chose the right file.');
  await flush();
  await waitForCopy();
  if (timings) {
    const copyMs = timings.ms.get('stage: waiting for COPY + checkpoint') ?? 0;
    timings.add('stage: read + parse + normalize', performance.now() - loopStarted - copyMs);
  }
  return result;
}
