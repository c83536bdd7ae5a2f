import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { CsvParser, defaultLimits, detectDelimiter, type CsvLimits, type ParsedRecord } from './csv.ts';
import { fileInvalid, sniffFile, type Sniffed } from './sniff.ts';
import { readXlsxRecords } from './xlsx.ts';

export const SAMPLE_BYTES = 64 * 1024;

/** The first bytes of a stream (and whether that was the whole stream); the stream is closed. */
export async function readSample(input: Readable, size = SAMPLE_BYTES): Promise<{ sample: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let complete = true;
  for await (const chunk of input) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    total += buffer.length;
    if (total >= size) {
      complete = false;
      break;
    }
  }
  input.destroy();
  return { sample: Buffer.concat(chunks).subarray(0, size), complete: complete && total <= size };
}

const unreadable = (line: number) =>
  `Line ${line} contains characters that could not be read. The file may be saved in an unusual encoding: ` +
  'save it as "CSV UTF-8" and upload it again.';

async function* readCsvRecords(input: Readable, sniffed: Sniffed, limits: CsvLimits, onBytes?: (n: number) => void) {
  const decoder = iconv.getDecoder(sniffed.encoding, { stripBOM: true });
  let parser: CsvParser | undefined;
  const check = (records: ParsedRecord[]) =>
    records.map((r): ParsedRecord =>
      r.kind === 'row' && r.cells.some((c) => c.includes('\uFFFD'))
        ? { kind: 'error', line: r.line, endLine: r.line, reason: unreadable(r.line) }
        : r,
    );
  for await (const chunk of input) {
    const buffer = chunk as Buffer;
    onBytes?.(buffer.length);
    const text = decoder.write(buffer);
    if (!text) continue;
    parser ??= new CsvParser(detectDelimiter(text), limits);
    yield* check(parser.push(text));
  }
  const rest = decoder.end() ?? '';
  parser ??= new CsvParser(detectDelimiter(rest), limits);
  if (rest) yield* check(parser.push(rest));
  yield* check(parser.end());
}

async function* countingStream(input: Readable, progress: { at: number }, onBytes?: (n: number) => void) {
  for await (const chunk of input) {
    progress.at = Date.now();
    onBytes?.((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

/** Every record of a CSV or XLSX file, streamed; the file is never held whole in memory. */
export async function* readRecords(
  input: Readable,
  sniffed: Sniffed,
  options: { limits?: CsvLimits; onBytes?: (n: number) => void; stallMs?: number } = {},
): AsyncGenerator<ParsedRecord> {
  const limits = options.limits ?? defaultLimits;
  if (sniffed.format === 'xlsx') {
    const progress = { at: Date.now() };
    yield* readXlsxRecords(
      Readable.from(countingStream(input, progress, options.onBytes)),
      limits,
      options.stallMs,
      progress,
    );
    return;
  }
  yield* readCsvRecords(input, sniffed, limits, options.onBytes);
}

export interface OpenedFile {
  sniffed: Sniffed;
  header: { line: number; cells: string[] };
}

/** Sniffs a file and reads its header row; `open` must return a fresh stream each time. */
export async function readHeader(open: () => Readable): Promise<OpenedFile> {
  const { sample, complete } = await readSample(open());
  const sniffed = sniffFile(sample, complete);
  const records = readRecords(open(), sniffed);
  try {
    for await (const record of records) {
      if (record.kind === 'error')
        throw fileInvalid(`The first row (column names) could not be read: ${record.reason}`);
      return {
        sniffed,
        header: { line: record.line, cells: record.cells.map((c) => c.replace(/^\uFEFF/, '').trim()) },
      };
    }
  } finally {
    await records.return(undefined);
  }
  throw fileInvalid('The file has no rows. Check that you chose the right file.');
}
