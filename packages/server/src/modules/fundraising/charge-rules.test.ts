import { describe, expect, it } from 'vitest';
import { chargeStep } from './charge-rules.ts';

const wechat = { notice: { waitDays: 2, validDays: 7 }, hours: { from: 7, to: 22 } };
const beijing = (text: string) => new Date(`${text}+08:00`);
const gift = { period: '2026-12', amount: 5000 };

describe('charge rules (周期扣费)', () => {
  it('sends the notice first, and charges from the third day at ten', () => {
    expect(chargeStep(wechat, null, gift, beijing('2026-12-06T10:00:00'))).toEqual({
      kind: 'notify',
      chargeFrom: beijing('2026-12-08T10:00:00'),
    });
    const notice = { period: '2026-12', amount: 5000, sentAt: beijing('2026-12-06T10:00:05').toISOString() };
    expect(chargeStep(wechat, notice, gift, beijing('2026-12-07T21:00:00'))).toEqual({
      kind: 'wait',
      until: beijing('2026-12-08T10:00:00'),
    });
    expect(chargeStep(wechat, notice, gift, beijing('2026-12-08T07:00:00'))).toEqual({ kind: 'charge' });
    // The last day of the seven it allows, and the day after, when a new notice is needed.
    expect(chargeStep(wechat, notice, gift, beijing('2026-12-14T21:59:00'))).toEqual({ kind: 'charge' });
    expect(chargeStep(wechat, notice, gift, beijing('2026-12-15T10:00:00')).kind).toBe('notify');
    // Another month, or more than the notice named, needs a notice of its own.
    expect(chargeStep(wechat, notice, { ...gift, period: '2027-01' }, beijing('2026-12-09T10:00:00')).kind).toBe(
      'notify',
    );
    expect(chargeStep(wechat, notice, { ...gift, amount: 5001 }, beijing('2026-12-09T10:00:00')).kind).toBe('notify');
    expect(chargeStep(wechat, notice, { ...gift, amount: 3000 }, beijing('2026-12-09T10:00:00')).kind).toBe('charge');
  });

  it('never sends or charges outside 7:00–22:00 Beijing time', () => {
    expect(chargeStep(wechat, null, gift, beijing('2026-12-06T06:59:00'))).toEqual({
      kind: 'wait',
      until: beijing('2026-12-06T07:00:00'),
    });
    expect(chargeStep(wechat, null, gift, beijing('2026-12-06T22:00:00'))).toEqual({
      kind: 'wait',
      until: beijing('2026-12-07T07:00:00'),
    });
    expect(chargeStep({ hours: { from: 7, to: 22 } }, null, gift, beijing('2026-12-06T12:00:00'))).toEqual({
      kind: 'charge',
    });
  });
});
