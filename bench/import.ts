/**
 * Contact import at scale: a ROWS-row CSV (default 1,000,000) of realistic supporters with gifts,
 * tags and consent, imported (normalized, deduplicated against EXISTING contacts, default ROWS/10)
 * into a fresh database, beside a same-run baseline: a raw COPY of the same file into a text table.
 * Runs on PostgreSQL (TEST_DATABASE_URL, a fresh database) and on embedded PGlite (on disk). Each
 * target's database is created and seeded in one process and imported into by another, as the CLI
 * imports into an existing database, so that peak RSS is the import's own.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/import.ts
 *   ROWS=20000 ... for a quick run; TARGETS=postgres or TARGETS=pglite for one of them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import { localFileStore } from '../packages/server/src/adapters/storage.ts';
import { openPglite, openPostgres, type Database } from '../packages/server/src/db/client.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { systemContext } from '../packages/server/src/http/system-context.ts';
import { importFromPath } from '../packages/server/src/modules/imports/index.ts';
import { copyInTransaction, csvLine } from '../packages/server/src/modules/imports/bulk.ts';
import { PhaseTimings } from '../packages/server/src/modules/imports/timings.ts';
import { organizations } from '../packages/server/src/modules/platform/tables.ts';
import { pinyinKeys } from '../packages/server/src/modules/contacts/normalize.ts';
import { row, runBenchmark, type BenchRow } from './lib.ts';
import { fakeName, fakePhone, fakeSupporter, prng, supporterCells, supporterHeaders } from './fake.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const EXISTING = Number(process.env.EXISTING ?? Math.floor(ROWS / 10));
const adminUrl = process.env.TEST_DATABASE_URL;

interface Result {
  target: string;
  ours: { seconds: number; peakRssMb: number; report: unknown; phases: string; plans: Record<string, string> };
  copy: { seconds: number };
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

async function generateFile(file: string) {
  const rnd = prng(20240907);
  async function* lines() {
    yield `${supporterHeaders.join(',')}\n`;
    let chunk = '';
    for (let i = 0; i < ROWS; i++) {
      chunk += `${supporterCells(fakeSupporter(i, rnd)).map(quote).join(',')}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
}

/**
 * A migrated database of its own: a PGlite directory, or a new database on the PostgreSQL server.
 * Created by the `prepare` step; the import step opens it again in a new process, as the CLI and the
 * server open an existing database (a fresh PGlite's initdb holds about 500 MB until it is collected,
 * which is no part of an import's cost).
 */
async function createDatabase(target: string, dir: string): Promise<string> {
  if (target === 'pglite') return path.join(dir, 'pglite');
  const name = `cw_bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

const openDatabase = (target: string, location: string): Promise<Database> =>
  target === 'pglite' ? openPglite(location) : openPostgres(location, 4);

async function dropDatabase(target: string, location: string) {
  if (target === 'pglite') return;
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`drop database if exists ${new URL(location).pathname.slice(1)} with (force)`);
  await cleanup.end();
}

/** EXISTING contacts; contact j has the phone of file row 10j, so about 7% of the file matches. */
async function seedContacts(database: Database, orgId: string) {
  const rnd = prng(7);
  const columns = ['org_id', 'name', 'name_pinyin', 'name_initials', 'phone', 'source'];
  for (let start = 0; start < EXISTING; start += 50_000) {
    const lines: string[] = [];
    for (let j = start; j < Math.min(EXISTING, start + 50_000); j++) {
      const name = fakeName(rnd);
      const keys = pinyinKeys(name);
      lines.push(csvLine([orgId, name, keys.pinyin, keys.initials, `+86${fakePhone(j * 10)}`, 'seed']));
    }
    await copyInTransaction(database, [{ table: 'contacts', columns, lines }], []);
  }
}

async function rawCopy(database: Database, file: string): Promise<number> {
  const columns = supporterHeaders.map((_, i) => `c${i} text`).join(', ');
  await database.executeSql(`create table raw_rows (${columns})`);
  const started = performance.now();
  const copy = `copy raw_rows from %s with (format csv, header true)`;
  if (database.kind === 'pglite') {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    await client.query(copy.replace('%s', `'/dev/blob'`), [], { blob: new Blob([await readFile(file)]) });
  } else {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    try {
      await pipeline(createReadStream(file), client.query(copyFrom(copy.replace('%s', 'stdin'))));
    } finally {
      client.release();
    }
  }
  return (performance.now() - started) / 1000;
}

/** Step 1, in its own process: the database with its organization and EXISTING contacts. */
async function prepareTarget(target: string, location: string) {
  const database = await openDatabase(target, location);
  try {
    await migrateDatabase(database);
    const [org] = await database.db.insert(organizations).values({ slug: 'bench', name: '基准测试基金会' }).returning();
    await seedContacts(database, org!.id);
  } finally {
    await database.close();
  }
}

/** Step 2, in a new process: the import (timed, with this process's peak RSS), then the raw COPY. */
async function importTarget(target: string, location: string, file: string, dir: string): Promise<Result> {
  const database = await openDatabase(target, location);
  try {
    const ctx = await systemContext(database.db, 'bench', 'bench');
    const mappingFile = path.join(dir, 'mapping.json');
    await writeFile(
      mappingFile,
      JSON.stringify({
        policy: 'update',
        columns: [
          ['姓名', 'name'],
          ['手机', 'phone'],
          ['邮箱', 'email'],
          ['省份', 'province'],
          ['城市', 'city'],
          ['性别', 'gender'],
          ['标签', 'tags'],
          ['捐赠金额', 'giftAmount'],
          ['捐赠日期', 'giftDate'],
          ['渠道', 'giftChannel'],
          ['项目', 'giftCampaign'],
          ['交易号', 'giftExternalId'],
          ['同意接收短信', 'consent.sms'],
        ].map(([header, field]) => ({ header, field })),
      }),
    );
    // PHASES=explain also EXPLAIN ANALYZEs every apply statement (diagnostics: the report's counts read 0).
    const timings = new PhaseTimings(process.env.PHASES === 'explain');
    const started = performance.now();
    const deps = { db: database.db, database, files: localFileStore(path.join(dir, 'files')), timings };
    const summary = await importFromPath(deps, ctx, {
      file,
      mappingFile,
      dryRun: false,
    });
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (summary.status !== 'completed') throw new Error(`import ended ${summary.status}: ${summary.error}`);
    const copySeconds = await rawCopy(database, file);
    return {
      target,
      ours: {
        seconds,
        peakRssMb,
        report: summary.report,
        phases: timings.format(),
        plans: Object.fromEntries(timings.plans),
      },
      copy: { seconds: copySeconds },
    };
  } finally {
    await database.close();
  }
}

function runStep(step: 'prepare' | 'import', env: Record<string, string>) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...env, BENCH_STEP: step },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${step} failed:\n${child.stdout}\n${child.stderr}`);
  return child.stdout;
}

/** Both steps for one target, each in its own process; the database is dropped afterwards. */
async function runTarget(target: string, file: string): Promise<Result> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cw-bench-import-'));
  const location = await createDatabase(target, dir);
  try {
    const env = { BENCH_TARGET: target, BENCH_FILE: file, BENCH_DIR: dir, BENCH_LOCATION: location };
    runStep('prepare', env);
    const line = runStep('import', env)
      .split('\n')
      .find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`${target}: the import step printed no result`);
    return JSON.parse(line.slice(7)) as Result;
  } finally {
    await dropDatabase(target, location);
    await rm(dir, { recursive: true, force: true });
  }
}

const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`;

if (process.env.BENCH_STEP) {
  const { BENCH_TARGET: target, BENCH_LOCATION: location, BENCH_FILE: file, BENCH_DIR: dir } = process.env;
  if (process.env.BENCH_STEP === 'prepare') await prepareTarget(target!, location!);
  else console.log(`RESULT ${JSON.stringify(await importTarget(target!, location!, file!, dir!))}`);
  process.exit(0);
}

const targets = (process.env.TARGETS ?? (adminUrl ? 'postgres,pglite' : 'pglite')).split(',');
if (targets.includes('postgres') && !adminUrl) {
  console.error('Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to benchmark on PostgreSQL.');
  process.exit(1);
}
async function main(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const workDir = await mkdtemp(path.join(tmpdir(), 'cw-bench-file-'));
  const file = path.join(workDir, 'supporters.csv');
  const generated = performance.now();
  await generateFile(file);
  console.log(
    `Generated ${ROWS.toLocaleString('en')} rows (${((await stat(file)).size / 1e6).toFixed(0)} MB) in ` +
      `${((performance.now() - generated) / 1000).toFixed(1)} s; ${EXISTING.toLocaleString('en')} existing contacts.`,
  );
  const limits: Record<string, { seconds: number }> = { postgres: { seconds: 60 }, pglite: { seconds: 150 } };
  try {
    for (const target of targets) {
      let result: Result;
      try {
        result = await runTarget(target, file);
      } catch (error) {
        console.error((error as Error).message);
        process.exitCode = 1;
        continue;
      }
      const target_ = limits[target]!;
      console.log(`\n${target}:`);
      console.log(
        `  import (normalize + dedupe + apply): ${result.ours.seconds.toFixed(1)} s, ${rate(result.ours.seconds)}, ` +
          `peak RSS ${result.ours.peakRssMb.toFixed(0)} MB  (target <= ${target_.seconds} s, <= 1024 MB)`,
      );
      console.log(
        `  baseline raw COPY of the same file: ${result.copy.seconds.toFixed(1)} s, ${rate(result.copy.seconds)}`,
      );
      console.log(
        `  report: ${JSON.stringify(result.ours.report, (k, v) => (k === 'sampleRejections' ? undefined : v))}`,
      );
      console.log(`  phases:\n${result.ours.phases}`);
      rows.push(
        row(
          `import ${ROWS.toLocaleString('en')} rows against ${EXISTING.toLocaleString('en')} contacts, ${target === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
          result.ours.seconds,
          result.copy.seconds,
          's',
          `${rate(result.ours.seconds)}, peak RSS ${result.ours.peakRssMb.toFixed(0)} MB; baseline: raw COPY of the file; target ≤ ${target_.seconds} s, ≤ 1 GB`,
        ),
      );
      for (const [name, plan] of Object.entries(result.ours.plans)) console.log(`\n  ${name}:\n${plan}`);
      console.log(
        `  load average: ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return rows;
}

await runBenchmark('import', () => main());
