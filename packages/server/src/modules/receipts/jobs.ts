import { defineJob } from '../../jobs/registry.ts';
import { emailPendingReceipts } from './email.ts';
import { RECEIPTS_EMAIL_QUEUE } from './sweep-soon.ts';

/**
 * Receipts issued since are emailed to their donors, with the PDF attached: every minute, and within
 * seconds of an online gift (receiptsSweepSoon).
 */
export const emailReceiptsJob = defineJob({
  queue: RECEIPTS_EMAIL_QUEUE,
  schedule: '* * * * *',
  async work(deps) {
    while ((await emailPendingReceipts(deps)) > 0);
  },
});
