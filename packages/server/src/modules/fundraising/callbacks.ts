import type { FastifyBaseLogger } from 'fastify';
import type {
  CallbackRequest,
  CallbackResponse,
  PaymentEvent,
  PaymentProvider,
} from '../../adapters/payments/index.ts';
import { checkEventAmount } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { systemContext } from '../../http/system-context.ts';
import { recordAudit } from '../audit/index.ts';
import { giftByExternalId } from '../gifts/index.ts';
import { applyAgreementEvent } from './agreement-events.ts';
import { AWAITING_CHARGE_RESULT, chargeDeclined } from './monthly-charge.ts';
import { completeRefund, refundOfEvent } from './online-refunds.ts';
import { notificationIdOf, paidNoticeQueue } from './paid-batches.ts';
import { ownAccountProviders, paymentProviderOf, type PaymentDeps } from './payment-settings.ts';
import { giftExternalId, recordPaidOrder } from './record-payment.ts';
import * as repo from './repo.ts';

export interface CallbackDeps extends PaymentDeps {
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Told once a payment is recorded, with its receipt: the receipt email goes out soon. */
  receiptsIssued?: () => void;
}

export type CallbackOutcome =
  | { status: 'recorded'; orderNo: string }
  | { status: 'duplicate'; orderNo: string }
  | { status: 'ignored'; reason: string }
  | { status: 'rejected'; reason: string; orderNo?: string };

/**
 * A provider's asynchronous callback, end to end: its signature is verified by the provider adapter,
 * then its event is applied to the order once. Replays, retries and events arriving out of order
 * change nothing; a payment whose amount or currency differs from the order's is never recorded.
 * `orgId` is set for an organization's own merchant account (its notifications come to its own
 * address): its keys verify the callback, and only that organization's orders can be affected.
 * Returns what happened and the answer the provider expects.
 */
export async function handlePaymentCallback(
  deps: CallbackDeps,
  providerName: string,
  request: CallbackRequest,
  orgId?: string,
): Promise<{ outcome: CallbackOutcome; response: CallbackResponse }> {
  const name = providerName as PaymentProvider['name'];
  const provider =
    orgId === undefined
      ? ownAccountProviders.has(name)
        ? undefined
        : deps.payments.get(name)
      : await paymentProviderOf(deps, orgId, name);
  if (!provider) {
    const outcome = { status: 'rejected', reason: 'unknown-provider' } as const;
    return { outcome, response: { statusCode: 404, contentType: 'text/plain', body: 'unknown provider' } };
  }
  const verified = await provider.verifyCallback(request);
  let outcome: CallbackOutcome;
  if (verified.status === 'rejected') outcome = { status: 'rejected', reason: verified.reason };
  else if (verified.status === 'ignored') outcome = { status: 'ignored', reason: verified.reason };
  else if (verified.status === 'agreement')
    // Agreements belong to an organization's own merchant account, so their notices come to its address.
    outcome =
      orgId === undefined
        ? { status: 'rejected', reason: 'unknown-order' }
        : await applyAgreementEvent(deps.db, provider.name, verified.event, orgId);
  else if (orgId !== undefined && (await repo.orderByNumber(deps.db, verified.event.orderNo))?.orgId !== orgId)
    // Signed with this organization's keys, about an order that is not its own.
    outcome = { status: 'rejected', reason: 'unknown-order', orderNo: verified.event.orderNo };
  else if (verified.event.kind === 'paid')
    outcome = await paidNoticeQueue(deps.db, applyPaymentEvent).record(
      { provider: provider.name, event: verified.event },
      deps.log,
    );
  else outcome = await applyPaymentEvent(deps.db, provider.name, verified.event);
  if (outcome.status === 'recorded') deps.receiptsIssued?.();
  if (outcome.status === 'rejected') deps.log.warn({ provider: provider.name, ...outcome }, 'payment callback refused');
  const accepted = outcome.status !== 'rejected';
  return { outcome, response: provider.callbackResponse(accepted, request) };
}

/**
 * Applies an authentic payment event to its order, once: from a verified callback, or from a bank
 * statement line that staff reconciled (then `actor` is the staff member, for the audit log).
 */
export async function applyPaymentEvent(
  db: Db,
  providerName: PaymentProvider['name'],
  event: PaymentEvent,
  actor?: OrgContext,
): Promise<CallbackOutcome> {
  try {
    return await applyOnce(db, providerName, event, actor);
  } catch (error) {
    // Another order's notice recorded the same provider transaction at the same moment: decided again,
    // this one now finds that gift and is refused.
    if (!isUniqueViolation(error, 'gifts_external_key')) throw error;
    return applyOnce(db, providerName, event, actor);
  }
}

async function applyOnce(
  db: Db,
  providerName: PaymentProvider['name'],
  event: PaymentEvent,
  actor?: OrgContext,
): Promise<CallbackOutcome> {
  const orderNo = event.orderNo;
  const provider = { name: providerName };
  return db.transaction(async (tx) => {
    const order = await repo.orderByNumber(tx, orderNo, true);
    if (!order || order.provider !== provider.name) return { status: 'rejected', reason: 'unknown-order', orderNo };
    if (actor && actor.org.id !== order.orgId) return { status: 'rejected', reason: 'unknown-order', orderNo };
    const notificationId = notificationIdOf(event);
    const first = await repo.recordNotification(tx, {
      orgId: order.orgId,
      provider: provider.name,
      notificationId,
      orderNo,
      kind: event.kind,
      outcome: 'recorded',
    });
    if (!first) {
      // A retry or a replay: answered as the first time was, and nothing changes.
      const earlier = await repo.findNotification(tx, order.orgId, provider.name, notificationId);
      return earlier?.outcome === 'rejected'
        ? { status: 'rejected', reason: earlier.reason ?? 'refused before', orderNo }
        : { status: 'duplicate', orderNo };
    }
    const ctx = actor ?? (await systemContext(tx, { id: order.orgId }, `payments:${provider.name}`, 'provider'));
    const refuse = async (reason: string) => {
      await repo.markNotification(tx, order.orgId, provider.name, notificationId, 'rejected', reason);
      await recordAudit(tx, ctx, {
        action: 'payment.refused',
        subjectType: 'donation_order',
        subjectId: order.id,
        data: { orderNo, reason, event: event.kind, amount: event.amount.amount, currency: event.amount.currency },
      });
      return { status: 'rejected', reason, orderNo } as const;
    };

    if (event.kind === 'refunded') {
      const request = await refundOfEvent(tx, order.orgId, event);
      if (!request) {
        // Refunded at the provider's own console, not from here: staff record it once they have checked.
        await recordAudit(tx, ctx, {
          action: 'payment.refund-unmatched',
          subjectType: 'donation_order',
          subjectId: order.id,
          data: {
            orderNo,
            refundNo: event.refundNo ?? null,
            amount: event.amount.amount,
            currency: event.amount.currency,
          },
        });
      } else {
        const sameAmount =
          event.amount.currency === request.currency &&
          (event.refundScope === 'order-total' || event.amount.amount === request.amount);
        if (!sameAmount) return refuse('refund-amount-mismatch');
        await completeRefund(tx, ctx, request.refundNo, event.providerRefundId ?? null, event.occurredAt);
        return { status: 'recorded', orderNo };
      }
    }
    if (event.kind !== 'paid') {
      // A close or refund notice for an order we still hold pending: it can no longer be paid. A monthly
      // charge the vendor accepted and then closed unpaid (Alipay's 10003, then TRADE_CLOSED) was declined.
      if (event.kind === 'closed' && order.status === 'pending' && order.providerPaymentId === AWAITING_CHARGE_RESULT) {
        await chargeDeclined(
          tx,
          { orgId: order.orgId, id: order.monthlyGiftId! },
          order,
          event.occurredAt,
          '扣款未成功，交易已关闭',
        );
        return { status: 'recorded', orderNo };
      }
      if (event.kind === 'closed' && order.status === 'pending')
        await repo.updateOrder(tx, order.orgId, order.id, { status: 'expired' });
      await repo.markNotification(tx, order.orgId, provider.name, notificationId, 'duplicate', `${event.kind} noted`);
      return { status: 'duplicate', orderNo };
    }
    const amount = checkEventAmount(event, { amount: order.amount, currency: order.currency });
    if (!amount.ok) return refuse(amount.reason);
    if (order.status === 'paid') {
      if (order.transactionId === event.transactionId) {
        await repo.markNotification(tx, order.orgId, provider.name, notificationId, 'duplicate', null);
        return { status: 'duplicate', orderNo };
      }
      // The donor paid the same order twice: the second payment is not a second gift; staff refund it.
      return refuse('paid-twice');
    }
    // A provider's transaction is one payment: already a gift (through another order), it is not another.
    if (await giftByExternalId(tx, order.orgId, giftExternalId(order.provider, event.transactionId)))
      return refuse('transaction-already-recorded');
    // Pending, or expired or failed meanwhile: the money arrived, so the gift is recorded.
    await recordPaidOrder(tx, ctx, order, event);
    return { status: 'recorded', orderNo };
  });
}
