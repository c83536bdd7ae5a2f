import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../i18n/translate';
import {
  signupActions,
  clockTime,
  fullPercent,
  hoursText,
  shiftTimeText,
  splitMinutes,
  toMinutes,
} from './volunteering';

describe('hours served', () => {
  it('go to the API as whole minutes and come back as hours and minutes', () => {
    expect(toMinutes(2, 30)).toBe(150);
    expect(toMinutes(0, 45)).toBe(45);
    expect(toMinutes(null, undefined)).toBe(0);
    // An InputNumber with a typed fraction: hours are whole, minutes round, never a float sent.
    expect(toMinutes(1.5, 0.4)).toBe(60);
    expect(Number.isInteger(toMinutes(3, 59.6))).toBe(true);
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
    expect(splitMinutes(59)).toEqual({ hours: 0, minutes: 59 });
    expect(splitMinutes(toMinutes(24, 0))).toEqual({ hours: 24, minutes: 0 });
  });

  it('read as people say them in both languages', () => {
    const zh: Translate = (key, vars) => translate('zh-CN', key, vars);
    const en: Translate = (key, vars) => translate('en', key, vars);
    expect(hoursText(zh, 150)).toBe('2 小时 30 分钟');
    expect(hoursText(zh, 120)).toBe('2 小时');
    expect(hoursText(zh, 0)).toBe('0 分钟');
    expect(hoursText(en, 45)).toBe('45 min');
    expect(hoursText(en, 61)).toBe('1 h 1 min');
  });
});

describe('shiftTimeText', () => {
  it("words a shift on the organization's clock, naming the end day only when it differs", () => {
    // 2027-05-01 is a Saturday; 01:00Z is 09:00 in Shanghai.
    expect(shiftTimeText('2027-05-01T01:00:00Z', '2027-05-01T04:00:00Z', 'Asia/Shanghai', 'zh-CN')).toBe(
      '5月1日（周六）09:00–12:00',
    );
    expect(shiftTimeText('2027-05-01T12:00:00Z', '2027-05-02T01:30:00Z', 'Asia/Shanghai', 'zh-CN')).toBe(
      '5月1日（周六）20:00–5月2日（周日）09:30',
    );
    expect(shiftTimeText('2027-05-01T01:00:00Z', '2027-05-01T04:00:00Z', 'Asia/Shanghai', 'en')).toBe(
      'Sat 5/1 09:00–12:00',
    );
  });
});

describe('fullPercent', () => {
  it('is how much of a limited shift is taken, capped at 100', () => {
    expect(fullPercent(1, 4)).toBe(25);
    expect(fullPercent(3, 2)).toBe(100);
    expect(fullPercent(5, null)).toBe(0);
  });
});

describe('signupActions', () => {
  const at = '2027-05-01T01:02:00Z';
  it('offers what the server allows from each state', () => {
    const of = (
      status: Parameters<typeof signupActions>[0]['status'],
      inAt: string | null = null,
      outAt: string | null = null,
    ) => signupActions({ status, checkedInAt: inAt, checkedOutAt: outAt });
    expect(of('confirmed')).toEqual(['check-in', 'hours', 'no-show', 'cancel']);
    expect(of('waitlisted')).toEqual(['cancel']);
    expect(of('attended', at)).toEqual(['check-out', 'hours', 'no-show']);
    expect(of('attended', at, at)).toEqual(['hours', 'no-show']);
    expect(of('attended')).toEqual(['hours', 'no-show']);
    expect(of('no_show')).toEqual(['check-in', 'hours']);
    expect(of('cancelled')).toEqual([]);
    expect(clockTime(at, 'Asia/Shanghai')).toBe('09:02');
  });
});
