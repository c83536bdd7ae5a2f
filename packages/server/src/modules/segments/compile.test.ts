import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileSegment, yearIn } from './compile.ts';
import { parseDefinition } from './definition.ts';
import { searchBranches } from './search.ts';

const dialect = new PgDialect();
const ctx = {
  orgId: '00000000-0000-0000-0000-000000000001',
  timezone: 'Asia/Shanghai',
  now: new Date('2026-01-01T00:30:00+08:00'),
};

describe('compileSegment', () => {
  it('binds every value from the definition as a parameter, never as SQL text', () => {
    const evil = "x'); drop table contacts; --";
    const node = parseDefinition({
      any: [
        { field: 'tag', op: 'has', tag: evil },
        { field: 'category', op: 'in', values: [evil] },
        { field: 'gifts', op: 'gave', campaign: evil, period: { from: '2025-01-01', to: '2025-12-31' } },
        { field: 'consent', op: 'granted', channel: 'sms', purpose: evil },
      ],
    });
    const query = dialect.sqlToQuery(compileSegment(node, ctx));
    expect(query.sql).not.toContain('drop table');
    expect(query.params.filter((p) => p === evil)).toHaveLength(4);
    expect(query.params).toContain('2025-01-01');
  });

  it('takes "this year" from the clock on the organization calendar', () => {
    expect(yearIn(ctx.now, 'Asia/Shanghai')).toBe(2026);
    expect(yearIn(ctx.now, 'UTC')).toBe(2025);
    const query = dialect.sqlToQuery(
      compileSegment(parseDefinition({ field: 'gifts', op: 'gave', period: { relativeYear: -1 } }), ctx),
    );
    expect(query.params).toEqual(expect.arrayContaining([2025]));
    expect(query.sql).toContain('contact_gift_years');
  });

  it('reads whole calendar years from the yearly summary, other periods and filters from gifts', () => {
    const compiled = (cond: object) => dialect.sqlToQuery(compileSegment(parseDefinition(cond), ctx)).sql;
    expect(compiled({ field: 'gifts', op: 'didNotGive', period: { year: 2026 } })).toContain('contact_gift_years');
    expect(compiled({ field: 'gifts', op: 'gave', period: { year: 2025 }, channel: 'wechat' })).toContain(
      'from gifts g',
    );
    expect(compiled({ field: 'gifts', op: 'gave', period: { from: '2025-01-01' } })).toContain('from gifts g');
    expect(compiled({ field: 'gifts', op: 'gave' })).toContain('from gifts g');
  });
});

describe('searchBranches', () => {
  const kinds = (q: string) => searchBranches(q).map((b) => b.kind);
  it.each([
    ['王', ['name']],
    ['王伟', ['name']],
    ['w', ['pinyin']],
    ['zsf', ['pinyin', 'initials']],
    ['5678', ['phone']],
    ['13812', ['phone', 'phone']],
    ['13812345678', ['phone']],
    ['a@b', ['email']],
    ['#志愿', ['tag']],
    ['  ', []],
  ])('%j searches %j', (q, expected) => {
    expect(kinds(q)).toEqual(expected);
  });

  it('sorts the matches of bunched-up branches instead of walking the pinyin order', () => {
    const fetched = (q: string) => searchBranches(q).map((b) => `${b.kind}:${b.sortMatches === true}`);
    expect(fetched('王伟')).toEqual(['name:true']);
    expect(fetched('zy')).toEqual(['pinyin:false', 'initials:true']);
    expect(fetched('王')).toEqual(['name:false']);
    expect(fetched('5678')).toEqual(['phone:false']);
  });

  it('escapes LIKE wildcards in the term', () => {
    const query = dialect.sqlToQuery(searchBranches('50%_off')[0]!.condition);
    expect(query.params).toEqual(['50off%']);
    const literal = dialect.sqlToQuery(searchBranches('%_')[0]!.condition);
    expect(literal.params).toEqual(['\\%\\_%']);
  });
});
