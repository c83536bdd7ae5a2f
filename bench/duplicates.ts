/**
 * Duplicate detection at scale: builds SCALE realistic contacts (default 1,000,000) with a few percent
 * planted duplicates in a fresh PostgreSQL database, runs the same scan the job runs, and prints its
 * time beside a same-run baseline (a bare GROUP BY phone over the same table) and the pairs found.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/duplicates.ts
 *   SCALE=50000 ... for a quick run; PLANT_RATE=0.03 by default; KEEP_DB=1 keeps the database.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../packages/server/src/db/client.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { pinyinKeys } from '../packages/server/src/modules/contacts/normalize.ts';
import { detectDuplicates } from '../packages/server/src/modules/duplicates/detect.ts';
import { childDivisions } from '../packages/server/src/modules/geo/divisions.ts';
import { givenChars, surnames } from './fake.ts';
import { row, runBenchmark, type BenchRow } from './lib.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error(
    'Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (a server where databases can be created).',
  );
  process.exit(1);
}
const SCALE = Number(process.env.SCALE ?? 1_000_000);
const PLANT_RATE = Number(process.env.PLANT_RATE ?? 0.03);

const py = (s: string) => pinyinKeys(s).pinyin;
const surnamePinyin = surnames.map(py);
const givenPinyin = givenChars.map(py);
const byPinyin = new Map<string, string[]>();
givenChars.forEach((c, i) => byPinyin.set(givenPinyin[i]!, [...(byPinyin.get(givenPinyin[i]!) ?? []), c]));
const pinyinOfChar = new Map(givenChars.map((c, i) => [c, givenPinyin[i]!]));

const districts = childDivisions(null).flatMap((p) =>
  childDivisions(p.code).flatMap((c) => {
    const ds = childDivisions(c.code);
    return ds.length ? ds.map((d) => [p.code, c.code, d.code]) : [[p.code, c.code, c.code]];
  }),
);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(label: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  console.log(`  ${label}: ${seconds(ms)}`);
  return { value, ms };
}

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

interface Source {
  id: number;
  name: string;
  name_pinyin: string;
  phone: string | null;
  email: string | null;
  province_code: string;
  city_code: string;
  district_code: string;
}

/** One planted duplicate of a source contact, of the kind `kind` (falls back when it does not apply). */
function plant(source: Source, kind: number) {
  const chars = [...source.name];
  const last = chars.at(-1)!;
  const base = {
    name: source.name,
    pinyin: source.name_pinyin,
    phone: null as string | null,
    email: null as string | null,
  };
  const here = { province: source.province_code, city: source.city_code, district: source.district_code };
  if (kind === 0 && source.phone) {
    const elsewhere = pick(districts);
    return {
      ...base,
      kind: 'phone',
      phone: source.phone,
      province: elsewhere[0]!,
      city: elsewhere[1]!,
      district: elsewhere[2]!,
    };
  }
  if (kind === 1 && source.email)
    return { ...base, kind: 'email', email: source.email, province: null, city: null, district: null };
  const lastPinyin = pinyinOfChar.get(last);
  if (kind === 3 && lastPinyin) {
    const homophones = (byPinyin.get(lastPinyin) ?? []).filter((c) => c !== last);
    if (homophones.length)
      return { ...base, ...here, kind: 'homophone', name: chars.slice(0, -1).join('') + pick(homophones) };
  }
  if (kind === 4 && chars.length >= 3 && lastPinyin) {
    let other = pick(givenChars);
    while (pinyinOfChar.get(other) === lastPinyin) other = pick(givenChars);
    const pinyin = source.name_pinyin.slice(0, -lastPinyin.length) + pinyinOfChar.get(other);
    return { ...base, ...here, kind: 'typo', name: chars.slice(0, -1).join('') + other, pinyin };
  }
  return { ...base, ...here, kind: 'same_name_city' };
}

async function main(): Promise<BenchRow[]> {
  const name = `cw_bench_dup_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 4);
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await migrateDatabase(database);
    await client.connect();
    const server = (await client.query('show server_version')).rows[0].server_version;
    console.log(
      `Duplicate detection benchmark: ${SCALE.toLocaleString('en')} contacts, ${PLANT_RATE * 100}% planted, PostgreSQL ${server}`,
    );
    const {
      rows: [org],
    } = await client.query(`insert into organizations (slug, name) values ('bench', '基准测试公益') returning id`);
    const orgId: string = org.id;

    // Loading into an indexed table row by row is slow; drop the secondary indexes and build them after.
    const { rows: indexes } = await client.query(
      `select indexname, indexdef from pg_indexes where tablename = 'contacts' and indexname not like '%_pk'`,
    );
    for (const index of indexes) await client.query(`drop index ${index.indexname}`);
    await timed('generate contacts (generate_series)', () =>
      client.query(
        `insert into contacts (org_id, name, name_pinyin, name_initials, phone, email, province_code, city_code, district_code, source)
         select $1, ($2::text[])[r.s] || ($4::text[])[r.g1] || case when r.two then ($4::text[])[r.g2] else '' end,
                ($3::text[])[r.s] || ($5::text[])[r.g1] || case when r.two then ($5::text[])[r.g2] else '' end, '',
                case when r.has_phone then '+86' || (13000000000 + (r.i * 7919) % 1000000000)::text end,
                case when r.has_email then 'u' || r.i || '@example.org' end,
                ($6::text[])[r.d], ($7::text[])[r.d], ($8::text[])[r.d], 'bench'
         from (select i::bigint as i,
                      1 + floor(random() * array_length($2::text[], 1))::int as s,
                      1 + floor(random() * array_length($4::text[], 1))::int as g1,
                      1 + floor(random() * array_length($4::text[], 1))::int as g2,
                      random() < 0.7 as two, random() < 0.8 as has_phone, random() < 0.3 as has_email,
                      1 + floor(random() * array_length($6::text[], 1))::int as d
               from generate_series(1, $9::int) as i) r`,
        [
          orgId,
          surnames,
          surnamePinyin,
          givenChars,
          givenPinyin,
          districts.map((d) => d[0]),
          districts.map((d) => d[1]),
          districts.map((d) => d[2]),
          SCALE,
        ],
      ),
    );

    const plantCount = Math.round(SCALE * PLANT_RATE);
    const step = Math.max(1, Math.floor(SCALE / plantCount));
    const { rows: sources } = await client.query<Source>(
      `select id::int as id, name, name_pinyin, phone, email, province_code, city_code, district_code
       from contacts where org_id = $1 and id % $2 = 0 order by id limit $3`,
      [orgId, step, plantCount],
    );
    const planted = sources.map((s, i) => ({ source: s.id, ...plant(s, i % 5) }));
    const column = <K extends keyof (typeof planted)[number]>(key: K) => planted.map((p) => p[key]);
    await timed(`plant ${planted.length.toLocaleString('en')} duplicates`, () =>
      client.query(
        `insert into contacts (org_id, name, name_pinyin, name_initials, phone, email, province_code, city_code, district_code, source)
         select $1, n, p, '', ph, em, pr, ci, di, 'bench-plant:' || k || ':' || src
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
           as t(n, p, ph, em, pr, ci, di, k, src)`,
        [
          orgId,
          column('name'),
          column('pinyin'),
          column('phone'),
          column('email'),
          column('province'),
          column('city'),
          column('district'),
          column('kind'),
          column('source'),
        ],
      ),
    );
    await timed(`rebuild ${indexes.length} indexes`, async () => {
      for (const index of indexes) await client.query(index.indexdef);
    });
    await timed('analyze', () => client.query('analyze contacts'));
    const total = (await client.query('select count(*)::int as n from contacts where org_id = $1', [orgId])).rows[0].n;

    console.log('Runs:');
    const baseline = await timed('baseline: GROUP BY phone HAVING count(*) > 1', () =>
      client.query(
        `select count(*)::int as groups from (select phone from contacts where org_id = $1 and phone is not null
         group by phone having count(*) > 1) g`,
        [orgId],
      ),
    );
    const scan = await timed('Commonweal scan (5 blocking passes, scoring, upsert)', () =>
      detectDuplicates(database.db, orgId, randomUUID()),
    );

    const { rows: byKind } = await client.query(
      `select p.kind, count(*)::int as planted, count(dc.id)::int as found, round(avg(dc.confidence))::int as avg_confidence
       from (select id as dup, split_part(source, ':', 2) as kind, split_part(source, ':', 3)::bigint as src
             from contacts where org_id = $1 and source like 'bench-plant:%') p
       left join duplicate_candidates dc on dc.org_id = $1
         and dc.contact_a_id = least(p.dup, p.src) and dc.contact_b_id = greatest(p.dup, p.src)
       group by p.kind order by p.kind`,
      [orgId],
    );
    const { rows: byReason } = await client.query(
      `select array_to_string(reasons, '+') as reasons, count(*)::int as pairs from duplicate_candidates
       where org_id = $1 group by 1 order by 2 desc limit 8`,
      [orgId],
    );
    const plantedTotal = byKind.reduce((n, r) => n + r.planted, 0);
    const foundTotal = byKind.reduce((n, r) => n + r.found, 0);

    console.log('\nResults');
    console.log(`  contacts scanned:                 ${total.toLocaleString('en')}`);
    console.log(
      `  baseline GROUP BY phone:          ${seconds(baseline.ms)} (${baseline.value.rows[0].groups.toLocaleString('en')} shared phones; exact phone only)`,
    );
    console.log(
      `  Commonweal duplicate scan:        ${seconds(scan.ms)} (${scan.value.toLocaleString('en')} candidate pairs; target <= 60 s)`,
    );
    console.log(`  reference: CiviCRM                170 s for 5,000 contacts`);
    console.log(
      `  planted pairs found:              ${foundTotal.toLocaleString('en')} of ${plantedTotal.toLocaleString('en')} (${((100 * foundTotal) / Math.max(1, plantedTotal)).toFixed(1)}%)`,
    );
    console.table(byKind);
    console.log('  most common reason sets among all candidate pairs (planted and natural namesakes):');
    console.table(byReason);
    return [
      row(
        `duplicate scan, ${total.toLocaleString('en')} contacts, PostgreSQL`,
        scan.ms / 1000,
        baseline.ms / 1000,
        's',
        `${foundTotal.toLocaleString('en')} of ${plantedTotal.toLocaleString('en')} planted pairs found; baseline: GROUP BY phone only; target ≤ 60 s`,
      ),
    ];
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
    if (!process.env.KEEP_DB) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

await runBenchmark('duplicates', () => main());
