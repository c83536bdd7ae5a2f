import { defineJob } from '../../jobs/registry.ts';
import { forgetExpiredCaptchaSolutions } from './captcha-store.ts';
import { emailFormNotices } from './notices.ts';

/** Every minute: staff are told of their forms' new responses. */
export const formNoticesJob = defineJob({
  queue: 'forms.notices',
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailFormNotices(deps)) > 0);
  },
});

/** Every hour: used captcha solutions past their expiry are forgotten (no check would take them anyway). */
export const captchaCleanupJob = defineJob({
  queue: 'forms.captcha-cleanup',
  schedule: '17 * * * *',
  async work(deps) {
    await forgetExpiredCaptchaSolutions(deps.db, deps.clock.now());
  },
});
