import { systemContext } from '../../http/system-context.ts';
import { defineJob } from '../../jobs/registry.ts';
import * as repo from './repo.ts';
import { runSmsSend } from './sender.ts';
import { startSending } from './service.ts';

export const SMS_SEND_QUEUE = 'sms.send';

/** Sends one SMS send until it is done, paused, cancelled or waiting, in runs of a few minutes. */
export const sendSmsJob = defineJob<{ orgId: string; sendId: number }>({
  queue: SMS_SEND_QUEUE,
  async work(deps, data) {
    if ((await runSmsSend(deps, data.orgId, data.sendId)) === 'continue') await deps.boss.send(SMS_SEND_QUEUE, data);
  },
});

/**
 * Every minute: scheduled sends whose time has come start, and a send left sending without a sender
 * (a crash, a restart, quiet hours or retries that are over) gets one again.
 */
export const smsTickJob = defineJob({
  queue: 'sms.tick',
  schedule: '* * * * *',
  async work(deps) {
    for (const due of await repo.dueScheduled(deps.db, deps.clock.now())) {
      const ctx = await systemContext(deps.db, { id: due.org_id }, 'sms-scheduler');
      await startSending(deps, ctx, Number(due.id), ['scheduled']);
    }
    for (const row of await repo.unattended(deps.db)) {
      await deps.boss.send(SMS_SEND_QUEUE, { orgId: row.org_id, sendId: Number(row.id) });
    }
  },
});
