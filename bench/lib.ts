/**
 * Common ground for `npm run bench` (bench/run.ts). How a benchmark plugs in:
 *
 * 1. Write bench/<topic>.ts that runs itself when executed: `node --import tsx bench/<topic>.ts`.
 *    run.ts runs every bench/*.ts that calls `runBenchmark(` or ends with `await main()`, each in
 *    its own process (so peak RSS, crashes and process.exit stay its own), alphabetically.
 *    Files that only export helpers (fake.ts, supporters-data.ts) are not run.
 * 2. Return rows: `await runBenchmark('topic', async (ctx) => [row(...), ...])`. runBenchmark prints
 *    them as a table and, under run.ts, hands them over (BENCH_RESULTS names a JSONL file) so they
 *    land in docs/benchmarks.md. A script that prints its own report without rows still runs; the
 *    tail of its output goes into the document instead.
 * 3. A row is { name, ours, baseline, unit, ratio, note }: `baseline` is the same work done the
 *    plainest way in the same run (raw COPY, a bare INSERT, a hand-written query), and `ratio` is
 *    ours / baseline, so the reader sees the cost of our abstractions on this machine, today.
 * 4. Size: `ctx.scale(defaultCount)` reads SCALE (a count of contacts, as the other benchmarks use
 *    it) and defaults to the issue's target size, so `SCALE=20000 npm run bench` runs everything
 *    small.
 *
 * Helpers: median/p95/measure for latencies, sampleRss for peak memory, freshPostgres/freshPglite
 * for a migrated database of one's own, markdownTable for printing, machine() for the header.
 */
import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../packages/server/src/db/client.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';

export interface BenchRow {
  name: string;
  ours: number;
  baseline: number | null;
  unit: string;
  /** ours / baseline; null without a baseline. */
  ratio: number | null;
  note: string;
}

export interface BenchContext {
  /** SCALE when set, otherwise the given full size. */
  scale(fullSize: number): number;
  log(message: string): void;
}

export const row = (name: string, ours: number, baseline: number | null, unit: string, note = ''): BenchRow => ({
  name,
  ours,
  baseline,
  unit,
  ratio: baseline ? ours / baseline : null,
  note,
});

export const median = (xs: number[]) => percentile(xs, 50);
export const p95 = (xs: number[]) => percentile(xs, 95);
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `fn` `runs` times after `warmup` runs; returns each run's milliseconds. */
export async function measure(runs: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Milliseconds and result of one run. */
export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** Samples this process's RSS every `everyMs` until stop(); returns the peak in MB. */
export function sampleRss(everyMs = 20): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024;
    },
  };
}

export const postgresUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when the PostgreSQL server at postgresUrl() answers. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A new, migrated database on the PostgreSQL server, dropped on close (unless KEEP_DB is set). */
export async function freshPostgres(prefix = 'cw_bench', pool = 4): Promise<Database & { url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), pool);
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      if (process.env.KEEP_DB) return console.log(`kept database ${name}`);
      const cleanup = new pg.Client({ connectionString: postgresUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A new, migrated in-memory PGlite. */
export async function freshPglite(): Promise<Database> {
  const database = await openPglite();
  await migrateDatabase(database);
  return database;
}

const format = (n: number | null) =>
  n === null || Number.isNaN(n)
    ? '–'
    : Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en')
      : n.toFixed(n >= 10 ? 1 : 2);

export function markdownTable(rows: BenchRow[]): string {
  const lines = ['| benchmark | ours | baseline | unit | ours / baseline | note |', '|---|---:|---:|---|---:|---|'];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${format(r.ours)} | ${format(r.baseline)} | ${r.unit} | ${r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`} | ${r.note} |`,
    );
  }
  return lines.join('\n');
}

export function machine(): { cpu: string; cores: number; memoryGb: number; node: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
  };
}

/**
 * Runs a benchmark, prints its rows and, under bench/run.ts, hands them over. Failures are
 * reported as a row and a non-zero exit, never as a silent success.
 */
export async function runBenchmark(name: string, run: (ctx: BenchContext) => Promise<BenchRow[]>): Promise<BenchRow[]> {
  const ctx: BenchContext = {
    scale: (full) => (process.env.SCALE ? Math.max(1, Math.round(Number(process.env.SCALE))) : full),
    log: (message) => console.error(`[${name}] ${message}`),
  };
  let rows: BenchRow[];
  try {
    rows = await run(ctx);
  } catch (error) {
    process.exitCode = 1;
    rows = [row(name, NaN, null, '', `FAILED: ${error instanceof Error ? error.message : String(error)}`)];
  }
  console.log(`\n${markdownTable(rows)}\n`);
  if (process.env.BENCH_RESULTS) {
    appendFileSync(
      process.env.BENCH_RESULTS,
      rows.map((r) => JSON.stringify({ ...r, ours: Number.isNaN(r.ours) ? null : r.ours })).join('\n') + '\n',
    );
  }
  return rows;
}
