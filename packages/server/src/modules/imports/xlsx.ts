import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvLimits, ParsedRecord } from './csv.ts';
import { AppError } from '../../errors/app-error.ts';
import { fileInvalid } from './sniff.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores dates as wall-clock time; exceljs hands them over as UTC. Keep the wall-clock text. */
const dateText = (d: Date) => {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
};

/** The text a person sees in a cell, whatever exceljs made of it. */
export function cellText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return '';
  }
  return '';
}

/**
 * Streams the rows of the first worksheet of an XLSX file. Line numbers are Excel's row numbers,
 * which is what a person sees when they look for the row.
 */
async function* sheetRows(input: Readable, limits: CsvLimits): AsyncGenerator<ParsedRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  for await (const worksheet of reader) {
    if (sheets++ > 0) {
      // Only the first sheet is imported; the rest of the file still has to be drained.
      for await (const _ of worksheet) void _;
      continue;
    }
    for await (const row of worksheet) {
      const values = (row as ExcelJS.Row).values as unknown[];
      const line = (row as ExcelJS.Row).number;
      if (values.length - 1 > limits.maxColumns) {
        yield {
          kind: 'error',
          line,
          endLine: line,
          reason: `The row on line ${line} has more than ${limits.maxColumns} columns, so it was skipped.`,
        };
        continue;
      }
      const cells: string[] = [];
      let size = 0;
      let tooLong = false;
      for (let i = 1; i < values.length; i++) {
        const text = cellText(values[i]);
        size += text.length;
        if (text.length > limits.maxFieldChars) tooLong = true;
        cells.push(text);
      }
      if (tooLong || size > limits.maxRecordChars) {
        yield {
          kind: 'error',
          line,
          endLine: line,
          reason: `A value on line ${line} is too long, so the row was skipped.`,
        };
        continue;
      }
      if (cells.some((c) => c.trim() !== '')) yield { kind: 'row', line, cells };
    }
  }
  if (sheets === 0) throw fileInvalid('This Excel file has no worksheet.');
}

const STALLED = Symbol('stalled');

/**
 * Streams the rows of the first worksheet of an XLSX file. Line numbers are Excel's row numbers,
 * which is what a person sees when they look for the row. Some corrupt files make the unzip
 * library wait forever, so a reader that makes no progress for `stallMs` gives up.
 */
export async function* readXlsxRecords(
  input: Readable,
  limits: CsvLimits,
  stallMs = 15_000,
  progress: { at: number } = { at: Date.now() },
): AsyncGenerator<ParsedRecord> {
  const rows = sheetRows(input, limits);
  const unreadable = (detail: string) =>
    fileInvalid(
      `This Excel file could not be read (${detail.slice(0, 120)}). ` +
        'Open it in Excel or WPS, save it again as .xlsx (or CSV), and upload it again.',
    );
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    // Reading bytes counts as progress: a big sheet may be read through before its first row appears.
    progress.at = Date.now();
    const stalled = new Promise<typeof STALLED>((resolve) => {
      const check = () => {
        const idle = Date.now() - progress.at;
        timer = idle >= stallMs ? undefined : setTimeout(check, stallMs - idle);
        if (!timer) resolve(STALLED);
      };
      timer = setTimeout(check, stallMs);
    });
    let next: IteratorResult<ParsedRecord> | typeof STALLED;
    try {
      next = await Promise.race([rows.next(), stalled]);
    } catch (error) {
      input.destroy();
      if (error instanceof AppError) throw error;
      throw unreadable((error as Error).message ?? String(error));
    } finally {
      clearTimeout(timer);
    }
    if (next === STALLED) {
      input.destroy();
      throw unreadable('the file ends too early or is damaged');
    }
    if (next.done) return;
    yield next.value;
  }
}
