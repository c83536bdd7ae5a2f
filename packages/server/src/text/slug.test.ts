import { describe, expect, it } from 'vitest';
import { freeSlug, slugFromTitle } from './slug.ts';

describe('slugFromTitle', () => {
  it('spells a Chinese title in pinyin, one syllable per part', () => {
    expect(slugFromTitle('一顿热午餐')).toBe('yi-dun-re-wu-can');
    expect(slugFromTitle('绿色长城·民勤治沙')).toBe('lv-se-chang-cheng-min-qin-zhi-sha');
  });

  it('keeps Latin words and digits, and drops punctuation', () => {
    expect(slugFromTitle('99公益日：Books for 30 Schools!')).toBe('99-gong-yi-ri-books-for-30-schools');
  });

  it('stops at a whole syllable within 40 characters, and never gives less than two', () => {
    const long = slugFromTitle('为云南贵州三十所乡村小学建设图书角并培训阅读老师的长期项目');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugFromTitle('！！')).toBe('campaign');
    expect(slugFromTitle('A')).toBe('campaign-a');
  });
});

describe('freeSlug', () => {
  it('numbers the address when it is taken', async () => {
    const taken = new Set(['yi-dun-re-wu-can', 'yi-dun-re-wu-can-2']);
    expect(await freeSlug('yi-dun-re-wu-can', async (s) => taken.has(s))).toBe('yi-dun-re-wu-can-3');
    expect(await freeSlug('new', async (s) => taken.has(s))).toBe('new');
  });
});
