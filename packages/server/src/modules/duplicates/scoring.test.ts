import { describe, expect, it } from 'vitest';
import { confidenceFor, MIN_CONFIDENCE, reasonsFor, withinOneEdit, type ComparableContact } from './scoring.ts';

const person = (overrides: Partial<ComparableContact>): ComparableContact => ({
  name: '张伟',
  namePinyin: 'zhangwei',
  phone: null,
  email: null,
  cityCode: null,
  districtCode: null,
  ...overrides,
});

const score = (a: Partial<ComparableContact>, b: Partial<ComparableContact>) => {
  const reasons = reasonsFor(person(a), person(b));
  return { reasons, confidence: confidenceFor(reasons) };
};

describe('withinOneEdit', () => {
  it('accepts one substitution, insertion or deletion, counting characters not UTF-16 units', () => {
    expect(withinOneEdit('王小明', '王晓明')).toBe(true);
    expect(withinOneEdit('欧阳娜娜', '欧阳娜')).toBe(true);
    expect(withinOneEdit('欧阳娜', '欧阳娜娜')).toBe(true);
    expect(withinOneEdit('𠀋小明', '𠀋晓明')).toBe(true);
    expect(withinOneEdit('王小明', '王小明')).toBe(true);
  });
  it('rejects two edits', () => {
    expect(withinOneEdit('王小明', '李晓明')).toBe(false);
    expect(withinOneEdit('王明', '王小明明')).toBe(false);
    expect(withinOneEdit('abc', 'bca')).toBe(false);
  });
});

describe('reasonsFor and confidenceFor', () => {
  it('scores the same phone, name and district as certain', () => {
    const r = score(
      { phone: '+8613800138000', cityCode: '110100', districtCode: '110105' },
      { phone: '+8613800138000', cityCode: '110100', districtCode: '110105' },
    );
    expect(r.reasons).toEqual(['same_phone', 'same_name', 'same_city', 'same_district']);
    expect(r.confidence).toBe(100);
  });

  it('scores a shared email with the same name highly', () => {
    const r = score({ email: 'zw@example.org' }, { email: 'zw@example.org' });
    expect(r.reasons).toEqual(['same_email', 'same_name']);
    expect(r.confidence).toBe(85);
  });

  it('recognizes 张伟 / 章伟 as the same pinyin with different characters', () => {
    const r = score({ cityCode: '310100' }, { name: '章伟', cityCode: '310100' });
    expect(r.reasons).toEqual(['same_pinyin', 'same_city']);
    expect(r.confidence).toBe(30);
  });

  it('recognizes a one-character typo in a three-character name', () => {
    const r = score(
      { name: '王小明', namePinyin: 'wangxiaoming', districtCode: '440305', cityCode: '440300' },
      { name: '王小鸣', namePinyin: 'wangxiaoming', districtCode: '440305', cityCode: '440300' },
    );
    expect(r.reasons).toEqual(['same_pinyin', 'similar_name', 'same_city', 'same_district']);
    const typo = score(
      { name: '王小明', namePinyin: 'wangxiaoming', cityCode: '440300' },
      { name: '王大明', namePinyin: 'wangdaming', cityCode: '440300' },
    );
    expect(typo.reasons).toEqual(['similar_name', 'same_city']);
  });

  it('does not call two-character names similar for one changed character (张伟 / 张强)', () => {
    const r = score({ cityCode: '110100' }, { name: '张强', namePinyin: 'zhangqiang', cityCode: '110100' });
    expect(r.reasons).toEqual(['same_city', 'different_name']);
    expect(r.confidence).toBeLessThan(MIN_CONFIDENCE);
  });

  it('counts a different phone and unrelated names against a pair', () => {
    const household = score(
      { name: '李娜', namePinyin: 'lina', phone: '+8613900000001' },
      { name: '王刚', namePinyin: 'wanggang', phone: '+8613900000001' },
    );
    expect(household.reasons).toEqual(['same_phone', 'different_name']);
    expect(household.confidence).toBe(35);
    const namesakes = score(
      { phone: '+8613900000001', cityCode: '110100' },
      { phone: '+8613900000002', cityCode: '110100' },
    );
    expect(namesakes.reasons).toEqual(['same_name', 'same_city', 'different_phone']);
    expect(namesakes.confidence).toBe(15);
  });

  it('counts a different city against a name-only match', () => {
    const elsewhere = score({ cityCode: '110100' }, { name: '章伟', cityCode: '310100' });
    expect(elsewhere.reasons).toEqual(['same_pinyin', 'different_city']);
    expect(elsewhere.confidence).toBeLessThan(MIN_CONFIDENCE);
    const moved = score(
      { phone: '+8613800138000', cityCode: '110100' },
      { phone: '+8613800138000', cityCode: '310100' },
    );
    expect(moved.confidence).toBe(75);
  });

  it('stays within 0..100', () => {
    expect(confidenceFor(['different_phone', 'different_email', 'different_name'])).toBe(0);
    expect(confidenceFor(['same_phone', 'same_email', 'same_name', 'same_city', 'same_district'])).toBe(100);
  });
});
