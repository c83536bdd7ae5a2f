import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeContactInput } from '../contacts/contact-input.ts';
import type { CustomFieldDef } from '../contacts/custom-values.ts';
import { normalizePhone } from '../contacts/normalize.ts';
import { mappingSchema, resolveColumns } from './mapping.ts';
import { fastPhone, normalizeRow, rejectionReason } from './normalize-row.ts';
import { parseAmount, parseConsent, parseDate, splitTags } from './values.ts';

const headers = ['姓名', '手机', '邮箱', '省份', '城市', '标签', '金额', '日期', '短信', '性别'];
const mapping = mappingSchema.parse({
  columns: [
    { header: '姓名', field: 'name' },
    { header: '手机', field: 'phone' },
    { header: '邮箱', field: 'email' },
    { header: '省份', field: 'province' },
    { header: '城市', field: 'city' },
    { header: '标签', field: 'tags' },
    { header: '金额', field: 'giftAmount' },
    { header: '日期', field: 'giftDate' },
    { header: '短信', field: 'consent.sms' },
    { header: '性别', field: 'gender' },
  ],
});
const ctx = { mapping, index: resolveColumns(mapping, headers).index, headers, customFields: new Map() };

describe('normalizeRow', () => {
  it('normalizes a full row', () => {
    const result = normalizeRow(
      ['  张 三 ', '+86 138-0013-8000', 'A@B.CN', '四川', '成都', '月捐、校友', '¥1,000.5', '2024年9月7日', '是', '女'],
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({
      name: '张 三',
      namePinyin: 'zhangsan',
      phone: '+8613800138000',
      email: 'a@b.cn',
      provinceCode: '510000',
      cityCode: '510100',
      tags: ['月捐', '校友'],
      giftAmount: 100050,
      giftLocalTime: '2024-09-07 00:00:00',
      giftChannel: 'import',
      consents: [{ channel: 'sms', status: 'granted' }],
      gender: 'female',
    });
  });

  it('keeps HTML in names verbatim (escaping is the job of whoever renders it)', () => {
    const result = normalizeRow(['<script>alert(1)</script>'], ctx);
    expect(result.ok && result.row.name).toBe('<script>alert(1)</script>');
  });

  it('rejects with reasons naming the column, and warns without rejecting', () => {
    const result = normalizeRow(['', '123', 'not-an-email', '火星', '', '', '10', '', '也许', '?'], ctx);
    expect(result.ok).toBe(false);
    const reason = rejectionReason(result.problems);
    expect(reason).toContain('姓名: the name is empty');
    expect(reason).toContain('手机: "123" is not a valid phone number');
    expect(reason).toContain('邮箱:');
    expect(reason).toContain('日期: a gift needs a date');
    expect(reason).toContain('短信:');
    expect(result.problems.filter((p) => p.severity === 'warning').map((p) => p.field)).toEqual(['gender', 'province']);
  });
});

describe('normalizeRow and the contact form agree', () => {
  const defs: CustomFieldDef[] = [
    { key: 'hours', label: '时长', type: 'number', options: [] },
    { key: 'receipt', label: '票据', type: 'boolean', options: [] },
    { key: 'birthday', label: '生日', type: 'date', options: [] },
    { key: 'job', label: '职业', type: 'select', options: ['教师', '医生'] },
    { key: 'topics', label: '关注', type: 'multiselect', options: ['教育', '环保'] },
    { key: 'memo', label: '说明', type: 'text', options: [] },
  ];
  const rowOf = (field: string, value: string) => {
    const columns = [
      { header: '姓名', field: 'name' },
      { header: 'X', field },
    ];
    const m = mappingSchema.parse({ columns });
    const c = {
      mapping: m,
      index: resolveColumns(m, ['姓名', 'X']).index,
      headers: ['姓名', 'X'],
      customFields: new Map(defs.map((d) => [d.key, d])),
    };
    return normalizeRow(['张三', value], c);
  };

  it('on genders', () => {
    for (const raw of ['男', '女', '先生', '女士', 'M', 'female', '其他', '保密', '未知', 'x', '  女 ']) {
      const form = normalizeContactInput({ gender: raw }, { customFields: [], mode: 'update' });
      const row = rowOf('gender', raw);
      expect(row.ok, raw).toBe(true);
      expect(row.ok && row.row.gender, raw).toBe(form.ok ? form.values.gender : null);
      expect(row.problems.length > 0, raw).toBe(!form.ok);
    }
  });

  it('on custom values of every type', () => {
    const samples: Record<string, string[]> = {
      hours: ['12', '1,234.5', '-3', 'abc', '1e3', '12小时'],
      receipt: ['是', '否', 'yes', '√', '×', '也许'],
      birthday: ['2024-01-05', '2024-02-30', 'someday'],
      job: ['教师', '律师'],
      topics: ['教育、环保', '教育,教育', '体育'],
      memo: ['<b>hi</b>', 'x'.repeat(2000)],
    };
    for (const [key, values] of Object.entries(samples)) {
      for (const raw of values) {
        const form = normalizeContactInput({ custom: { [key]: raw } }, { customFields: defs, mode: 'update' });
        const row = rowOf(`custom.${key}`, raw);
        expect(row.ok, `${key}=${raw}`).toBe(form.ok);
        if (form.ok && row.ok) expect(row.row.custom?.[key], `${key}=${raw}`).toEqual(form.values.custom?.[key]);
        if (!row.ok) expect(rejectionReason(row.problems)).toMatch(/^X: "/);
      }
    }
  });

  it('and the import also reads spreadsheet dates in date fields', () => {
    for (const raw of ['2024/1/5', '2024年1月5日', '45296']) {
      const row = rowOf('custom.birthday', raw);
      expect(row.ok && row.row.custom, raw).toEqual({ birthday: '2024-01-05' });
    }
  });
});

describe('values', () => {
  it('parses money without floating point', () => {
    expect(parseAmount('0.1', 'yuan')).toEqual({ ok: true, value: 10 });
    expect(parseAmount('19.99', 'yuan')).toEqual({ ok: true, value: 1999 });
    expect(parseAmount('１００元', 'yuan')).toEqual({ ok: true, value: 10000 });
    expect(parseAmount('10050', 'fen')).toEqual({ ok: true, value: 10050 });
    expect(parseAmount('100.5', 'fen').ok).toBe(false);
    expect(parseAmount('-5', 'yuan').ok).toBe(false);
    expect(parseAmount('1.234', 'yuan').ok).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (fen) => {
        const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        expect(parseAmount(yuan, 'yuan')).toEqual({ ok: true, value: fen });
      }),
    );
  });

  it('parses the dates spreadsheets contain', () => {
    expect(parseDate('2024/9/7')).toEqual({ ok: true, value: '2024-09-07 00:00:00' });
    expect(parseDate('2024-09-07 8:05')).toEqual({ ok: true, value: '2024-09-07 08:05:00' });
    expect(parseDate('20240907')).toEqual({ ok: true, value: '2024-09-07 00:00:00' });
    expect(parseDate('2024-09-07T10:00:00+08:00')).toEqual({ ok: true, value: '2024-09-07 02:00:00Z' });
    expect(parseDate('45542')).toEqual({ ok: true, value: '2024-09-07 00:00:00' });
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('yesterday').ok).toBe(false);
  });

  it('reads consent and tags', () => {
    expect(parseConsent('√')).toEqual({ ok: true, value: 'granted' });
    expect(parseConsent('否')).toEqual({ ok: true, value: 'withdrawn' });
    expect(parseConsent('')).toEqual({ ok: true, value: null });
    expect(splitTags('a,b，c;d；e、f,a')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('fastPhone', () => {
  it('agrees with libphonenumber on random mobile-shaped numbers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[0-9]{10}$/), (digits) => {
        const fast = fastPhone(digits);
        const slow = normalizePhone(digits);
        expect(fast.ok).toBe(slow.ok);
        if (fast.ok && slow.ok) expect(fast.e164).toBe(slow.e164);
      }),
      { numRuns: 3000 },
    );
  });
});
