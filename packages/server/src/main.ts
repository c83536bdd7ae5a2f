import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildPaymentProviders } from './adapters/payments/index.ts';
import { createOutboxTransport, createSmtpTransport } from './adapters/email/index.ts';
import { systemClock } from './adapters/clock.ts';
import { buildCaptchaProvider } from './adapters/captcha/index.ts';
import { openStorage } from './adapters/storage-config.ts';
import type { Config } from './config/config.ts';
import { openDatabase } from './db/open.ts';
import { migrateDatabase } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { publicAssets } from './public/assets.ts';
import type { AppDeps } from './http/deps.ts';
import { createBoss } from './jobs/boss.ts';
import { createQueues, startWorkers } from './jobs/registry.ts';
import './jobs/all.ts';
import { prepareWitness, startLogWitnessing, type RunningWitnessing } from './modules/witness/index.ts';
import { createLedgerLog, startLedgerIntegrator, type RunningIntegrator } from './modules/ledger/index.ts';

export interface Runtime {
  deps: AppDeps;
  /** Starts the job workers and the ledger integrator in this process. */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Composition root: config -> database -> adapters -> deps. Only this file builds concrete adapters. */
/**
 * SMTP when SMTP_URL is set. Without it, a development server writes emails to DATA_DIR/outbox (the
 * console says so); production and tests have no transport, and email waits.
 */
function emailTransportFor(config: Config) {
  if (config.SMTP_URL) return createSmtpTransport({ url: config.SMTP_URL, messagesPerSecond: config.SMTP_RATE });
  if (config.NODE_ENV === 'development') return createOutboxTransport(path.join(config.DATA_DIR, 'outbox'));
  return undefined;
}

export async function createRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const boss = createBoss(database);
    boss.on('error', (error) => console.error('job queue error', error));
    await boss.start();
    await createQueues(boss);
    const storage = openStorage(config);
    const deps: AppDeps = {
      config,
      database,
      db: database.db,
      clock: systemClock,
      files: storage.files,
      boss,
      ledger: createLedgerLog(storage.log, { cache: { hashTileBytes: config.LEDGER_TILE_CACHE_MB * 1024 * 1024 } }),
      payments: buildPaymentProviders(config, { clock: systemClock }),
      email: emailTransportFor(config),
      captcha: buildCaptchaProvider(config, { clock: systemClock }),
    };
    let integrator: RunningIntegrator | undefined;
    let witnessing: RunningWitnessing | undefined;
    return {
      deps,
      async startWorkers() {
        await startWorkers(boss, deps);
        integrator = startLedgerIntegrator(deps);
        witnessing = startLogWitnessing(deps);
      },
      async close() {
        await witnessing?.stop();
        await integrator?.stop();
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        deps.email?.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface StartOptions {
  demo: boolean;
  onListening?: (app: FastifyInstance, deps: AppDeps) => Promise<void>;
}

/** Runs the server (and, by default, the workers) until SIGINT or SIGTERM. */
export async function startServer(config: Config, options: StartOptions): Promise<FastifyInstance> {
  const runtime = await createRuntime(config);
  // The public pages' scripts are bundled now, so that a broken bundle stops the start, not a page view.
  await Promise.all([prepareWitness(runtime.deps), publicAssets()]).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  const app = await buildApp(runtime.deps, {
    logger: { level: config.LOG_LEVEL },
  });
  if (config.WORKERS) await runtime.startWorkers();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  await options.onListening?.(app, runtime.deps);
  return app;
}
