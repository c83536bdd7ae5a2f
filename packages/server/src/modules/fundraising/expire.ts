import { applyPaymentEvent } from './callbacks.ts';
import { paymentProviderOf, type PaymentDeps } from './payment-settings.ts';
import * as repo from './repo.ts';

/**
 * Closes pending orders whose time ran out. A provider that can be asked is asked first (主动查询): a
 * payment whose notification never arrived is recorded now, as its notification would have been, and
 * only an order still unpaid is closed at the provider (so the donor can no longer pay it) and here.
 * Instance-wide on purpose: the job runs for every organization.
 */
export async function expireOrders(deps: PaymentDeps, now: Date, batch = 500) {
  const due = await repo.expiredPendingOrders(deps.db, now, batch);
  let expired = 0;
  for (const order of due) {
    const provider = await paymentProviderOf(deps, order.orgId, order.provider);
    try {
      const status = await provider?.queryOrder?.(order.orderNo);
      if (status?.state === 'paid' && status.transactionId && status.amount) {
        await applyPaymentEvent(deps.db, order.provider, {
          kind: 'paid',
          notificationId: `query:${status.transactionId}`,
          orderNo: order.orderNo,
          transactionId: status.transactionId,
          amount: status.amount,
          occurredAt: status.paidAt ?? now,
        });
        continue;
      }
      await provider?.closeOrder?.(order.orderNo);
    } catch {
      continue; // the provider could not be reached: the order stays pending and is tried next round
    }
    await deps.db.transaction(async (tx) => {
      const current = await repo.orderByNumber(tx, order.orderNo, true);
      if (current?.status !== 'pending') return;
      await repo.updateOrder(tx, current.orgId, current.id, { status: 'expired' });
      expired++;
    });
  }
  return expired;
}
