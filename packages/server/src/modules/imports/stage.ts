import type { Database } from '../../db/client.ts';
import type { FileStore } from '../../adapters/storage.ts';
import { copyInTransaction, csvLine, type BulkStatement } from './bulk.ts';
import { resolveColumns, type Mapping } from './mapping.ts';
import { normalizeRow, rejectionReason, type CustomFieldDef, type RowContext } from './normalize-row.ts';
import { readRecords } from './reader.ts';
import type { Sniffed } from './sniff.ts';
import { fileInvalid } from './sniff.ts';
import type { PhaseTimings } from './timings.ts';

export const STAGED_COLUMNS = [
  'org_id',
  'import_id',
  'line',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'phone',
  'email',
  'wechat_id',
  'province_code',
  'city_code',
  'district_code',
  'address',
  'postal_code',
  'category',
  'custom',
  'tags',
  'note',
  'gift_amount',
  'gift_currency',
  'gift_local_time',
  'gift_channel',
  'gift_campaign',
  'gift_external_id',
  'consents',
];
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
  timings?: PhaseTimings;
}

export interface StageResult {
  rows: number;
  staged: number;
  rejected: number;
  sampleRejections: { line: number; endLine: number | null; reason: string }[];
}

const RAW_LIMIT = 1000;
const rawText = (cells: string[]) => {
  const text = cells.join(',');
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
};

/**
 * Streams the file through the row normalizer into import_rows and import_rejections, in batches.
 * Each batch commits together with its checkpoint (unless dry run), so a crashed job resumes after
 * the last committed batch and never stages a row twice.
 */
export async function stageFile(database: Database, files: FileStore, target: StageTarget): Promise<StageResult> {
  const { orgId, importId, dryRun } = target;
  const batchSize = target.batchSize ?? 5000;
  const { index } = resolveColumns(target.mapping, target.headers);
  const ctx: RowContext = {
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
  let normalizeMs = 0;
  const records = readRecords(files.read(target.fileKey), target.sniffed, { onBytes: (n) => (bytes += n) });
  try {
    for await (const record of records) {
      if (!seenHeader) {
        seenHeader = true;
        if (record.kind === 'error')
          throw fileInvalid(`The first row (column names) could not be read: ${record.reason}`);
        continue;
      }
      if (record.line <= target.resumeAfterLine) continue;
      result.rows++;
      lastLine = record.kind === 'error' ? record.endLine : record.line;
      if (record.kind === 'error') reject(record.line, record.endLine, record.reason, null);
      else {
        const normalizeStarted = timings ? performance.now() : 0;
        const normalized = normalizeRow(record.cells, ctx);
        if (timings) normalizeMs += performance.now() - normalizeStarted;
        if (!normalized.ok) reject(record.line, null, rejectionReason(normalized.problems), rawText(record.cells));
        else {
          const r = normalized.row;
          result.staged++;
          rows.push(
            csvLine([
              orgId,
              importId,
              record.line,
              r.name,
              r.namePinyin,
              r.nameInitials,
              r.gender,
              r.phone,
              r.email,
              r.wechatId,
              r.provinceCode,
              r.cityCode,
              r.districtCode,
              r.address,
              r.postalCode,
              r.category,
              r.custom,
              r.tags,
              r.note,
              r.giftAmount,
              r.giftCurrency,
              r.giftLocalTime,
              r.giftChannel,
              r.giftCampaign,
              r.giftExternalId,
              r.consents,
            ]),
          );
        }
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
    timings.add('stage: normalize rows', normalizeMs);
    const copyMs = timings.ms.get('stage: waiting for COPY + checkpoint') ?? 0;
    timings.add('stage: read + parse + csv lines', performance.now() - loopStarted - normalizeMs - copyMs);
  }
  return result;
}
