import { describe, expect, it } from 'vitest';
import { nextSendTime } from './quiet-hours.ts';

const night = { start: '21:00', end: '08:00' };
const at = (iso: string) => new Date(iso);

describe('nextSendTime', () => {
  it('lets a message go at once outside the quiet window', () => {
    const now = at('2026-11-23T10:30:00+08:00');
    expect(nextSendTime(now, 'Asia/Shanghai', night)).toBe(now);
    expect(nextSendTime(at('2026-11-23T20:59:59+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-23T20:59:59+08:00'),
    );
    expect(nextSendTime(at('2026-11-23T08:00:00+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-23T08:00:00+08:00'),
    );
  });

  it('holds an evening message until 08:00 the next morning', () => {
    expect(nextSendTime(at('2026-11-23T21:00:00+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-24T08:00:00+08:00'),
    );
    expect(nextSendTime(at('2026-11-23T23:59:59+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-24T08:00:00+08:00'),
    );
  });

  it('holds an early-morning message until 08:00 the same day', () => {
    expect(nextSendTime(at('2026-11-24T00:00:00+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-24T08:00:00+08:00'),
    );
    expect(nextSendTime(at('2026-11-24T07:59:00+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2026-11-24T08:00:00+08:00'),
    );
  });

  it('uses the organization time zone, not the server one', () => {
    // 14:00 UTC is 22:00 in Shanghai (quiet) and 09:00 in New York (allowed).
    const now = at('2026-11-23T14:00:00Z');
    expect(nextSendTime(now, 'Asia/Shanghai', night)).toEqual(at('2026-11-24T00:00:00Z'));
    expect(nextSendTime(now, 'America/New_York', night)).toBe(now);
  });

  it('crosses month and year ends', () => {
    expect(nextSendTime(at('2026-12-31T22:00:00+08:00'), 'Asia/Shanghai', night)).toEqual(
      at('2027-01-01T08:00:00+08:00'),
    );
  });

  it('handles a window that does not cross midnight', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(nextSendTime(at('2026-11-23T12:30:00+08:00'), 'Asia/Shanghai', lunch)).toEqual(
      at('2026-11-23T14:00:00+08:00'),
    );
    const evening = at('2026-11-23T22:00:00+08:00');
    expect(nextSendTime(evening, 'Asia/Shanghai', lunch)).toBe(evening);
  });

  it('lands on the right instant across a daylight saving change', () => {
    // New York springs forward on 2027-03-14: 08:00 that morning is EDT (UTC-4), the evening before EST.
    expect(nextSendTime(at('2027-03-13T22:00:00-05:00'), 'America/New_York', night)).toEqual(
      at('2027-03-14T08:00:00-04:00'),
    );
    // And falls back on 2026-11-01.
    expect(nextSendTime(at('2026-10-31T23:00:00-04:00'), 'America/New_York', night)).toEqual(
      at('2026-11-01T08:00:00-05:00'),
    );
  });

  it('treats equal start and end as no quiet hours, and refuses malformed times and zones', () => {
    const now = at('2026-11-23T23:00:00+08:00');
    expect(nextSendTime(now, 'Asia/Shanghai', { start: '00:00', end: '00:00' })).toBe(now);
    expect(() => nextSendTime(now, 'Asia/Shanghai', { start: '9pm', end: '08:00' })).toThrow(RangeError);
    expect(() => nextSendTime(now, 'Asia/Shanghai', { start: '24:00', end: '08:00' })).toThrow(RangeError);
    expect(() => nextSendTime(now, 'Mars/Olympus', night)).toThrow(RangeError);
  });
});
