import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, normalizeEmail, normalizePhone, pinyinKeys } from './normalize.ts';

describe('pinyinKeys', () => {
  it('gives pinyin and initials for Chinese names', () => {
    expect(pinyinKeys('张三丰')).toEqual({ pinyin: 'zhangsanfeng', initials: 'zsf' });
  });
  it('reads surnames with their surname pronunciation', () => {
    expect(pinyinKeys('单雄信').pinyin).toBe('shanxiongxin');
    expect(pinyinKeys('曾小贤').initials).toBe('zxx');
  });
  it('handles Latin and mixed names', () => {
    expect(pinyinKeys('Li  Lei')).toEqual({ pinyin: 'lilei', initials: 'll' });
    expect(pinyinKeys('吕布').pinyin).toBe('lvbu');
  });
});

describe('normalizePhone', () => {
  it('normalizes Chinese mobiles in common spellings', () => {
    for (const raw of [
      '13812345678',
      '138 1234 5678',
      '+86 138-1234-5678',
      '008613812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizePhone(raw)).toEqual({ ok: true, e164: '+8613812345678' });
    }
  });
  it('keeps foreign numbers with their country code', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
  });
  it('rejects junk', () => {
    expect(normalizePhone('12345').ok).toBe(false);
    expect(normalizePhone('').ok).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and validates', () => {
    expect(normalizeEmail(' Wang@Example.ORG ')).toEqual({ ok: true, email: 'wang@example.org' });
    expect(normalizeEmail('not-an-email').ok).toBe(false);
  });
});

describe('masking', () => {
  it('masks phones and names for public display', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
  });
});
