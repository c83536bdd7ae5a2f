/**
 * The demo organization and backups: how long the first start's seeding takes on PGlite (target:
 * <= 10 s for 3,000 contacts), against a bare multi-row INSERT of exactly the same rows; and backup
 * and restore throughput against a plain SELECT of the same rows and the bare INSERT.
 *
 *   node --import tsx bench/demo.ts        SCALE=300 for a quick run
 */
import { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Database } from '../packages/server/src/db/client.ts';
import { allocateDemoIds, demoRows, generateDemoData, seedDemoData } from '../packages/server/src/demo/index.ts';
import { orgTables, restoreBackup, writeBackupFile } from '../packages/server/src/modules/backup/index.ts';
import { sqlColumns } from '../packages/server/src/modules/backup/bulk.ts';
import {
  freshPglite,
  freshPostgres,
  postgresAvailable,
  row,
  runBenchmark,
  sampleRss,
  time,
  type BenchRow,
} from './lib.ts';

const today = new Date();

async function newOrg(database: Database, slug: string): Promise<string> {
  const { rows } = await database.executeSql(`insert into organizations (slug, name) values ($1, $1) returning id`, [
    slug,
  ]);
  return String(rows[0]!.id);
}

/** The baseline: the same rows through plain parameterized multi-row INSERTs, 1,000 rows each. */
async function bareInsert(
  database: Database,
  orgId: string,
  data: ReturnType<typeof generateDemoData>,
): Promise<number> {
  await database.executeSql('begin');
  const ids = await allocateDemoIds(database.db, data);
  let total = 0;
  for (const { table, rows } of demoRows(orgId, data, ids)) {
    const columns = sqlColumns(table).filter(
      (c) => (rows[0] as Record<string, unknown> | undefined)?.[c.key] !== undefined,
    );
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000) as Record<string, unknown>[];
      const values: unknown[] = [];
      const tuples = chunk.map(
        (r) =>
          `(${columns
            .map((c) => {
              const v = r[c.key];
              values.push(v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);
              return `$${values.length}`;
            })
            .join(', ')})`,
      );
      await database.executeSql(
        `insert into ${getTableConfig(table).name} (${columns.map((c) => c.name).join(', ')}) overriding system value values ${tuples.join(', ')}`,
        values,
      );
    }
    total += rows.length;
  }
  await database.executeSql('commit');
  return total;
}

async function selectAll(database: Database, orgId: string): Promise<number> {
  let rows = 0;
  for (const table of orgTables())
    rows += (await database.executeSql(`select * from "${table.name}" where org_id = $1`, [orgId])).rows.length;
  return rows;
}

async function target(
  kind: 'PGlite' | 'PostgreSQL',
  data: ReturnType<typeof generateDemoData>,
  contacts: number,
): Promise<BenchRow[]> {
  const open = () => (kind === 'PGlite' ? freshPglite() : freshPostgres('cw_bench_demo'));
  const [ours, base, restored] = [await open(), await open(), await open()];
  try {
    const rss = sampleRss();
    const orgId = await newOrg(ours, 'demo');
    const seeded = await time(() => ours.db.transaction((tx) => seedDemoData(tx, orgId, data)));
    const rowCount = Object.values(seeded.result).reduce((a, b) => a + b, 0);
    const bare = await time(async () => bareInsert(base, await newOrg(base, 'demo'), data));

    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    const backup = await time(() => writeBackupFile(ours.db, orgId, sink, { now: today }));
    const plain = await time(() => selectAll(ours, orgId));
    const file = Buffer.concat(chunks);
    const restore = await time(() =>
      restoreBackup(restored.db, Readable.from([file]), { now: today, actorLabel: 'bench' }),
    );
    const peak = rss.stop();
    const perSecond = (n: number, ms: number) => n / (ms / 1000);
    const backupRows = backup.result.rows;
    return [
      row(
        `demo seed, ${kind} (${contacts.toLocaleString('en')} contacts, ${rowCount.toLocaleString('en')} rows)`,
        seeded.ms / 1000,
        bare.ms / 1000,
        's',
        `JSON bulk insert vs bare multi-row INSERT of the same rows${kind === 'PGlite' ? '; target ≤ 10 s' : ''}`,
      ),
      row(
        `backup, ${kind}`,
        perSecond(backupRows, backup.ms),
        perSecond(plain.result, plain.ms),
        'rows/s',
        `${(file.length / 1e6).toFixed(1)} MB gzip'd NDJSON; baseline: SELECT * of every org table (higher is better)`,
      ),
      row(
        `restore, ${kind}`,
        perSecond(backupRows, restore.ms),
        perSecond(bare.result, bare.ms),
        'rows/s',
        `verified counts and sums, one transaction; baseline: bare INSERT; peak RSS ${peak.toFixed(0)} MB (higher is better)`,
      ),
    ];
  } finally {
    await Promise.all([ours.close(), base.close(), restored.close()]);
  }
}

await runBenchmark('demo', async (ctx) => {
  const contacts = ctx.scale(3000);
  const generated = await time(async () => generateDemoData({ today, contacts }));
  ctx.log(`generated ${contacts} contacts in ${(generated.ms / 1000).toFixed(1)} s`);
  const rows = [
    row(
      'demo data generation (pure TypeScript)',
      generated.ms / 1000,
      null,
      's',
      `${generated.result.gifts.length.toLocaleString('en')} gifts over three years`,
    ),
    ...(await target('PGlite', generated.result, contacts)),
  ];
  if (await postgresAvailable()) rows.push(...(await target('PostgreSQL', generated.result, contacts)));
  else ctx.log('PostgreSQL not reachable; skipped');
  return rows;
});
