/** The processes a benchmark runs beside itself: the product (`commonweal start`) and its baselines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../packages/server/src/testing/free-port.ts';
import { freshPostgres, postgresAvailable } from './lib.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Starts a process from the repository root and resolves with the first stdout line matching `ready`. */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env } });
  const line = new Promise<{ child: ChildProcess; match: RegExpMatchArray }>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(ready);
      if (match) resolve({ child, match });
    });
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${err}`)));
  });
  return line;
}

export const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** `commonweal start` as it runs in production, on the given PostgreSQL; resolves once it serves. */
export function startServer(
  options: { databaseUrl: string; port: number; dataDir: string; secretKey: string },
  command: 'start' | 'worker' = 'start',
  extraEnv: Record<string, string> = {},
) {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  return startProcess(
    // SERVER_NODE_ARGS=--cpu-prof profiles the server alone.
    [...(process.env.SERVER_NODE_ARGS?.split(' ') ?? []), 'packages/server/bin/commonweal.js', command],
    {
      ...extraEnv,
      NODE_ENV: 'production',
      PAYMENTS_SANDBOX: 'true',
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      PUBLIC_URL: baseUrl,
      SECRET_KEY: options.secretKey,
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
    },
    command === 'start' ? /Commonweal is running/ : /Workers running/,
  );
}

/**
 * A fresh PostgreSQL database with the product serving it (`commonweal start`, which seeds the demo
 * organization) and the bare INSERT baseline beside it, and a client for checking what was written.
 */
export async function productAndBaseline(name: string, secretKey: string) {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is not reachable at TEST_DATABASE_URL');
  const database = await freshPostgres(`cw_bench_${name}`, 1);
  const dataDir = await mkdtemp(path.join(tmpdir(), `cw-bench-${name}-`));
  const port = await freePort();
  const children: ChildProcess[] = [];
  const sql = new pg.Client({ connectionString: database.url });
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await sql.end().catch(() => undefined);
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const options = { databaseUrl: database.url, port, dataDir, secretKey };
    // WORKER_PROCESS=true: the API server without workers, and `commonweal worker` (job workers and the
    // ledger integrator) beside it, as docs/scaling.md describes.
    const split = process.env.WORKER_PROCESS === 'true';
    children.push((await startServer(options, 'start', split ? { WORKERS: 'false' } : {})).child);
    if (split) children.push((await startServer(options, 'worker')).child);
    const bare = await startProcess(
      ['--import', 'tsx', 'bench/bare-insert-server.ts'],
      { DATABASE_URL: database.url },
      /listening (\S+)/,
    );
    children.push(bare.child);
    await sql.connect();
    const count = async (query: string) => Number((await sql.query<{ n: string }>(query)).rows[0]!.n);
    return { baseUrl: `http://127.0.0.1:${port}`, bareUrl: bare.match[1]!, sql, count, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
