/**
 * The transparency log on PostgreSQL (issue 3's performance targets):
 * - sustained appends through the server's write path: concurrent business transactions call
 *   recordLedgerEntries while the integrator numbers, tiles, fsyncs and signs; entries/s until the
 *   signed checkpoint covers them all, beside raw SHA-256 over the same entry bytes (target >= 10,000/s);
 * - an inclusion proof from tiles, through the read service with its tile cache (target <= 1 ms);
 * - append cost as the log grows to SCALE entries (default 10,000,000; rows bulk-inserted by SQL, then
 *   integrated), which should stay flat.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/ledger.ts
 *   SCALE=100000 for a quick run; APPENDS (default 50,000), WRITERS (16 concurrent), PER_TX (10 entries per
 *   transaction), POOL (database connections, default 10 as `commonweal start` opens).
 *   PREFILL=10000000: start the growth measurement from a log of that many entries whose tiles are written
 *   directly (no outbox rows, no entry bundles), so the append cost at 10M is measured without first
 *   integrating 10M rows; the write-path and proof rows are then left out (the integrator's start-up
 *   reconciliation needs a row for every leaf).
 */
import { createHash } from 'node:crypto';
import { appendLeaves, tilePath, TILE_WIDTH } from '@commonweal/ledger';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { fileLogStorage } from '../packages/server/src/adapters/log-storage.ts';
import type { Database } from '../packages/server/src/db/client.ts';
import {
  createLedgerLog,
  inclusionProof,
  integrateOnce,
  recordLedgerEntries,
  startLedgerIntegrator,
  type LedgerLog,
} from '../packages/server/src/modules/ledger/index.ts';
import { ensureLogState, readLogState } from '../packages/server/src/modules/ledger/log-state.ts';
import { leafHash } from '../packages/server/src/modules/ledger/materialize.ts';
import { publishCheckpoint } from '../packages/server/src/modules/ledger/publish.ts';
import { ledgerLog } from '../packages/server/src/modules/ledger/tables.ts';
import { reconcileLog } from '../packages/server/src/modules/ledger/reconcile.ts';
import { organizations } from '../packages/server/src/modules/platform/tables.ts';
import { freshPostgres, measure, median, p95, postgresAvailable, row, runBenchmark, type BenchRow } from './lib.ts';

const APPENDS = Number(process.env.APPENDS ?? 50_000);
const WRITERS = Number(process.env.WRITERS ?? 16);
const PER_TX = Number(process.env.PER_TX ?? 10);
const POOL = Number(process.env.POOL ?? 10);
const PREFILL = Math.floor(Number(process.env.PREFILL ?? 0) / TILE_WIDTH) * TILE_WIDTH;
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

interface Bench {
  database: Database;
  log: LedgerLog;
  orgId: string;
  close(): Promise<void>;
}

async function setUp(): Promise<Bench> {
  const database = await freshPostgres('cw_bench_ledger', POOL);
  const dir = await mkdtemp(path.join(tmpdir(), 'cw-bench-ledger-'));
  const [org] = await database.db.insert(organizations).values({ slug: 'bench-ledger', name: '基准' }).returning();
  await ensureLogState(database.db, 'bench.example/ledger');
  const log = createLedgerLog(fileLogStorage(dir));
  await reconcileLog(database, log);
  return {
    database,
    log,
    orgId: org!.id,
    async close() {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const donation = (orgId: string, subjectId: number) => ({
  orgId,
  type: 'donation.received' as const,
  subjectType: 'gift',
  subjectId,
  payload: {
    amount: 10_000 + (subjectId % 977),
    currency: 'CNY',
    channel: 'wechat_pay',
    campaign: 'c-2026-spring',
    donor: createHash('sha256').update(`donor-${subjectId}`).digest('hex'),
    paymentRef: createHash('sha256').update(`ref-${subjectId}`).digest('hex'),
  },
});

/**
 * CPU seconds used so far by this process and by the PostgreSQL backends serving this database (read
 * from /proc: the server is local). CPU per entry moves far less with the machine's load than a rate.
 */
async function cpuSeconds(b: Bench): Promise<Map<string, number>> {
  const { user, system } = process.cpuUsage();
  const used = new Map([['node', (user + system) / 1e6]]);
  const pids = (await b.database.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { rows: { pid: number }[] };
  const tick = 100; // USER_HZ
  for (const { pid } of pids.rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    used.set(String(pid), (Number(fields[11]) + Number(fields[12])) / tick);
  }
  return used;
}

/** µs of CPU per entry between two cpuSeconds() readings: a backend first seen in `after` started from 0. */
function cpuPerEntry(before: Map<string, number>, after: Map<string, number>, entries: number) {
  let node = 0;
  let postgres = 0;
  for (const [key, seconds] of after) {
    const spent = seconds - (before.get(key) ?? 0);
    if (key === 'node') node += spent;
    else postgres += spent;
  }
  return { node: (node * 1e6) / entries, postgres: (postgres * 1e6) / entries };
}

/** WAL written by the whole server so far (pg_stat_wal, PostgreSQL 14+): bytes, and full-page images. */
async function walWritten(b: Bench): Promise<{ bytes: number; fpi: number }> {
  const result = (await b.database.db.execute(sql`select wal_bytes, wal_fpi from pg_stat_wal`)) as unknown as {
    rows: { wal_bytes: string; wal_fpi: string }[];
  };
  return { bytes: Number(result.rows[0]!.wal_bytes), fpi: Number(result.rows[0]!.wal_fpi) };
}

async function durableSize(b: Bench): Promise<number> {
  return (await readLogState(b.database.db))!.durableSize;
}

/** WRITERS concurrent writers commit `count` entries in business transactions of PER_TX entries. */
async function businessWrites(b: Bench, count: number, firstSubject = 0): Promise<void> {
  let next = firstSubject;
  const end = firstSubject + count;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < end) {
        const first = next;
        next += PER_TX;
        const ids = Array.from({ length: Math.min(PER_TX, end - first) }, (_, i) => first + i + 1);
        await b.database.db.transaction((tx) =>
          recordLedgerEntries(
            tx,
            ids.map((id) => donation(b.orgId, id)),
          ),
        );
      }
    }),
  );
}

/** Business transactions while the integrator runs, until a signed checkpoint covers them all. */
async function sustainedAppends(
  b: Bench,
  count: number,
): Promise<{
  perSecond: number;
  bodies: string[];
  cpu: { node: number; postgres: number };
  rounds: number[];
  wal: { bytes: number; fpi: number };
}> {
  const integrator = startLedgerIntegrator(
    { config: { PUBLIC_URL: 'https://bench.example' }, database: b.database, ledger: b.log },
    { pollMs: 20 },
  );
  // The integrator reconciles the log with the database when it starts (seconds at 10M entries, the
  // row above); the clock starts once it integrates, with one entry through the whole path.
  const before = await durableSize(b);
  await b.database.db.transaction((tx) => recordLedgerEntries(tx, [donation(b.orgId, 0)]));
  while ((await durableSize(b)) <= before) await new Promise((r) => setTimeout(r, 10));
  const start = await durableSize(b);
  const rounds: number[] = [];
  const published = b.log.published.bind(b.log);
  let lastSize = start;
  b.log.published = (checkpoint) => {
    rounds.push(Number(checkpoint.size) - lastSize);
    lastSize = Number(checkpoint.size);
    published(checkpoint);
  };
  const cpuBefore = await cpuSeconds(b);
  const walBefore = await walWritten(b);
  const started = performance.now();
  await businessWrites(b, count);
  while ((await durableSize(b)) < start + count) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuPerEntry(cpuBefore, await cpuSeconds(b), count);
  const walAfter = await walWritten(b);
  const wal = { bytes: (walAfter.bytes - walBefore.bytes) / count, fpi: (walAfter.fpi - walBefore.fpi) / count };
  await integrator.stop();
  b.log.published = published;
  const result = (await b.database.db.execute(
    sql`select body from ledger_leaves where leaf_index >= ${start} order by leaf_index`,
  )) as unknown as { rows: { body: string }[] };
  return { perSecond: count / seconds, bodies: result.rows.map((r) => r.body), cpu, rounds, wal };
}

/** The rows of one sustained-append run: its rate beside raw SHA-256, CPU, WAL and integration rounds. */
function sustainedRows(name: string, run: Awaited<ReturnType<typeof sustainedAppends>>, sha256PerSecond: number) {
  return [
    row(
      name,
      run.perSecond,
      sha256PerSecond,
      'entries/s',
      `${APPENDS.toLocaleString('en')} entries, ${WRITERS} writers × ${PER_TX} per transaction, pool ${POOL}; baseline: raw SHA-256 of the entries; load ${load()}`,
    ),
    row(
      '… CPU per entry, write path to signed checkpoint',
      run.cpu.node + run.cpu.postgres,
      null,
      'µs',
      `this process ${run.cpu.node.toFixed(1)} µs + its PostgreSQL backends ${run.cpu.postgres.toFixed(1)} µs`,
    ),
    row(
      '… WAL per entry',
      run.wal.bytes,
      null,
      'bytes',
      `${(run.wal.fpi * 1000).toFixed(0)} full-page images per 1,000 entries (the whole server's WAL)`,
    ),
    row(
      '… integration rounds (checkpoints signed)',
      run.rounds.length,
      null,
      'rounds',
      `median ${median(run.rounds)} entries a round, largest ${Math.max(...run.rounds)}`,
    ),
  ];
}

/** The plainest version of the same hashing: SHA-256 over each entry's bytes. */
function rawSha256PerSecond(bodies: string[]): number {
  const buffers = bodies.map((body) => Buffer.from(body));
  const started = performance.now();
  for (const data of buffers) createHash('sha256').update(data).digest();
  return buffers.length / ((performance.now() - started) / 1000);
}

/**
 * Grows the empty log to `size` leaves (a multiple of 256) by writing hash tiles directly, 65,536 leaves
 * at a time, then signs a checkpoint over them. An append reads only the tiles on the tree's right edge,
 * so what follows costs what it would cost after integrating `size` rows (the database side aside).
 */
async function prefillTiles(b: Bench, size: number): Promise<number> {
  const started = performance.now();
  const chunk = 65_536;
  for (let n = 0; n < size; n += chunk) {
    const hashes = Array.from({ length: Math.min(chunk, size - n) }, (_, i) =>
      leafHash(Buffer.from(`prefilled leaf ${n + i}`)),
    );
    const writes = await appendLeaves(b.log.tiles.readerAt(BigInt(n)), BigInt(n), hashes);
    await b.log.tiles.writeDurably(writes.map((w) => ({ path: tilePath(w.tile), data: w.data })));
  }
  await b.database.db.update(ledgerLog).set({ assignedSize: size }).where(eq(ledgerLog.id, 1));
  await publishCheckpoint(b.database.db, b.log, (await readLogState(b.database.db))!, size);
  return (performance.now() - started) / 1000;
}

/** Outbox rows inserted set-based by SQL (as imports do), then integrated: entries/s of integration alone. */
async function bulkThenIntegrate(b: Bench, count: number): Promise<number> {
  await b.database.executeSql(
    `insert into ledger_entries (org_id, type, subject_type, subject_id, payload)
     select $1, 'donation.received', 'gift', i,
            jsonb_build_object('amount', 10000 + i % 977, 'currency', 'CNY', 'channel', 'wechat_pay',
                               'donor', md5(i::text), 'paymentRef', md5('ref' || i))
     from generate_series(1, $2::int) as i`,
    [b.orgId, count],
  );
  const started = performance.now();
  while ((await integrateOnce(b.database, b.log)) > 0);
  return count / ((performance.now() - started) / 1000);
}

await runBenchmark('ledger', async (ctx) => {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is not reachable at TEST_DATABASE_URL');
  const target = ctx.scale(10_000_000);
  const rows: BenchRow[] = [];
  const b = await setUp();
  try {
    ctx.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
    if (PREFILL > 0) {
      const seconds = await prefillTiles(b, PREFILL);
      ctx.log(`prefilled ${PREFILL.toLocaleString('en')} leaves as tiles in ${seconds.toFixed(1)} s`);
    }
    const step = Math.max(20_000, Math.round(target / 5));
    for (let grown = PREFILL; grown < PREFILL + target;) {
      const add = Math.min(step, PREFILL + target - grown);
      const perSecond = await bulkThenIntegrate(b, add);
      grown += add;
      // A log grows over months, with autovacuum keeping up; here millions of rows arrive in minutes,
      // and the vacuum they are owed (visibility map, the queue's deleted rows) would otherwise run in
      // the middle of the next measurement. Not timed.
      await b.database.executeSql('vacuum (analyze) ledger_entries, ledger_leaves, ledger_pending');
      rows.push(
        row(
          `integration from ${(grown - add).toLocaleString('en')} to ${grown.toLocaleString('en')} entries`,
          perSecond,
          null,
          'entries/s',
          `rows bulk-inserted, then integrated (tiles, fsync, signature); load ${load()}`,
        ),
      );
    }
    if (PREFILL > 0) return rows;
    // What an integrator does on every start before it integrates anything: check the numbering
    // against the rows, queue unqueued rows, and check that every tile is in storage.
    const reconcileStarted = performance.now();
    await reconcileLog(b.database, b.log);
    rows.push(
      row(
        `integrator start-up reconciliation, log of ${(await durableSize(b)).toLocaleString('en')}`,
        (performance.now() - reconcileStarted) / 1000,
        null,
        's',
        `numbering checked against the outbox, every tile's size checked; load ${load()}`,
      ),
    );
    const appends = await sustainedAppends(b, APPENDS);
    const baseline = rawSha256PerSecond(appends.bodies);
    rows.push(...sustainedRows('sustained appends, write path to signed checkpoint (PostgreSQL)', appends, baseline));
    const again = await sustainedAppends(b, APPENDS);
    rows.push(...sustainedRows('sustained appends again, the same log', again, rawSha256PerSecond(again.bodies)));

    // Where the write path's time goes: the same transactions with no integrator running, then
    // integration alone.
    const writesStarted = performance.now();
    const writesCpu = await cpuSeconds(b);
    await businessWrites(b, APPENDS / 2, APPENDS);
    const writesPerSecond = APPENDS / 2 / ((performance.now() - writesStarted) / 1000);
    const integrationCpu = await cpuSeconds(b);
    while ((await integrateOnce(b.database, b.log)) > 0);
    const cpuOfWrites = cpuPerEntry(writesCpu, integrationCpu, APPENDS / 2);
    const cpuOfIntegration = cpuPerEntry(integrationCpu, await cpuSeconds(b), APPENDS / 2);
    rows.push(
      row(
        'the same business transactions, no integrator running',
        writesPerSecond,
        baseline,
        'entries/s',
        `${(APPENDS / 2).toLocaleString('en')} entries; the write path's own ceiling; load ${load()}`,
      ),
      row(
        'CPU per entry, those business transactions',
        cpuOfWrites.node + cpuOfWrites.postgres,
        null,
        'µs',
        `this process ${cpuOfWrites.node.toFixed(1)} µs + PostgreSQL ${cpuOfWrites.postgres.toFixed(1)} µs`,
      ),
      row(
        'CPU per entry, then integrating them',
        cpuOfIntegration.node + cpuOfIntegration.postgres,
        null,
        'µs',
        `this process ${cpuOfIntegration.node.toFixed(1)} µs + PostgreSQL ${cpuOfIntegration.postgres.toFixed(1)} µs`,
      ),
    );

    const size = await durableSize(b);
    const deps = { db: b.database.db, ledger: b.log };
    const indexes = Array.from({ length: 2000 }, () => Math.floor(Math.random() * size));
    const samples = await measure(indexes.length, (i) => inclusionProof(deps, indexes[i]!), 200);
    rows.push(
      row(
        'inclusion proof from tiles, median',
        median(samples),
        null,
        'ms',
        `log of ${size.toLocaleString('en')}; target ≤ 1 ms`,
      ),
      row('inclusion proof from tiles, p95', p95(samples), null, 'ms', `load ${load()}`),
    );
    // The same entries again: their tiles are now in the tile cache (LEDGER_TILE_CACHE_MB), as the
    // tiles of recent and often-checked entries are on a running server.
    const cached = await measure(indexes.length, (i) => inclusionProof(deps, indexes[i]!), 0);
    rows.push(
      row('inclusion proof, the same entries again (tiles cached), median', median(cached), null, 'ms', ''),
      row('inclusion proof, the same entries again (tiles cached), p95', p95(cached), null, 'ms', `load ${load()}`),
    );

    return rows;
  } finally {
    await b.close();
  }
});
