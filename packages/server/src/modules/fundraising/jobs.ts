import { defineJob } from '../../jobs/registry.ts';
import { expireOrders } from './expire.ts';
import { emailPendingNotices } from './update-notices.ts';

/** Every minute: pending gifts past their time are closed at the provider and marked expired. */
export const expireOrdersJob = defineJob({
  queue: 'fundraising.expire-orders',
  schedule: '* * * * *',
  async work(deps) {
    await expireOrders(deps, deps.clock.now());
  },
});

/** Every minute: project updates are emailed to the donors who agreed to hear, consent checked again. */
export const updateNoticesJob = defineJob({
  queue: 'fundraising.update-notices',
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailPendingNotices(deps)) > 0);
  },
});
