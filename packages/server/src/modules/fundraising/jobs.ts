import { defineJob } from '../../jobs/registry.ts';
import { expireOrders } from './expire.ts';
import { givingDeps } from './giving.ts';
import { chargeDueMonthlyGifts } from './monthly-charge.ts';
import { emailMonthlyNotices } from './monthly-notices.ts';
import { emailPendingNotices } from './update-notices.ts';

/** Every minute: pending gifts past their time are closed at the provider and marked expired. */
export const expireOrdersJob = defineJob({
  queue: 'fundraising.expire-orders',
  schedule: '* * * * *',
  async work(deps) {
    await expireOrders(givingDeps(deps), deps.clock.now());
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

/** Every ten minutes: monthly gifts that are due are charged, declined ones retried (monthly-charge.ts). */
export const chargeMonthlyJob = defineJob({
  queue: 'fundraising.charge-monthly',
  schedule: '*/10 * * * *',
  async work(deps) {
    await chargeDueMonthlyGifts(givingDeps(deps), deps.clock.now());
  },
});

/** Every minute: the emails about donors' own monthly gifts (welcome, declined, lapsed, ended). */
export const monthlyNoticesJob = defineJob({
  queue: 'fundraising.monthly-notices',
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailMonthlyNotices(deps)) > 0);
  },
});
