import { systemContext } from '../../http/system-context.ts';
import type { AppDeps } from '../../http/deps.ts';
import { defineJob } from '../../jobs/registry.ts';
import * as repo from './repo.ts';
import { runMailing } from './sender.ts';
import { startSending } from './service.ts';

export const MAILING_SEND_QUEUE = 'mailings.send';

type SendData = { orgId: string; mailingId: number };

/** One job per sender wanted: each worker process runs one at a time, so they spread over processes. */
export async function queueSenders(deps: Pick<AppDeps, 'boss'>, data: SendData, senders: number) {
  for (let i = 0; i < senders; i++) await deps.boss.send(MAILING_SEND_QUEUE, data);
}

/**
 * Sends one mailing until it is done, paused or cancelled (sender.ts), in runs of a few minutes: a run
 * whose time is up queues the next, so no job outlives pg-boss's expiry however large the mailing.
 */
export const sendMailingJob = defineJob<SendData>({
  queue: MAILING_SEND_QUEUE,
  async work(deps, data) {
    const senders = deps.config.MAILING_SENDERS;
    if ((await runMailing(deps, data.orgId, data.mailingId, { senders })) === 'continue')
      await deps.boss.send(MAILING_SEND_QUEUE, data);
  },
});

/**
 * Every minute: scheduled mailings whose time has come start, and a mailing left sending with fewer
 * senders than MAILING_SENDERS (a crash, a restart, retries that were waiting) gets them again.
 */
export const mailingsTickJob = defineJob({
  queue: 'mailings.tick',
  schedule: '* * * * *',
  async work(deps) {
    for (const due of await repo.dueScheduled(deps.db, deps.clock.now())) {
      const ctx = await systemContext(deps.db, { id: due.org_id }, 'mailing-scheduler');
      await startSending(deps, ctx, Number(due.id), ['scheduled']);
    }
    for (const row of await repo.unattended(deps.db, deps.config.MAILING_SENDERS)) {
      await queueSenders(deps, { orgId: row.org_id, mailingId: Number(row.id) }, Number(row.free));
    }
  },
});
