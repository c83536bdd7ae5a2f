import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import {
  compileContext,
  contactQuery,
  countContacts,
  getSegment,
  segmentDefinition,
  type ContactFilters,
  type ContactQuery,
} from '../segments/index.ts';
import { neutralizeCell } from './neutralize.ts';
import { exportBatch, exportColumns, type ExportRow } from './rows.ts';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  format: ExportFormat;
  lang: 'zh' | 'en';
  filters: ContactFilters;
  segmentId?: number;
}

export interface ExportPlan {
  ctx: OrgContext;
  request: ExportRequest;
  query: ContactQuery;
  rowCount: number;
}

const BATCH = 1000;

/**
 * Checks the request, counts the rows and records `contacts.export` before any row leaves, so a
 * bulk disclosure of personal data is always on the audit log (with its filter and size).
 */
export async function planContactsExport(
  deps: { db: Db; clock: Clock },
  ctx: OrgContext,
  request: ExportRequest,
): Promise<ExportPlan> {
  const segment = request.segmentId ? segmentDefinition(await getSegment(deps.db, ctx, request.segmentId)) : undefined;
  const query = contactQuery(compileContext(ctx, deps.clock), request.filters, segment);
  return deps.db.transaction(async (tx) => {
    const rowCount = await countContacts(tx, ctx.org.id, query);
    await recordAudit(tx, ctx, {
      action: 'contacts.export',
      subjectType: request.segmentId ? 'segment' : 'contact',
      subjectId: request.segmentId ?? null,
      data: { format: request.format, filters: request.filters, segmentId: request.segmentId ?? null, rowCount },
    });
    return { ctx, request, query, rowCount };
  });
}

const cellText = (value: string | number) => (typeof value === 'number' ? value : neutralizeCell(value));

async function* batches(db: Db, plan: ExportPlan): AsyncGenerator<ExportRow[]> {
  let after = 0;
  for (;;) {
    const rows = await exportBatch(db, plan.ctx.org.id, plan.ctx.org.timezone, plan.query, after, BATCH);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
    if (rows.length < BATCH) return;
  }
}

async function write(out: Writable, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Streams the planned export to `out` in batches (CSV: UTF-8 with a BOM, which Excel needs). Returns the rows written. */
export async function writeContactsExport(db: Db, plan: ExportPlan, out: Writable): Promise<number> {
  const { currency } = plan.ctx.org;
  const header = exportColumns.map((c) => c[plan.request.lang]);
  const cells = (row: ExportRow) => exportColumns.map((c) => cellText(c.value(row, currency)));
  let written = 0;
  if (plan.request.format === 'csv') {
    await write(out, `\uFEFF${stringify([header])}`);
    for await (const rows of batches(db, plan)) {
      await write(out, stringify(rows.map(cells)));
      written += rows.length;
    }
    out.end();
    return written;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(plan.request.lang === 'zh' ? '联系人' : 'Contacts');
  sheet.addRow(header).commit();
  for await (const rows of batches(db, plan)) {
    for (const row of rows) sheet.addRow(cells(row)).commit();
    written += rows.length;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

export const exportContentType: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
