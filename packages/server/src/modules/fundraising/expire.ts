import { paymentProviderOf, type PaymentDeps } from './payment-settings.ts';
import * as repo from './repo.ts';

/**
 * Closes pending orders whose time ran out: first at the provider (so the donor can no longer pay
 * them), then here. A payment that still arrives afterwards is recorded all the same (callbacks.ts).
 * Instance-wide on purpose: the job runs for every organization.
 */
export async function expireOrders(deps: PaymentDeps, now: Date, batch = 500) {
  const due = await repo.expiredPendingOrders(deps.db, now, batch);
  let expired = 0;
  for (const order of due) {
    try {
      const provider = await paymentProviderOf(deps, order.orgId, order.provider);
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
