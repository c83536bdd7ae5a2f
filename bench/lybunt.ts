/**
 * LYBUNT at scale: builds SCALE contacts (default 1,000,000) and GIFTS gifts (default 10 x SCALE)
 * over 2017-2026 in a fresh PostgreSQL database, then times the LYBUNT segment count ("gave in 2025,
 * not in 2026", through the segment compiler and countMatching) and the LYBUNT report, beside
 * same-run baselines: a plain count(*) of 2025's gifts and a hand-written LYBUNT count.
 * Target: the segment count <= 500 ms.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/lybunt.ts
 *   SCALE=100000 ... for a quick run; RUNS=15; KEEP_DB=1 keeps the database.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { systemClock } from '../packages/server/src/adapters/clock.ts';
import { parseDefinition } from '../packages/server/src/modules/segments/definition.ts';
import { matchCondition } from '../packages/server/src/modules/segments/repo.ts';
import { compileContext, contactQuery, countMatching } from '../packages/server/src/modules/segments/service.ts';
import { lybunt as lybuntReport } from '../packages/server/src/modules/reports/service.ts';
import { row as benchRow, runBenchmark, type BenchRow } from './lib.ts';
import { benchDatabase, generateContacts, generateGifts, measure, ms, timed } from './supporters-data.ts';

const SCALE = Number(process.env.SCALE ?? 1_000_000);
const GIFTS = Number(process.env.GIFTS ?? SCALE * 10);
const RUNS = Number(process.env.RUNS ?? 15);

async function main(): Promise<BenchRow[]> {
  const db = await benchDatabase('cw_bench_lybunt');
  try {
    const server = (await db.client.query('show server_version')).rows[0].server_version;
    console.log(
      `LYBUNT benchmark: ${SCALE.toLocaleString('en')} contacts, ${GIFTS.toLocaleString('en')} gifts, PostgreSQL ${server}`,
    );
    const load = () =>
      os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ');
    console.log(`  load average at start: ${load()} (${os.cpus().length} cores)`);
    await timed('generate contacts', () => generateContacts(db, SCALE));
    await timed('generate gifts', () => generateGifts(db, GIFTS));
    await timed('vacuum analyze', () => db.client.query('vacuum analyze'));

    const deps = { db: db.database.db, clock: systemClock };
    const segment = parseDefinition({
      all: [
        { field: 'gifts', op: 'gave', period: { year: 2025 } },
        { field: 'gifts', op: 'didNotGive', period: { year: 2026 } },
      ],
    });
    const y2025 = `timestamptz '2025-01-01 00:00+08'`;
    const y2026 = `timestamptz '2026-01-01 00:00+08'`;
    const y2027 = `timestamptz '2027-01-01 00:00+08'`;
    console.log('Runs:');
    const plain = await measure(RUNS, () =>
      db.client.query(
        `select count(*) from gifts where org_id = $1 and received_at >= ${y2025} and received_at < ${y2026}`,
        [db.orgId],
      ),
    );
    const handWritten = await measure(RUNS, () =>
      db.client.query(
        `select count(*) from contacts c where c.org_id = $1
           and exists (select 1 from gifts g where g.org_id = $1 and g.contact_id = c.id and g.received_at >= ${y2025} and g.received_at < ${y2026})
           and not exists (select 1 from gifts g where g.org_id = $1 and g.contact_id = c.id and g.received_at >= ${y2026} and g.received_at < ${y2027})`,
        [db.orgId],
      ),
    );
    // The floor of any count that checks who is visible: every contact row is read once.
    const visible = await measure(RUNS, () =>
      db.client.query(
        `select count(*) from contacts c where c.org_id = $1 and c.merged_into_id is null and c.erased_at is null`,
        [db.orgId],
      ),
    );
    let count = 0;
    const app = await measure(RUNS, async () => {
      count = await countMatching(deps, db.ctx, {}, segment);
    });
    let report = { donors: 0 };
    const reportRun = await measure(RUNS, async () => {
      report = await lybuntReport(deps, db.ctx, 2026);
    });
    const row = (label: string, m: { median: number; p95: number; max: number }) => ({
      run: label,
      median: ms(m.median),
      p95: ms(m.p95),
      max: ms(m.max),
    });
    console.log(`\nResults (${RUNS} runs each, after warm-up)`);
    console.table([
      row('baseline: count(*) of 2025 gifts', plain),
      row('baseline: count(*) of visible contacts', visible),
      row('baseline: hand-written LYBUNT count (no app layer)', handWritten),
      row('Commonweal: LYBUNT segment count (countMatching)', app),
      row('Commonweal: LYBUNT report (count + amounts per currency)', reportRun),
    ]);
    console.log(
      `  LYBUNT 2026 contacts: ${count.toLocaleString('en')} (report: ${report.donors.toLocaleString('en')} donors)`,
    );
    console.log(
      `  segment count p95: ${ms(app.p95)} (target <= 500 ms); median ${(app.median / plain.median).toFixed(1)}x the count(*) of 2025 gifts`,
    );
    console.log(`  load average at end: ${load()}`);
    // The plan shape of the segment count, which says more than times on a busy machine.
    const compiled = new PgDialect().sqlToQuery(
      sql`explain (analyze, buffers, costs off) select count(*) as n from contacts c where ${matchCondition(db.orgId, contactQuery(compileContext(db.ctx, systemClock), {}, segment))}`,
    );
    const plan = await db.client.query<{ 'QUERY PLAN': string }>(compiled.sql, compiled.params);
    console.log('\nPlan of the segment count:');
    for (const r of plan.rows) console.log(`  ${r['QUERY PLAN'].slice(0, 160)}`);
    const size = `${SCALE.toLocaleString('en')} contacts, ${GIFTS.toLocaleString('en')} gifts`;
    return [
      benchRow(
        `LYBUNT segment count p95, PostgreSQL (${size})`,
        app.p95,
        handWritten.p95,
        'ms',
        `median ${ms(app.median)}; baseline: hand-written LYBUNT over gifts; target ≤ 500 ms`,
      ),
      benchRow(
        'LYBUNT report p95 (count + amounts per currency)',
        reportRun.p95,
        handWritten.p95,
        'ms',
        `${report.donors.toLocaleString('en')} donors`,
      ),
    ];
  } finally {
    await db.drop();
  }
}

await runBenchmark('lybunt', () => main());
