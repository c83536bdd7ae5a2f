import { describe, expect, it } from 'vitest';
import { pickLang } from './i18n.ts';

describe('the public pages choose their language', () => {
  it('takes ?lang first, then the first Accept-Language, and falls back to zh-CN', () => {
    expect(pickLang('en', 'zh-CN')).toBe('en');
    expect(pickLang('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLang(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang(undefined, 'zh;q=0.5, en-GB;q=0.8')).toBe('en');
    expect(pickLang(undefined, 'fr-FR')).toBe('zh-CN');
    expect(pickLang('xx', undefined)).toBe('zh-CN');
    expect(pickLang(undefined, 'en;q=0')).toBe('zh-CN');
  });
});
