import type { Money, PaymentEvent } from './provider.ts';
import { PaymentProviderError } from './provider.ts';

export const isMinorUnits = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Throws unless the amount is a positive whole number of minor units. */
export function assertPayable(money: Money): void {
  if (!isMinorUnits(money.amount) || money.amount === 0) {
    throw new PaymentProviderError('INVALID_AMOUNT', `金额必须是正整数（分）：${money.amount}`);
  }
}

const yuanPattern = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "2.00" -> 200, by string arithmetic; undefined for anything that is not a plain yuan amount. */
export function yuanToFen(yuan: string): number | undefined {
  const match = yuanPattern.exec(yuan);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 200 -> "2.00", the form Alipay wants. */
export function fenToYuan(fen: number): string {
  if (!isMinorUnits(fen)) throw new PaymentProviderError('INVALID_AMOUNT', `金额必须是整数（分）：${fen}`);
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export type AmountCheck =
  { ok: true } | { ok: false; reason: 'amount-mismatch' | 'currency-mismatch'; expected: Money; actual: Money };

/** Compares a verified event with what the order expects; the caller decides what a mismatch means. */
export function checkEventAmount(event: PaymentEvent, expected: Money): AmountCheck {
  if (event.amount.currency !== expected.currency) {
    return { ok: false, reason: 'currency-mismatch', expected, actual: event.amount };
  }
  if (event.amount.amount !== expected.amount) {
    return { ok: false, reason: 'amount-mismatch', expected, actual: event.amount };
  }
  return { ok: true };
}
