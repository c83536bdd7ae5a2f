import type { Config } from '../../config/config.ts';
import type { Database, DedicatedSession } from '../../db/client.ts';
import { DEFAULT_BATCH, integrateOnce } from './integrate.ts';
import type { LedgerLog } from './log.ts';
import { logOrigin } from './log-key.ts';
import { ensureLogState } from './log-state.ts';
import { outboxWrites } from './outbox.ts';
import { reconcileLog } from './reconcile.ts';

// Session advisory lock held by the one active integrator of a PostgreSQL database.
const INTEGRATOR_LOCK = 7461101;
const NUDGE_DELAY_MS = 10;

export interface IntegratorDeps {
  config: Pick<Config, 'PUBLIC_URL' | 'LEDGER_SIGNER_KEY'>;
  database: Database;
  ledger: LedgerLog;
}

export interface IntegratorOptions {
  /** How often an idle integrator looks for new outbox rows. */
  pollMs?: number;
  batch?: number;
  /** Wait before trying again after a failure (or while another process holds the lock). */
  retryMs?: number;
  onError?: (error: unknown) => void;
}

export interface RunningIntegrator {
  /** Finishes the current round, releases the lock and stops. */
  stop(): Promise<void>;
}

/**
 * Runs the integrator until stopped: takes the lock (PostgreSQL; the embedded database is one process
 * already), creates the log on first start, reconciles it with the database, then integrates new
 * outbox rows as they commit. Any failure releases the lock and starts over from reconciliation.
 */
export function startLedgerIntegrator(deps: IntegratorDeps, options: IntegratorOptions = {}): RunningIntegrator {
  const { pollMs = 200, batch = DEFAULT_BATCH, retryMs = 5_000 } = options;
  const onError = options.onError ?? ((error) => console.error('ledger integrator failed', error));
  let stopped = false;
  let wake = () => {};
  let idle = false; // sleeping between polls, where a nudge may cut the sleep short
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function takeLock(): Promise<DedicatedSession | undefined> {
    if (!deps.database.dedicatedSession) return undefined;
    const session = await deps.database.dedicatedSession();
    try {
      while (!stopped) {
        const { rows } = await session.query('select pg_try_advisory_lock($1) as locked', [INTEGRATOR_LOCK]);
        if (rows[0]?.locked === true) return session;
        await sleep(retryMs);
      }
    } catch (error) {
      await session.release().catch(() => {});
      throw error;
    }
    await session.release();
    return undefined;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let session: DedicatedSession | undefined;
      try {
        session = await takeLock();
        if (stopped) break;
        let lockLost = false;
        session?.onError(() => (lockLost = true));
        const { db } = deps.database;
        await ensureLogState(db, logOrigin(deps.config.PUBLIC_URL), deps.config.LEDGER_SIGNER_KEY);
        await reconcileLog(deps.database, deps.ledger);
        while (!stopped && !lockLost) {
          const integrated = await integrateOnce(deps.database, deps.ledger, batch);
          if (integrated === 0) {
            idle = true;
            await sleep(pollMs);
            idle = false;
          }
        }
      } catch (error) {
        if (stopped) break;
        onError(error);
        await sleep(retryMs);
      } finally {
        await session?.release().catch(() => {});
      }
    }
  }

  // A nudge from this process's business transactions: look again once they have had time to commit.
  let nudged: NodeJS.Timeout | undefined;
  const nudge = () => {
    nudged ??= setTimeout(() => {
      nudged = undefined;
      if (idle) wake();
    }, NUDGE_DELAY_MS);
  };
  outboxWrites.on('written', nudge);
  const running = run().finally(() => {
    outboxWrites.off('written', nudge);
    clearTimeout(nudged);
  });
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
