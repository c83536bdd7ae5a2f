import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { matchStatementLine, type PendingTransfer } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { currencySchema } from '../gifts/index.ts';
import { minorUnits } from '../projects/index.ts';
import { applyPaymentEvent, type CallbackOutcome } from './callbacks.ts';
import { donationOrders } from './tables.ts';

export const statementLineInput = z.object({
  bankTransactionId: z.string().trim().min(1).max(100).describe("the bank's own id of the line (流水号)"),
  amount: minorUnits,
  currency: currencySchema.default('CNY'),
  memo: z.string().max(500).default('').describe('附言/摘要 as the bank shows it'),
  postedAt: z.iso.datetime({ offset: true }),
});
export const reconcileInput = z.object({ lines: z.array(statementLineInput).min(1).max(2000) });

export const confirmTransferInput = z.object({
  bankTransactionId: z.string().trim().min(1).max(100),
  amount: minorUnits.describe('what arrived; it must equal the order'),
  currency: currencySchema.default('CNY'),
  receivedAt: z.iso.datetime({ offset: true }),
});

/** Bank transfers donors said they would make, newest first: waiting ones, and lately expired ones. */
export async function transfersAwaited(db: Db, ctx: OrgContext) {
  return db
    .select()
    .from(donationOrders)
    .where(
      and(
        eq(donationOrders.orgId, ctx.org.id),
        eq(donationOrders.provider, 'bank-transfer'),
        inArray(donationOrders.status, ['pending', 'expired']),
      ),
    )
    .orderBy(desc(donationOrders.createdAt))
    .limit(500);
}

export type LineResult =
  | { bankTransactionId: string; status: 'recorded' | 'already-recorded'; orderNo: string }
  | { bankTransactionId: string; status: 'amount-mismatch'; orderNo: string; expected: number; received: number }
  | { bankTransactionId: string; status: 'ambiguous'; orderNos: string[] }
  | { bankTransactionId: string; status: 'unmatched' }
  | { bankTransactionId: string; status: 'refused'; orderNo: string; reason: string };

const recorded = (id: string, orderNo: string, outcome: CallbackOutcome): LineResult =>
  outcome.status === 'recorded'
    ? { bankTransactionId: id, status: 'recorded', orderNo }
    : outcome.status === 'duplicate'
      ? { bankTransactionId: id, status: 'already-recorded', orderNo }
      : { bankTransactionId: id, status: 'refused', orderNo, reason: 'reason' in outcome ? outcome.reason : 'refused' };

/**
 * Reconciles bank statement lines (银行流水) with the transfers donors promised: a line whose memo holds
 * an order's reference and whose amount is exact is that gift, recorded once (the bank's line id
 * makes a second upload of the same statement change nothing). Anything else is reported for a person
 * to look at; nothing is recorded on a guess.
 */
export async function reconcileStatement(db: Db, ctx: OrgContext, lines: z.infer<typeof statementLineInput>[]) {
  const awaited = (await transfersAwaited(db, ctx)).filter((o) => o.providerPaymentId);
  const pending: PendingTransfer[] = awaited.map((o) => ({
    orderNo: o.orderNo,
    reference: o.providerPaymentId!,
    amount: { amount: o.amount, currency: o.currency },
  }));
  const results: LineResult[] = [];
  for (const line of lines) {
    const id = line.bankTransactionId;
    const match = matchStatementLine(
      {
        bankTransactionId: id,
        amount: { amount: line.amount, currency: line.currency },
        memo: line.memo,
        postedAt: new Date(line.postedAt),
      },
      pending,
    );
    if (match.status === 'unmatched') results.push({ bankTransactionId: id, status: 'unmatched' });
    else if (match.status === 'ambiguous') {
      results.push({ bankTransactionId: id, status: 'ambiguous', orderNos: match.orders.map((o) => o.orderNo) });
    } else if (match.status === 'amount-mismatch') {
      results.push({
        bankTransactionId: id,
        status: 'amount-mismatch',
        orderNo: match.order.orderNo,
        expected: match.order.amount.amount,
        received: match.received.amount,
      });
    } else {
      const event = { ...match.event, notificationId: `bank:${id}` };
      results.push(recorded(id, match.order.orderNo, await applyPaymentEvent(db, 'bank-transfer', event, ctx)));
    }
  }
  return results;
}

/** A transfer staff found by hand (the donor forgot the reference): recorded against the order they chose. */
export async function confirmTransfer(
  db: Db,
  ctx: OrgContext,
  orderId: number,
  input: z.infer<typeof confirmTransferInput>,
) {
  const [order] = await db
    .select()
    .from(donationOrders)
    .where(and(eq(donationOrders.orgId, ctx.org.id), eq(donationOrders.id, orderId)));
  if (!order || order.provider !== 'bank-transfer') throw notFound('Bank transfer order');
  const outcome = await applyPaymentEvent(
    db,
    'bank-transfer',
    {
      kind: 'paid',
      notificationId: `bank:${input.bankTransactionId}`,
      orderNo: order.orderNo,
      transactionId: input.bankTransactionId,
      amount: { amount: input.amount, currency: input.currency },
      occurredAt: new Date(input.receivedAt),
    },
    ctx,
  );
  if (outcome.status === 'rejected') {
    const mismatch = outcome.reason === 'amount-mismatch' || outcome.reason === 'currency-mismatch';
    throw new AppError(
      mismatch ? 'AMOUNT_MISMATCH' : 'CONFLICT',
      mismatch
        ? `The transfer does not match the order (${order.amount} ${order.currency}); record it as a gift of its own instead`
        : `This transfer could not be recorded (${outcome.reason})`,
      [{ path: mismatch ? 'body.amount' : 'body.bankTransactionId', message: outcome.reason }],
    );
  }
  return { status: outcome.status, orderNo: order.orderNo };
}
