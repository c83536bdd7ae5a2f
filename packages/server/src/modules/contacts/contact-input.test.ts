import { describe, expect, it } from 'vitest';
import { normalizeContactInput } from './contact-input.ts';
import { mergeCustom, validateCustomValues, type CustomFieldDef } from './custom-values.ts';

const fields: CustomFieldDef[] = [
  { key: 'size', label: '尺码', type: 'select', options: ['S', 'M'] },
  { key: 'tags', label: '兴趣', type: 'multiselect', options: ['环保', '教育'] },
  { key: 'joined', label: '入会', type: 'date', options: [] },
  { key: 'note', label: '备注', type: 'text', options: [] },
];
const create = (input: Parameters<typeof normalizeContactInput>[0]) =>
  normalizeContactInput(input, { customFields: fields, mode: 'create' });

describe('normalizeContactInput', () => {
  it('cleans a spreadsheet row', () => {
    const result = create({
      name: ' 李　雷 ',
      phone: '0086 139-0000-1111',
      email: 'LI@X.CN',
      gender: 'F',
      cityCode: '510100',
      custom: { size: 'S', joined: '2020-01-31' },
    });
    expect(result).toEqual({
      ok: true,
      values: {
        name: '李 雷',
        namePinyin: 'lilei',
        nameInitials: 'll',
        phone: '+8613900001111',
        email: 'li@x.cn',
        gender: 'female',
        provinceCode: '510000',
        cityCode: '510100',
        districtCode: null,
        custom: { size: 'S', joined: '2020-01-31' },
      },
    });
  });

  it('treats blanks as no value and reports every problem at once', () => {
    expect(create({ name: '王', phone: '  ', email: '' })).toMatchObject({
      ok: true,
      values: { phone: null, email: null },
    });
    const result = create({
      name: '',
      phone: 'abc',
      email: 'a@b',
      gender: '?',
      provinceCode: '999999',
      custom: { size: 'XL' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.path)).toEqual([
        'name',
        'gender',
        'phone',
        'email',
        'provinceCode',
        'custom.size',
      ]);
  });

  it('checks only given fields in update mode', () => {
    expect(normalizeContactInput({ email: 'a@b.cn' }, { customFields: [], mode: 'update' })).toEqual({
      ok: true,
      values: { email: 'a@b.cn' },
    });
  });
});

describe('custom values', () => {
  it('parses each type and removes with null', () => {
    expect(validateCustomValues({ tags: '环保；教育,环保', note: 12, size: null }, fields)).toEqual({
      ok: true,
      values: { tags: ['环保', '教育'], note: '12', size: null },
    });
    expect(validateCustomValues({ joined: '2021-02-29' }, fields).ok).toBe(false);
    expect(mergeCustom({ size: 'S', note: 'x' }, { size: null, note: 'y' })).toEqual({ note: 'y' });
  });
});
