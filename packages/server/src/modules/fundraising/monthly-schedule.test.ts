import { describe, expect, it } from 'vitest';
import { chargeDayFor, chargeInMonthAfter, nextChargeAfter, periodOf, resumeAfterMonths } from './monthly-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('the monthly charging schedule', () => {
  it('charges on the day the gift started, in China time, and on the 28th for the 29th–31st', () => {
    expect(chargeDayFor(at('2026-12-05T17:30:00Z'))).toBe(6); // 01:30 on the 6th in Beijing
    expect(chargeDayFor(at('2026-01-31T04:00:00Z'))).toBe(28);
  });

  it('names the month a charge pays for in China time', () => {
    expect(periodOf(at('2026-12-31T17:00:00Z'))).toBe('2027-01');
    expect(periodOf(at('2026-12-31T15:59:00Z'))).toBe('2026-12');
  });

  it('finds the next charge at ten in the morning, this month or next', () => {
    expect(nextChargeAfter(at('2026-12-06T01:00:00Z'), 6).toISOString()).toBe('2026-12-06T02:00:00.000Z');
    expect(nextChargeAfter(at('2026-12-06T02:00:00Z'), 6).toISOString()).toBe('2027-01-06T02:00:00.000Z');
    expect(nextChargeAfter(at('2026-12-20T00:00:00Z'), 6).toISOString()).toBe('2027-01-06T02:00:00.000Z');
  });

  it('moves to the following month, across the year end and into February', () => {
    expect(chargeInMonthAfter('2026-12', 6)).toEqual({ period: '2027-01', at: at('2027-01-06T02:00:00Z') });
    expect(chargeInMonthAfter('2027-01', 28)).toEqual({ period: '2027-02', at: at('2027-02-28T02:00:00Z') });
  });

  it('ends a pause of N months on the charge day N months on', () => {
    // Paused on 10 December: January's and February's charges are skipped.
    expect(resumeAfterMonths(at('2026-12-10T00:00:00Z'), 2, 6).toISOString()).toBe('2027-03-06T02:00:00.000Z');
    // Paused on the charge day after its charge: the next one (January) is the month skipped.
    expect(resumeAfterMonths(at('2026-12-06T06:00:00Z'), 1, 6).toISOString()).toBe('2027-02-06T02:00:00.000Z');
    expect(resumeAfterMonths(at('2026-11-20T00:00:00Z'), 1, 28).toISOString()).toBe('2026-12-28T02:00:00.000Z');
  });
});
