import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { FileStore } from '../../adapters/storage.ts';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldProblem } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { looksLikeData, suggestMapping } from './headers.ts';
import { platformMapping } from './platforms.ts';
import { mappingSchema, resolveColumns, type Mapping, type MappingInput } from './mapping.ts';
import { normalizeRow, type CellProblem, type CustomFieldDef, type StagedRow } from './normalize-row.ts';
import { readHeader, readRecords } from './reader.ts';
import * as repo from './repo.ts';
import { fileInvalid, type Sniffed } from './sniff.ts';

export interface ImportDeps {
  db: Db;
  files: FileStore;
}

/** Empty headers get a position name and repeated ones a number, so every column can be mapped. */
export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const base = cell || `列${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Counts bytes and line feeds as the upload streams to storage: a row estimate for the progress bar. */
function counter() {
  const counts = { bytes: 0, lines: 0 };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counts.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) counts.lines++;
      done(null, chunk);
    },
  });
  return { counts, stream };
}

export const sniffedOf = (row: repo.ImportRow): Sniffed => ({
  format: row.format,
  encoding: row.encoding as Sniffed['encoding'],
  bomLength: 0,
});

export interface PreviewRow {
  line: number;
  cells: string[];
  values: StagedRow | null;
  problems: CellProblem[];
  error: string | null;
}

/** The first rows of the file, normalized with the mapping, with a problem list per cell. */
export async function previewRows(
  files: FileStore,
  row: repo.ImportRow,
  mapping: Mapping,
  customFields: ReadonlyMap<string, CustomFieldDef>,
  limit: number,
): Promise<PreviewRow[]> {
  const { index } = resolveColumns(mapping, row.headers);
  const out: PreviewRow[] = [];
  const records = readRecords(files.read(row.fileKey), sniffedOf(row));
  let header = true;
  try {
    for await (const record of records) {
      if (header) {
        header = false;
        continue;
      }
      if (record.kind === 'error')
        out.push({ line: record.line, cells: [], values: null, problems: [], error: record.reason });
      else {
        const normalized = normalizeRow(record.cells, { mapping, index, headers: row.headers, customFields });
        out.push({
          line: record.line,
          cells: record.cells,
          values: normalized.ok ? normalized.row : null,
          problems: normalized.problems,
          error: null,
        });
      }
      if (out.length >= limit) break;
    }
  } finally {
    await records.return(undefined);
  }
  return out;
}

/**
 * Stores an uploaded file, detects its format, encoding and header row, and suggests a mapping.
 * A file that cannot be read is refused (IMPORT_FILE_INVALID) and not kept.
 */
export async function uploadImport(deps: ImportDeps, ctx: OrgContext, input: { fileName: string; body: Readable }) {
  const fileKey = `imports/${ctx.org.id}/${randomUUID()}`;
  const { counts, stream } = counter();
  await deps.files.write(fileKey, input.body.pipe(stream));
  try {
    const { sniffed, header } = await readHeader(() => deps.files.read(fileKey));
    if (looksLikeData(header.cells)) {
      throw fileInvalid(
        'The first row of the file should hold column names (such as 姓名, 手机, 邮箱), but it looks like data. ' +
          'Add a row of column names at the top and upload the file again.',
      );
    }
    const headers = uniqueHeaders(header.cells);
    const customFields = await repo.customFieldDefs(deps.db, ctx.org.id);
    // A platform's export gets its known mapping (amount unit, channel, donor id); other files a suggestion.
    const mapping = mappingSchema.parse(
      platformMapping(headers)?.mapping ?? { columns: suggestMapping(headers, [...customFields.values()]) },
    );
    const row = await deps.db.transaction(async (tx) => {
      const created = await repo.insertImport(tx, {
        orgId: ctx.org.id,
        fileName: input.fileName.slice(0, 255),
        fileKey,
        fileSize: counts.bytes,
        format: sniffed.format,
        encoding: sniffed.encoding,
        headers,
        mapping,
        policy: mapping.policy,
        estimatedRows: sniffed.format === 'csv' ? Math.max(0, counts.lines - header.line) : null,
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdByLabel: ctx.actor.kind === 'user' ? ctx.actor.email : `token:${ctx.actor.name}`,
      });
      await recordAudit(tx, ctx, {
        action: 'import.upload',
        subjectType: 'import',
        subjectId: created.id,
        data: { fileName: created.fileName, size: counts.bytes, format: sniffed.format, encoding: sniffed.encoding },
      });
      return created;
    });
    const preview = await previewRows(deps.files, row, mapping, customFields, 20);
    return { row, mapping, preview };
  } catch (error) {
    await deps.files.remove(fileKey);
    throw error;
  }
}

/** Checks a mapping against the file's headers and the organization's custom fields. */
export function checkMapping(
  mapping: Mapping,
  headers: string[],
  customFields: ReadonlyMap<string, CustomFieldDef>,
): void {
  const problems: FieldProblem[] = [];
  mapping.columns.forEach((column, i) => {
    if (!headers.includes(column.header.trim())) {
      problems.push({ path: `columns.${i}.header`, message: `the file has no column "${column.header}"` });
    }
    if (column.field.startsWith('custom.') && !customFields.has(column.field.slice(7))) {
      problems.push({ path: `columns.${i}.field`, message: `there is no custom field "${column.field.slice(7)}"` });
    }
  });
  const fields = new Set(mapping.columns.map((c) => c.field));
  if (!fields.has('name')) problems.push({ path: 'columns', message: 'choose the column that holds the name (姓名)' });
  if (fields.has('giftAmount') && !fields.has('giftDate')) {
    problems.push({ path: 'columns', message: 'gift amounts need a date column (捐赠日期) too' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The mapping does not fit this file', problems);
}

export async function setMapping(deps: ImportDeps, ctx: OrgContext, id: number, input: MappingInput) {
  const mapping = mappingSchema.parse(input);
  const current = await repo.findImport(deps.db, ctx.org.id, id);
  const customFields = await repo.customFieldDefs(deps.db, ctx.org.id);
  checkMapping(mapping, current.headers, customFields);
  const row = await deps.db.transaction(async (tx) => {
    const updated = await repo.transitionImport(tx, ctx.org.id, id, ['uploaded'], {
      mapping,
      policy: mapping.policy,
      dryRunReport: null,
    });
    if (!updated)
      throw new AppError('IMPORT_NOT_READY', 'This import has already started; its mapping can no longer change');
    await recordAudit(tx, ctx, { action: 'import.mapping', subjectType: 'import', subjectId: id, data: { mapping } });
    return updated;
  });
  const preview = await previewRows(deps.files, row, mapping, customFields, 20);
  return { row, mapping, preview };
}

export async function getPreview(deps: ImportDeps, ctx: OrgContext, id: number, limit: number) {
  const row = await repo.findImport(deps.db, ctx.org.id, id);
  const mapping = mappingSchema.parse(row.mapping ?? {});
  const customFields = await repo.customFieldDefs(deps.db, ctx.org.id);
  return { row, mapping, preview: await previewRows(deps.files, row, mapping, customFields, limit) };
}
