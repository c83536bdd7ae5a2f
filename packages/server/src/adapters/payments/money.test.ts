import { describe, expect, it } from 'vitest';
import { assertPayable, checkEventAmount, fenToYuan, yuanToFen } from './money.ts';
import type { PaymentEvent } from './provider.ts';

describe('yuan and fen', () => {
  it('converts by string arithmetic, without float error', () => {
    expect(yuanToFen('2.00')).toBe(200);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('88.88')).toBe(8888);
    expect(yuanToFen('1.15')).toBe(115); // 1.15 * 100 is 114.99999999999999 in floating point
    expect(yuanToFen('2.005')).toBeUndefined();
    expect(yuanToFen('-1.00')).toBeUndefined();
    expect(yuanToFen('1e3')).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
    expect(fenToYuan(115)).toBe('1.15');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(1_000_000)).toBe('10000.00');
    expect(() => fenToYuan(1.5)).toThrow('金额必须是整数');
  });

  it('refuses zero, negative and fractional amounts', () => {
    expect(() => assertPayable({ amount: 0, currency: 'CNY' })).toThrow();
    expect(() => assertPayable({ amount: -100, currency: 'CNY' })).toThrow();
    expect(() => assertPayable({ amount: 99.5, currency: 'CNY' })).toThrow();
    expect(() => assertPayable({ amount: 100, currency: 'CNY' })).not.toThrow();
  });
});

describe('checkEventAmount', () => {
  const event: PaymentEvent = {
    kind: 'paid',
    orderNo: 'CW1',
    transactionId: 'T1',
    amount: { amount: 5000, currency: 'CNY' },
    occurredAt: new Date('2026-11-23T00:00:00Z'),
  };

  it('accepts the expected amount and names each mismatch', () => {
    expect(checkEventAmount(event, { amount: 5000, currency: 'CNY' })).toEqual({ ok: true });
    expect(checkEventAmount(event, { amount: 500, currency: 'CNY' })).toMatchObject({
      ok: false,
      reason: 'amount-mismatch',
    });
    expect(checkEventAmount(event, { amount: 5000, currency: 'HKD' })).toMatchObject({
      ok: false,
      reason: 'currency-mismatch',
    });
  });
});
