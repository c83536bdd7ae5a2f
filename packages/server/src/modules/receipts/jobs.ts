import { defineJob } from '../../jobs/registry.ts';
import { emailPendingReceipts } from './email.ts';

/** Every minute: receipts issued since are emailed to their donors, with the PDF attached. */
export const emailReceiptsJob = defineJob({
  queue: 'receipts.email',
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailPendingReceipts(deps)) > 0);
  },
});
