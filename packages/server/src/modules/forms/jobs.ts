import { defineJob } from '../../jobs/registry.ts';
import { emailFormNotices } from './notices.ts';

/** Every minute: staff are told of their forms' new responses. */
export const formNoticesJob = defineJob({
  queue: 'forms.notices',
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailFormNotices(deps)) > 0);
  },
});
