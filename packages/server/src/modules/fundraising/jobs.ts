import { defineJob } from '../../jobs/registry.ts';
import { expireOrders } from './expire.ts';

/** Every minute: pending gifts past their time are closed at the provider and marked expired. */
export const expireOrdersJob = defineJob({
  queue: 'fundraising.expire-orders',
  schedule: '* * * * *',
  async work(deps) {
    await expireOrders(deps, deps.clock.now());
  },
});
