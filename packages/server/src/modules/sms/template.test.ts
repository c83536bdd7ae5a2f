import { describe, expect, it } from 'vitest';
import { placeholdersOf, previewTemplate, renderText, templateParamsFor, templateProblems } from './template.ts';

describe('SMS templates', () => {
  it('finds named (Aliyun) and positional (Tencent) placeholders, in order of first use', () => {
    expect(placeholdersOf('${name}您好，${org}感谢${name}')).toEqual({ keys: ['name', 'org'], style: 'named' });
    expect(placeholdersOf('{2}与{1}')).toEqual({ keys: ['2', '1'], style: 'positional' });
    expect(placeholdersOf('您好')).toEqual({ keys: [], style: 'none' });
    expect(placeholdersOf('${a}{1}').style).toBe('mixed');
  });

  it('names each problem: unmapped, unused, gapped positions, mixed styles, empty fixed text', () => {
    expect(templateProblems('${name}您好', [{ key: 'name', value: 'contact_name' }])).toEqual([]);
    const paths = (text: string, params: Parameters<typeof templateProblems>[1]) =>
      templateProblems(text, params).map((p) => p.path);
    expect(paths('${name}${amount}', [{ key: 'name', value: 'contact_name' }])).toEqual(['params']);
    expect(
      paths('${name}', [
        { key: 'name', value: 'contact_name' },
        { key: 'x', value: 'organization_name' },
      ]),
    ).toEqual(['params.1.key']);
    expect(
      paths('{1}{3}', [
        { key: '1', value: 'contact_name' },
        { key: '3', value: 'organization_name' },
      ]),
    ).toEqual(['text']);
    expect(
      paths('${a}{1}', [
        { key: 'a', value: 'contact_name' },
        { key: '1', value: 'contact_name' },
      ]),
    ).toContain('text');
    expect(paths('${a}', [{ key: 'a', value: 'fixed', text: ' ' }])).toEqual(['params.0.text']);
  });

  it('fills the parameters per recipient; a missing name is 朋友, and values are cut to 20 characters', () => {
    const params = [
      { key: 'name', value: 'contact_name' as const },
      { key: 'org', value: 'organization_name' as const },
      { key: 'x', value: 'fixed' as const, text: '周六' },
    ];
    expect(templateParamsFor(params, { contactName: null, organizationName: '绿洲' })).toEqual({
      name: '朋友',
      org: '绿洲',
      x: '周六',
    });
    expect(templateParamsFor(params, { contactName: '长'.repeat(30), organizationName: '绿洲' }).name).toHaveLength(20);
    expect(renderText('{1}，{2}', { '1': '甲', '2': '乙' })).toBe('甲，乙');
  });

  it('previews the sample with its 【签名】 and counts segments as carriers bill them', () => {
    const preview = previewTemplate(
      { signName: '绿洲', text: '${name}好', params: [{ key: 'name', value: 'contact_name' }] },
      '绿洲',
    );
    expect(preview).toMatchObject({ text: '【绿洲】王小明好', segments: 1, characters: 8, problems: [] });
    expect(previewTemplate({ signName: '绿洲', text: '字'.repeat(67), params: [] }, '绿洲').segments).toBe(2);
  });
});
