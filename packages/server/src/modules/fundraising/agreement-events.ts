import type { AgreementEvent, PaymentProvider } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { systemContext } from '../../http/system-context.ts';
import type { CallbackOutcome } from './callbacks.ts';
import { AWAITING_CHARGE_RESULT, chargeDeclined } from './monthly-charge.ts';
import { agreementEnded, startMonthlyGift } from './monthly.ts';
import * as monthlyRepo from './monthly-repo.ts';
import * as repo from './repo.ts';

/**
 * Applies a vendor's agreement notice to one organization's orders and monthly gifts, once (by its
 * notification id, like payment notices), in one transaction:
 * - signed while paying: the first order keeps the agreement; once that order is paid (before or after
 *   this notice) its monthly gift starts;
 * - ended (解约): the gift on that agreement is cancelled, and the donor's timeline says so;
 * - a charge the vendor accepted came back unpaid: counted like a declined charge (retry, email, lapse).
 */
export async function applyAgreementEvent(
  db: Db,
  providerName: PaymentProvider['name'],
  event: AgreementEvent,
  orgId: string,
): Promise<CallbackOutcome> {
  return db.transaction(async (tx) => {
    const subject = await subjectOf(tx, orgId, providerName, event);
    if (!subject) return { status: 'rejected', reason: 'unknown-order', orderNo: event.orderNo };
    const first = await repo.recordNotification(tx, {
      orgId,
      provider: providerName,
      notificationId: event.notificationId,
      orderNo: subject.orderNo,
      kind: event.kind,
      outcome: 'recorded',
    });
    if (!first) return { status: 'duplicate', orderNo: subject.orderNo };
    const changed = await apply(tx, orgId, providerName, event, subject);
    if (!changed)
      await repo.markNotification(tx, orgId, providerName, event.notificationId, 'duplicate', `${event.kind} noted`);
    return { status: changed ? 'recorded' : 'duplicate', orderNo: subject.orderNo };
  });
}

type Subject =
  | { orderNo: string; order: repo.OrderRow; gift?: undefined }
  | { orderNo: string; gift: monthlyRepo.MonthlyGiftRow; order?: undefined };

/** The order or gift a notice is about, if it is this organization's and this provider's. */
async function subjectOf(
  tx: Db,
  orgId: string,
  providerName: PaymentProvider['name'],
  event: AgreementEvent,
): Promise<Subject | undefined> {
  if (event.kind === 'agreement-ended') {
    const gift = await monthlyRepo.monthlyGiftOfAgreement(tx, orgId, providerName, event.agreementId);
    if (!gift) return undefined;
    const firstOrder = await repo.findOrder(tx, orgId, gift.firstOrderId);
    return { orderNo: firstOrder?.orderNo ?? event.orderNo ?? event.agreementId, gift };
  }
  const order = await repo.orderByNumber(tx, event.orderNo, true);
  if (!order || order.orgId !== orgId || order.provider !== providerName) return undefined;
  if (event.kind === 'agreement-signed' && (order.frequency !== 'monthly' || order.monthlyGiftId)) return undefined;
  if (event.kind === 'charge-declined' && !order.monthlyGiftId) return undefined;
  return { orderNo: order.orderNo, order };
}

async function apply(
  tx: Db,
  orgId: string,
  providerName: PaymentProvider['name'],
  event: AgreementEvent,
  subject: Subject,
): Promise<boolean> {
  const ctx = () => systemContext(tx, { id: orgId }, `payments:${providerName}`, 'provider');
  if (event.kind === 'agreement-ended') return agreementEnded(tx, await ctx(), subject.gift!, event);
  const order = subject.order!;
  if (event.kind === 'charge-declined') {
    // Only a charge still waiting for its result: a second notice, or one about a charge already
    // counted (declined when asked, or paid since), changes nothing.
    if (order.status !== 'pending' || order.providerPaymentId !== AWAITING_CHARGE_RESULT) return false;
    await chargeDeclined(tx, { orgId, id: order.monthlyGiftId! }, order, event.occurredAt, event.reason);
    return true;
  }
  if (order.status !== 'paid') {
    await repo.updateOrder(tx, orgId, order.id, { agreementId: event.agreementId });
    return true;
  }
  // Paid first: the payment was recorded as a gift; the agreement now makes it monthly.
  if (await monthlyRepo.monthlyGiftOfFirstOrder(tx, orgId, order.id)) return false;
  await startMonthlyGift(tx, order, order.contactId!, {
    kind: 'paid',
    orderNo: order.orderNo,
    transactionId: order.transactionId ?? '',
    amount: { amount: order.amount, currency: order.currency },
    agreementId: event.agreementId,
    occurredAt: order.paidAt ?? event.occurredAt,
  });
  return true;
}
