import { systemContext } from '../../http/system-context.ts';
import { defineJob } from '../../jobs/registry.ts';
import * as repo from './repo.ts';
import { runMailing } from './sender.ts';
import { startSending } from './service.ts';

export const MAILING_SEND_QUEUE = 'mailings.send';

/**
 * Sends one mailing until it is done, paused or cancelled (sender.ts), in runs of a few minutes: a run
 * whose time is up queues the next, so no job outlives pg-boss's expiry however large the mailing.
 */
export const sendMailingJob = defineJob<{ orgId: string; mailingId: number }>({
  queue: MAILING_SEND_QUEUE,
  async work(deps, data) {
    if ((await runMailing(deps, data.orgId, data.mailingId)) === 'continue')
      await deps.boss.send(MAILING_SEND_QUEUE, data);
  },
});

/**
 * Every minute: scheduled mailings whose time has come start, and a mailing left sending without a
 * sender (a crash, a restart, retries that were waiting) gets one again.
 */
export const mailingsTickJob = defineJob({
  queue: 'mailings.tick',
  schedule: '* * * * *',
  async work(deps) {
    for (const due of await repo.dueScheduled(deps.db, deps.clock.now())) {
      const ctx = await systemContext(deps.db, { id: due.org_id }, 'mailing-scheduler');
      await startSending(deps, ctx, Number(due.id), ['scheduled']);
    }
    for (const row of await repo.unattended(deps.db)) {
      await deps.boss.send(MAILING_SEND_QUEUE, { orgId: row.org_id, mailingId: Number(row.id) });
    }
  },
});
