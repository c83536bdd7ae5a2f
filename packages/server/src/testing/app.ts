import type { FastifyInstance, InjectOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPaymentProviders } from '../adapters/payments/index.ts';
import { createSmtpTransport } from '../adapters/email/index.ts';
import { systemClock } from '../adapters/clock.ts';
import { buildCaptchaProvider } from '../adapters/captcha/index.ts';
import { openStorage } from '../adapters/storage-config.ts';
import { loadConfig } from '../config/config.ts';
import { buildApp, type AppOptions } from '../http/app.ts';
import type { AppDeps } from '../http/deps.ts';
import { createBoss } from '../jobs/boss.ts';
import { createQueues, startWorkers } from '../jobs/registry.ts';
import '../jobs/all.ts';
import { freshDatabase } from './database.ts';
import { createLedgerLog, startLedgerIntegrator, type RunningIntegrator } from '../modules/ledger/index.ts';
import { startLogWitnessing, type RunningWitnessing } from '../modules/witness/index.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * The whole application over a fresh database. With `jobs: true` pg-boss is started and workers (and
 * the ledger integrator) run in process, as they do in `commonweal start`.
 */
export async function testApp(
  options: { jobs?: boolean; onRoute?: AppOptions['onRoute']; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cw-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    ...options.env,
  });
  const boss = createBoss(database);
  const storage = openStorage(config);
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    clock: systemClock,
    files: storage.files,
    boss,
    ledger: createLedgerLog(storage.log),
    payments: buildPaymentProviders(config, { clock: systemClock }),
    email: config.SMTP_URL
      ? createSmtpTransport({ url: config.SMTP_URL, messagesPerSecond: config.SMTP_RATE })
      : undefined,
    captcha: buildCaptchaProvider(config, { clock: systemClock }),
  };
  let integrator: RunningIntegrator | undefined;
  let witnessing: RunningWitnessing | undefined;
  if (options.jobs) {
    await boss.start();
    await createQueues(boss);
    await startWorkers(boss, deps);
    integrator = startLedgerIntegrator(deps, { retryMs: 500 });
    witnessing = startLogWitnessing(deps, { minBackoffMs: 200, maxBackoffMs: 1_000, timeoutMs: 2_000 });
  }
  const app = await buildApp(deps, { onRoute: options.onRoute });
  return {
    app,
    deps,
    async close() {
      await app.close();
      await witnessing?.stop();
      await integrator?.stop();
      if (options.jobs) await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
      deps.email?.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A public page as a browser gets it. */
export const getPage = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });

/** A public page's form, posted as a browser posts it. */
export const postForm = (t: TestApp, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

export interface Client {
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<{ status: number; body: any }>;
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  patch(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  put(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  delete(url: string): Promise<{ status: number; body: any }>;
}

/** Sends JSON requests as a signed-in user (cookie + CSRF header) or with an API token. */
export function clientFor(app: FastifyInstance, auth: { cookie?: string; csrfToken?: string; token?: string }): Client {
  const request: Client['request'] = async (method, url, body) => {
    const headers: Record<string, string> = {};
    if (auth.cookie) headers.cookie = `cw_session=${auth.cookie}`;
    if (auth.csrfToken) headers['x-csrf-token'] = auth.csrfToken;
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    const response = await app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    const type = String(response.headers['content-type'] ?? '');
    return { status: response.statusCode, body: type.includes('json') && text ? JSON.parse(text) : text };
  };
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

/** The body of a response that must have succeeded; anything else fails the test with the server's answer. */
export async function succeeded<T = any>(response: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
