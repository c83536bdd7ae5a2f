import { normalizeReferenceText } from './bank-transfer.ts';
import { checkEventAmount } from './money.ts';
import type { Money, PaymentEvent } from './provider.ts';

/** One credit line of the organization's bank statement (银行流水). */
export interface StatementLine {
  bankTransactionId: string;
  amount: Money;
  /** The memo (附言/摘要) the donor wrote. */
  memo: string;
  postedAt: Date;
}

export interface PendingTransfer {
  orderNo: string;
  reference: string;
  amount: Money;
}

export type StatementMatch =
  | { status: 'matched'; order: PendingTransfer; event: PaymentEvent }
  | {
      status: 'amount-mismatch';
      order: PendingTransfer;
      reason: 'amount-mismatch' | 'currency-mismatch';
      received: Money;
    }
  | { status: 'ambiguous'; orders: PendingTransfer[] }
  | { status: 'unmatched' };

/**
 * Finds the pending order whose reference is in a statement line's memo. Only an exact amount in
 * the same currency confirms it; a different amount goes to a person, never recorded silently.
 */
export function matchStatementLine(line: StatementLine, pending: readonly PendingTransfer[]): StatementMatch {
  const memo = normalizeReferenceText(line.memo);
  const candidates = pending.filter((order) => memo.includes(normalizeReferenceText(order.reference)));
  const [order] = candidates;
  if (!order) return { status: 'unmatched' };
  if (candidates.length > 1) return { status: 'ambiguous', orders: candidates };
  const event: PaymentEvent = {
    kind: 'paid',
    orderNo: order.orderNo,
    transactionId: line.bankTransactionId,
    amount: line.amount,
    occurredAt: line.postedAt,
  };
  const check = checkEventAmount(event, order.amount);
  if (!check.ok) return { status: 'amount-mismatch', order, reason: check.reason, received: line.amount };
  return { status: 'matched', order, event };
}
