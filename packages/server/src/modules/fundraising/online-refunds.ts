import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { PaymentProviderError, type PaymentEvent } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { recordRefund } from '../flows/index.ts';
import { drawnFromGift, formatMoney } from '../gifts/index.ts';
import { gifts } from '../gifts/tables.ts';
import { lockFundsOf } from '../ledger/index.ts';
import type { GivingDeps } from './orders.ts';
import { notifyUrl, providersOf } from './payment-settings.ts';
import { donationOrders, orderRefunds } from './tables.ts';

export type OrderRefundRow = typeof orderRefunds.$inferSelect;

export const onlineRefundInput = z.object({
  amount: z.number().int().positive().describe('minor units'),
  // WeChat Pay shows at most 80 characters of the reason to the donor; Alipay 256.
  reason: z.string().trim().min(1).max(80).describe('shown to the donor by the payment provider'),
});
export type OnlineRefundInput = z.infer<typeof onlineRefundInput>;

const open = ['requested', 'processing'] as const;

/**
 * What can be refunded of a gift, and how: through its payment provider when it was given online
 * through one that refunds (原路退款), else by hand and then recorded.
 */
export async function refundOptions(deps: GivingDeps, orgId: string, giftId: number) {
  const [gift] = await deps.db
    .select()
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, giftId)));
  if (!gift) throw notFound('Gift');
  const order = await paidOrderOf(deps.db, orgId, giftId);
  const provider = order ? (await providersOf(deps, orgId)).get(order.provider) : undefined;
  const requests = await requestsOf(deps.db, orgId, giftId);
  const held = requests.filter((r) => isOpen(r)).reduce((sum, r) => sum + r.amount, 0);
  const left = gift.kind === 'money' ? gift.amount - (await drawnFromGift(deps.db, orgId, giftId)) - held : 0;
  return {
    giftId,
    amount: gift.amount,
    currency: gift.currency,
    left: Math.max(0, left),
    online: order ? { orderNo: order.orderNo, provider: order.provider, refundable: Boolean(provider?.refund) } : null,
    requests,
  };
}

/**
 * Sends money back through the provider the donor paid with. The request is recorded first, holding its
 * amount; the provider is asked outside the transaction; the refund is recorded (with its ledger entry)
 * when the provider says the money went back, now or in its later notification.
 */
export async function requestOnlineRefund(
  deps: GivingDeps,
  ctx: OrgContext,
  giftId: number,
  input: OnlineRefundInput,
): Promise<OrderRefundRow> {
  const now = deps.now();
  const { request, order } = await deps.db.transaction(async (tx) => {
    // The same lock allocations and refunds take: nothing else draws on the gift meanwhile.
    await lockFundsOf(tx, ctx.org.id);
    const options = await refundOptions({ ...deps, db: tx }, ctx.org.id, giftId);
    if (!options.online?.refundable) {
      throw new AppError(
        'REFUND_NOT_ONLINE',
        'This gift was not paid through a provider that can refund it: return the money yourself, then record the refund',
        [
          {
            path: 'giftId',
            message: options.online ? `${options.online.provider} cannot refund` : 'not an online gift',
          },
        ],
      );
    }
    if (input.amount > options.left) {
      throw new AppError(
        'REFUND_EXCEEDS_GIFT',
        `Only ${formatMoney(options.left, options.currency)} of this gift can be refunded: the rest is already refunded, being refunded or allocated`,
        [{ path: 'body.amount', message: `at most ${options.left}` }],
      );
    }
    const order = (await paidOrderOf(tx, ctx.org.id, giftId))!;
    const [request] = await tx
      .insert(orderRefunds)
      .values({
        orgId: ctx.org.id,
        orderId: order.id,
        giftId,
        refundNo: `${order.orderNo}R${options.requests.length + 1}`,
        provider: order.provider,
        amount: input.amount,
        currency: options.currency,
        reason: input.reason,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'refund.request',
      subjectType: 'gift',
      subjectId: giftId,
      data: { refundNo: request!.refundNo, amount: input.amount, currency: options.currency, provider: order.provider },
    });
    return { request: request!, order };
  });

  const provider = (await providersOf(deps, ctx.org.id)).get(order.provider)!;
  let answer;
  try {
    answer = await provider.refund!({
      orderNo: order.orderNo,
      refundNo: request.refundNo,
      refund: { amount: request.amount, currency: request.currency },
      total: { amount: order.amount, currency: order.currency },
      reason: request.reason,
      notifyUrl: notifyUrl(deps.config.PUBLIC_URL, provider.name, ctx.org.id),
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    answer = { state: 'failed' as const, error: `${error.code}: ${error.message}` };
  }
  if (answer.state === 'failed') {
    const message = 'error' in answer ? answer.error : 'refused by the provider';
    await updateRequest(deps.db, request, { status: 'failed', error: message }, deps.now());
    throw new AppError('REFUND_FAILED', `The payment provider did not refund this gift: ${message}`, [
      { path: 'body.amount', message },
    ]);
  }
  if (answer.state === 'processing') {
    return updateRequest(
      deps.db,
      request,
      { status: 'processing', providerRefundId: answer.providerRefundId ?? null },
      deps.now(),
    );
  }
  return deps.db.transaction((tx) =>
    completeRefund(tx, ctx, request.refundNo, answer.providerRefundId ?? null, deps.now()),
  );
}

/**
 * The provider says a refund went back: records it against the gift once (a later notification of the
 * same refund finds it done).
 */
export async function completeRefund(
  tx: Db,
  ctx: OrgContext,
  refundNo: string,
  providerRefundId: string | null,
  at: Date,
): Promise<OrderRefundRow> {
  const [request] = await tx
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.orgId, ctx.org.id), eq(orderRefunds.refundNo, refundNo)))
    .for('update');
  if (!request) throw notFound('Refund');
  if (request.status === 'succeeded') return request;
  const refund = await recordRefund(tx, ctx, request.giftId, {
    amount: request.amount,
    refundedAt: at.toISOString(),
    reason: request.reason,
  });
  return updateRequest(
    tx,
    request,
    {
      status: 'succeeded',
      refundId: refund.id,
      providerRefundId: providerRefundId ?? request.providerRefundId,
      error: null,
    },
    at,
  );
}

/** A provider's refund notification for an order: the request it completes, if it is one of ours. */
export async function refundOfEvent(tx: Db, orgId: string, event: PaymentEvent) {
  if (event.kind !== 'refunded' || !event.refundNo) return undefined;
  const [request] = await tx
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.orgId, orgId), eq(orderRefunds.refundNo, event.refundNo)));
  return request;
}

async function paidOrderOf(db: Db, orgId: string, giftId: number) {
  const [order] = await db
    .select()
    .from(donationOrders)
    .where(and(eq(donationOrders.orgId, orgId), eq(donationOrders.giftId, giftId), eq(donationOrders.status, 'paid')));
  return order;
}

const requestsOf = (db: Db, orgId: string, giftId: number) =>
  db
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.orgId, orgId), eq(orderRefunds.giftId, giftId)))
    .orderBy(asc(orderRefunds.id));

const isOpen = (row: OrderRefundRow) => (open as readonly string[]).includes(row.status);

async function updateRequest(db: Db, request: OrderRefundRow, values: Partial<OrderRefundRow>, at: Date) {
  const [row] = await db
    .update(orderRefunds)
    .set({ ...values, updatedAt: at })
    .where(and(eq(orderRefunds.orgId, request.orgId), eq(orderRefunds.id, request.id)))
    .returning();
  return row!;
}

export const presentOrderRefund = (row: OrderRefundRow) => ({
  id: row.id,
  refundNo: row.refundNo,
  provider: row.provider,
  amount: row.amount,
  currency: row.currency,
  reason: row.reason,
  status: row.status,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
