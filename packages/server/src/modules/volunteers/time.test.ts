import { describe, expect, it } from 'vitest';
import { minutesText, shiftTime } from './time.ts';

describe('shift times', () => {
  it('reads a shift in the organization’s zone, in Chinese and English', () => {
    const start = new Date('2026-05-02T01:00:00Z');
    const end = new Date('2026-05-02T04:30:00Z');
    expect(shiftTime(start, end, 'Asia/Shanghai')).toBe('5月2日（周六）09:00–12:30');
    expect(shiftTime(start, end, 'Asia/Shanghai', 'en')).toBe('Sat 2 May, 09:00–12:30');
    expect(shiftTime(start, new Date('2026-05-03T10:00:00Z'), 'Asia/Shanghai')).toBe(
      '5月2日（周六）09:00–5月3日（周日）18:00',
    );
  });

  it('speaks of hours and minutes', () => {
    expect(minutesText(150)).toBe('2 小时 30 分钟');
    expect(minutesText(120)).toBe('2 小时');
    expect(minutesText(45)).toBe('45 分钟');
  });
});
