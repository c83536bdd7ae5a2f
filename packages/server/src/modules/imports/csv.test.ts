import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { CsvParser, detectDelimiter, type ParsedRecord } from './csv.ts';
import { csvText, xlsxBuffer } from './fixtures.ts';
import { readRecords } from './reader.ts';
import { sniffFile } from './sniff.ts';

const parse = (text: string, chunk = text.length || 1, limits?: ConstructorParameters<typeof CsvParser>[1]) => {
  const parser = new CsvParser(',', limits);
  const out: ParsedRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...parser.push(text.slice(i, i + chunk)));
  out.push(...parser.end());
  return out;
};

async function readAll(bytes: Buffer, chunkSize = 7, stallMs = 15_000): Promise<ParsedRecord[]> {
  const sniffed = sniffFile(bytes.subarray(0, 65536), true);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: ParsedRecord[] = [];
  for await (const record of readRecords(Readable.from(chunks), sniffed, { stallMs })) out.push(record);
  return out;
}

describe('CsvParser', () => {
  it('parses quotes, escaped quotes, CRLF and multi-line values with line numbers', () => {
    const records = parse('a,b\r\n"x ""y""",2\r\n"multi\nline",3\n\nlast,4');
    expect(records).toEqual([
      { kind: 'row', line: 1, cells: ['a', 'b'] },
      { kind: 'row', line: 2, cells: ['x "y"', '2'] },
      { kind: 'row', line: 3, cells: ['multi\nline', '3'] },
      { kind: 'row', line: 6, cells: ['last', '4'] },
    ]);
  });

  it('gives the same records whatever the chunking', () => {
    const text = 'a,"b\r\nc",d\r\n"e""f",g\r\n';
    expect(parse(text, 1)).toEqual(parse(text));
  });

  it('reports an unclosed quote and a too-long value, then carries on', () => {
    const records = parse(`ok,1\n"open,2\nnext,3\n${'x'.repeat(50)},4\nfine,5\n`, 4, {
      maxFieldChars: 20,
      maxRecordChars: 100,
      maxColumns: 5,
    });
    // The open quote swallows lines 2-4 (until the value limit); reading resumes at line 5.
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['row', 1],
      ['error', 2],
      ['row', 5],
    ]);
    expect(records[1]).toMatchObject({ endLine: 4, reason: expect.stringContaining('never closed') });
    const long = parse(`ok,1\n${'x'.repeat(50)},4\nfine,5\n`, 3, {
      maxFieldChars: 20,
      maxRecordChars: 100,
      maxColumns: 5,
    });
    expect(long.map((r) => [r.kind, r.line])).toEqual([
      ['row', 1],
      ['error', 2],
      ['row', 3],
    ]);
    expect(long[1]).toMatchObject({ reason: expect.stringContaining('longer than 20 characters') });
  });

  it('detects tab and semicolon files', () => {
    expect(detectDelimiter('姓名\t手机\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
  });
});

describe('fuzzing the parse path', () => {
  it('never throws anything but IMPORT_FILE_INVALID on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), async (bytes, chunk) => {
        try {
          await readAll(Buffer.from(bytes), chunk);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random text with random quoting', async () => {
    const piece = fc.constantFrom('"', ',', '\n', '\r', '\r\n', '""', 'a', '张', ' ', '\t', ';');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 200 }), fc.integer({ min: 1, max: 16 }), async (pieces, chunk) => {
        const records = parse(pieces.join(''), chunk);
        for (const r of records) expect(r.line).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips generated rows through every encoding', async () => {
    const cellArb = fc.string({
      unit: fc.constantFrom('a', 'Z', '1', '张', '三', '"', ',', '\n', ' ', '·', '—'),
      maxLength: 12,
    });
    const rowsArb = fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(
        rowsArb,
        fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'),
        async (rows, encoding) => {
          const data = rows.map((r) => ['行', ...r]); // a non-empty first cell keeps every row
          const text = csvText(data);
          const bytes =
            encoding === 'utf-8'
              ? Buffer.from(text)
              : encoding === 'utf-8-bom'
                ? Buffer.from(`\uFEFF${text}`)
                : iconv.encode(text, encoding, { addBOM: encoding === 'utf-16le' });
          const records = await readAll(bytes, 5);
          expect(records.map((r) => (r.kind === 'row' ? r.cells : r))).toEqual(data);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips rows through XLSX and survives corrupted XLSX', async () => {
    const cellArb = fc.string({
      unit: fc.constantFrom('a', '张', '"', ',', ' ', '<', '&'),
      minLength: 1,
      maxLength: 10,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArb, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        async (cells, seed) => {
          // Rows of blank cells are skipped, as in CSV: a non-empty first cell keeps every row.
          const rows = cells.map((r) => ['行', ...r]);
          const xlsx = await xlsxBuffer(rows);
          const records = await readAll(xlsx, 4096);
          expect(records.map((r) => (r.kind === 'row' ? r.cells : r))).toEqual(rows);
          const corrupted = Buffer.from(xlsx);
          for (let i = 0; i < 20; i++) {
            const at = (seed + i * 7919) % corrupted.length;
            corrupted[at] = corrupted[at]! ^ 0xff;
          }
          try {
            await readAll(corrupted, 4096, 300);
          } catch (error) {
            expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
