/**
 * Deterministic supporter data for the search and LYBUNT benchmarks, generated inside PostgreSQL
 * (generate_series, with setseed) in a fresh database. Indexes are dropped during the load and
 * rebuilt from their own definitions afterwards, which is how a real bulk load is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Database } from '../packages/server/src/db/client.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import type { OrgContext } from '../packages/server/src/http/authorize.ts';
import { pinyinKeys } from '../packages/server/src/modules/contacts/normalize.ts';
import { childDivisions } from '../packages/server/src/modules/geo/divisions.ts';
export { givenChars, surnames } from './fake.ts';
import { givenChars, mobilePrefixes, surnames } from './fake.ts';

const keys = (s: string) => pinyinKeys(s);
const provinces = childDivisions(null).map((p) => p.code);

export interface BenchDb {
  database: Database;
  client: pg.Client;
  orgId: string;
  ctx: OrgContext;
  drop(): Promise<void>;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

/** Median and p95 of `runs` timings of `fn(i)` (after a few warm-up calls). */
export async function measure(
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ median: number; p95: number; max: number }> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(runs + i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p95: at(0.95), max: times.at(-1)! };
}

/** A fresh, migrated database with one organization. */
export async function benchDatabase(prefix: string): Promise<BenchDb> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.error(
      'Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (a server where databases can be created).',
    );
    process.exit(1);
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 4);
  await migrateDatabase(database);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query(
    `insert into organizations (slug, name) values ('bench', '基准测试公益') returning id, slug, name, timezone, currency`,
  );
  const org = rows[0] as OrgContext['org'];
  const ctx: OrgContext = {
    org,
    role: 'owner',
    actor: {
      kind: 'token',
      tokenId: '00000000-0000-0000-0000-000000000000',
      orgId: org.id,
      role: 'owner',
      name: 'bench',
      ip: 'local',
    },
  };
  return {
    database,
    client,
    orgId: org.id,
    ctx,
    async drop() {
      await client.end();
      await database.close();
      if (process.env.KEEP_DB) return console.log(`  kept database ${name}`);
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs `load` with the table's secondary indexes and triggers off, then rebuilds the indexes from their definitions. */
async function bulkLoad(client: pg.Client, table: string, load: () => Promise<unknown>) {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.tablename = $1 and i.indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`,
    [table],
  );
  for (const r of rows) await client.query(`drop index ${r.indexname}`);
  // Foreign keys point at rows this same generator made; checking ten million of them one by one proves
  // nothing. The table's own triggers stay on: they keep derived tables (contact_gift_years) as the app does.
  await client.query(`alter table ${table} disable trigger all`);
  await client.query(`alter table ${table} enable trigger user`);
  await load();
  await client.query(`alter table ${table} enable trigger all`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const r of rows) await client.query(r.indexdef);
}

/** `count` contacts with census-weighted names, pinyin keys, mobile numbers, emails and provinces. */
export async function generateContacts(db: BenchDb, count: number): Promise<void> {
  const surnameKeys = surnames.map(keys);
  const givenKeys = givenChars.map(keys);
  await bulkLoad(db.client, 'contacts', async () => {
    await db.client.query('select setseed(0.42)');
    await db.client.query(
      `insert into contacts (org_id, name, name_pinyin, name_initials, phone, email, province_code, category, source, created_at, updated_at)
       select $1,
              ($2::text[])[r.s] || ($5::text[])[r.g1] || case when r.two then ($5::text[])[r.g2] else '' end,
              ($3::text[])[r.s] || ($6::text[])[r.g1] || case when r.two then ($6::text[])[r.g2] else '' end,
              ($4::text[])[r.s] || ($7::text[])[r.g1] || case when r.two then ($7::text[])[r.g2] else '' end,
              case when r.has_phone then '+86' || ($8::text[])[r.p] || lpad(r.digits::text, 8, '0') end,
              case when r.has_email then 'u' || r.i || '@example.org' end,
              ($9::text[])[r.prov], case when r.i % 20 = 0 then 'major' end, 'bench', r.created, r.created
       from (select i,
                    1 + floor(random() * array_length($2::text[], 1))::int as s,
                    1 + floor(random() * array_length($5::text[], 1))::int as g1,
                    1 + floor(random() * array_length($5::text[], 1))::int as g2,
                    random() < 0.7 as two, random() < 0.85 as has_phone, random() < 0.3 as has_email,
                    1 + floor(random() * array_length($8::text[], 1))::int as p,
                    floor(random() * 100000000)::int as digits,
                    1 + floor(random() * array_length($9::text[], 1))::int as prov,
                    timestamptz '2016-01-01' + random() * interval '10 years' as created
             from generate_series(1, $10::int) as i) r`,
      [
        db.orgId,
        surnames,
        surnameKeys.map((k) => k.pinyin),
        surnameKeys.map((k) => k.initials),
        givenChars,
        givenKeys.map((k) => k.pinyin),
        givenKeys.map((k) => k.initials),
        mobilePrefixes,
        provinces,
        count,
      ],
    );
  });
}

/**
 * `count` gifts over 2017-2026 (Asia/Shanghai calendar irrelevant at this grain): a donor pool of
 * 40% of the contacts, each gift from a random donor, skewed so that some give often.
 */
export async function generateGifts(db: BenchDb, count: number): Promise<void> {
  await bulkLoad(db.client, 'gifts', async () => {
    await db.client.query('select setseed(0.17)');
    const { rows } = await db.client.query(
      `select min(id)::bigint as lo, max(id)::bigint as hi from contacts where org_id = $1`,
      [db.orgId],
    );
    const lo = Number(rows[0].lo);
    const donors = Math.max(1, Math.floor((Number(rows[0].hi) - lo + 1) * 0.4));
    await db.client.query(
      `insert into gifts (org_id, contact_id, amount, currency, received_at, channel, campaign, source)
       select $1, $2::bigint + floor(power(random(), 1.5) * $3::int)::bigint,
              (array[1000, 2000, 5000, 10000, 20000, 50000, 100000])[1 + floor(random() * 7)::int],
              'CNY', timestamptz '2017-01-01 00:00+08' + random() * interval '10 years',
              (array['wechat', 'alipay', 'bank', 'tencent_gongyi', 'cash'])[1 + floor(random() * 5)::int],
              case when random() < 0.3 then '99公益日' end, 'bench'
       from generate_series(1, $4::int)`,
      [db.orgId, lo, donors, count],
    );
  });
}
