import type PgBoss from 'pg-boss';
import type { AppDeps } from '../../http/deps.ts';

export const RECEIPTS_EMAIL_QUEUE = 'receipts.email';

/** At most one early sweep a second from each process, however many gifts arrive. */
const SWEEP_EVERY_MS = 1_000;

/**
 * Asks for the receipts sweep within a second or so instead of at the next minute's scheduled run:
 * called once a payment is recorded, so the donor has the receipt while still on the thank-you page.
 * Calls within a second of the last request share one more request at the end of that second, so
 * every receipt recorded before a request is swept by it. Undefined without SMTP, when receipts
 * wait and there is nothing to send.
 */
export function receiptsSweepSoon(deps: Pick<AppDeps, 'boss' | 'email'>): (() => void) | undefined {
  if (!deps.email) return undefined;
  let sweep = sweepsByQueue.get(deps.boss);
  if (!sweep) sweepsByQueue.set(deps.boss, (sweep = throttledSweep(deps.boss)));
  return sweep;
}

// One per job queue (so per process), whichever request or job asks.
const sweepsByQueue = new WeakMap<PgBoss, () => void>();

function throttledSweep(boss: PgBoss): () => void {
  let scheduled: NodeJS.Timeout | undefined;
  let lastAt = -Infinity;
  return () => {
    if (scheduled) return;
    scheduled = setTimeout(
      () => {
        scheduled = undefined;
        lastAt = Date.now();
        // The scheduled run each minute is the fallback: a failure here only delays the email.
        boss.send(RECEIPTS_EMAIL_QUEUE, {}).catch(() => undefined);
      },
      Math.max(0, lastAt + SWEEP_EVERY_MS - Date.now()),
    );
    scheduled.unref();
  };
}
