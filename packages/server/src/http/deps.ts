import type PgBoss from 'pg-boss';
import type { Config } from '../config/config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Clock } from '../adapters/clock.ts';
import type { FileStore } from '../adapters/storage.ts';
import type { PaymentProviders } from '../adapters/payments/index.ts';
import type { EmailTransport } from '../adapters/email/index.ts';
import type { CaptchaProvider } from '../adapters/captcha/index.ts';
import type { LedgerLog } from '../modules/ledger/index.ts';

/** What route handlers reach through `request.server.deps`. Built once, in main.ts or a test. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  files: FileStore;
  boss: PgBoss;
  /** The transparency log's files and latest checkpoint. */
  ledger: LedgerLog;
  /** The payment providers giving pages offer. */
  payments: PaymentProviders;
  /** Outgoing email over SMTP_URL; absent when it is not set (emails then wait). */
  email?: EmailTransport;
  /** The captcha forms ask for when staff turn it on (CAPTCHA_PROVIDER). */
  captcha: CaptchaProvider;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
