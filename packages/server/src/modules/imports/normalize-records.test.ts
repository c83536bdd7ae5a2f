import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from './csv.ts';
import { mappingSchema, resolveColumns } from './mapping.ts';
import { normalizeRecords } from './normalize-records.ts';
import type { OutcomeContext } from './outcome.ts';

const headers = ['姓名', '手机', '金额', '日期', '短信'];
const mapping = mappingSchema.parse({
  columns: [
    { header: '姓名', field: 'name' },
    { header: '手机', field: 'phone' },
    { header: '金额', field: 'giftAmount' },
    { header: '日期', field: 'giftDate' },
    { header: '短信', field: 'consent.sms' },
  ],
});
const ctx: OutcomeContext = {
  orgId: '00000000-0000-4000-8000-000000000000',
  importId: 7,
  mapping,
  index: resolveColumns(mapping, headers).index,
  headers,
  customFields: new Map(),
};

const names = ['张三', '李四', '王小明', '欧阳娜娜', '单田芳', '曾国藩'];
function fileRecords(count: number): ParsedRecord[] {
  return Array.from({ length: count }, (_, i): ParsedRecord => {
    const line = i + 2;
    if (i % 97 === 5) return { kind: 'error', line, endLine: line + 1, reason: 'broken quotes' };
    const phone = i % 50 === 3 ? '12345' : `138${String(i).padStart(8, '0')}`;
    return {
      kind: 'row',
      line,
      cells: [names[i % names.length]!, phone, `${i % 500}.5`, '2025-03-04', i % 2 ? '是' : '否'],
    };
  });
}

async function* asStream(records: ParsedRecord[]) {
  yield* records;
}

const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('normalizeRecords', () => {
  it('gives the same outcomes, in file order, inline and on the worker thread', async () => {
    const records = fileRecords(5_000);
    const inline = await collect(normalizeRecords(asStream(records), ctx, { workerAfter: Infinity }));
    const threaded = await collect(normalizeRecords(asStream(records), ctx, { workerAfter: 1_000, batchSize: 300 }));
    expect(threaded).toEqual(inline);
    // Batches closed by their text's length (about 20 rows each) rather than by count.
    const byChars = await collect(normalizeRecords(asStream(records), ctx, { workerAfter: 0, batchChars: 500 }));
    expect(byChars).toEqual(inline);
    expect(inline.map((o) => o.line)).toEqual(records.map((r) => r.line));
    expect(inline.filter((o) => o.kind === 'rejected').length).toBeGreaterThan(50);
    expect(inline.find((o) => o.kind === 'staged')).toMatchObject({ copyLine: expect.stringContaining('"zhangsan"') });
  });

  it('stops the worker when the reader fails, and passes the failure on', async () => {
    async function* failing() {
      yield* fileRecords(3_000);
      throw new Error('disk gone');
    }
    await expect(collect(normalizeRecords(failing(), ctx, { workerAfter: 10, batchSize: 100 }))).rejects.toThrow(
      'disk gone',
    );
  });
});
