/**
 * Contact search at scale: builds SCALE contacts (default 1,000,000) in a fresh PostgreSQL database,
 * then times the list endpoint's service call (search + keyset page + summaries: tags, giving) for
 * searches by name prefix, pinyin, initials and phone, beside a same-run baseline: the bare indexed
 * lookup of the same key with no application layer. Target: p95 <= 50 ms.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/search.ts
 *   SCALE=100000 ... for a quick run; RUNS=200 queries per kind; KEEP_DB=1 keeps the database.
 */
import { systemClock } from '../packages/server/src/adapters/clock.ts';
import { listContacts } from '../packages/server/src/modules/segments/service.ts';
import { row, runBenchmark, type BenchRow } from './lib.ts';
import { benchDatabase, generateContacts, generateGifts, measure, ms, timed } from './supporters-data.ts';

const SCALE = Number(process.env.SCALE ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 200);

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function main(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const db = await benchDatabase('cw_bench_search');
  try {
    const server = (await db.client.query('show server_version')).rows[0].server_version;
    console.log(
      `Contact search benchmark: ${SCALE.toLocaleString('en')} contacts, PostgreSQL ${server}, ${RUNS} queries per kind`,
    );
    await timed('generate contacts', () => generateContacts(db, SCALE));
    await timed(`generate ${(SCALE * 2).toLocaleString('en')} gifts (list rows show giving)`, () =>
      generateGifts(db, SCALE * 2),
    );
    await timed('vacuum analyze', () => db.client.query('vacuum analyze'));

    // Search terms drawn from the data itself, so every kind has realistic hit counts.
    const { rows: sample } = await db.client.query<{
      name: string;
      name_pinyin: string;
      name_initials: string;
      phone: string | null;
    }>(`select name, name_pinyin, name_initials, phone from contacts where org_id = $1 and id % $2 = 0 limit $3`, [
      db.orgId,
      Math.max(1, Math.floor(SCALE / (RUNS * 2))),
      RUNS * 2,
    ]);
    const pickRow = () => sample[Math.floor(random() * sample.length)]!;
    const phones = sample.flatMap((r) => (r.phone ? [r.phone] : []));
    const pickPhone = () => phones[Math.floor(random() * phones.length)]!;
    const terms = (make: () => string) => Array.from({ length: RUNS + 5 }, make);
    const kinds: { label: string; terms: string[]; baseline: (term: string) => [string, unknown[]] }[] = [
      {
        label: 'name, 1 character (王)',
        terms: terms(() => [...pickRow().name][0]!),
        baseline: (t) => [
          `select id from contacts where org_id = $1 and left(name, 1) = $2 order by name_pinyin using ~<~ limit 51`,
          [t],
        ],
      },
      {
        label: 'name, 2 characters (王伟)',
        terms: terms(() => [...pickRow().name].slice(0, 2).join('')),
        baseline: (t) => [
          `select id from contacts where org_id = $1 and merged_into_id is null and erased_at is null and name like $2 order by name_pinyin using ~<~ limit 51`,
          [`${t}%`],
        ],
      },
      {
        label: 'pinyin prefix (zhangw)',
        terms: terms(() => {
          const p = pickRow().name_pinyin;
          return p.slice(0, Math.min(p.length, 4 + Math.floor(random() * 4)));
        }),
        baseline: (t) => [
          `select id from contacts where org_id = $1 and name_pinyin like $2 order by name_pinyin using ~<~ limit 51`,
          [`${t}%`],
        ],
      },
      {
        label: 'pinyin initials (zsf)',
        terms: terms(() => pickRow().name_initials),
        baseline: (t) => [
          `select id from contacts where org_id = $1 and merged_into_id is null and erased_at is null and name_initials like $2 order by name_pinyin using ~<~ limit 51`,
          [`${t}%`],
        ],
      },
      {
        label: 'phone, last 4 digits',
        terms: terms(() => pickPhone().slice(-4)),
        baseline: (t) => [
          `select id from contacts where org_id = $1 and reverse(phone) like $2 limit 51`,
          [`${[...t].reverse().join('')}%`],
        ],
      },
      {
        label: 'phone, first 7 digits',
        terms: terms(() => pickPhone().slice(3, 10)),
        baseline: (t) => [`select id from contacts where org_id = $1 and phone like $2 limit 51`, [`+86${t}%`]],
      },
      {
        label: 'phone, whole number',
        terms: terms(() => pickPhone().slice(3)),
        baseline: (t) => [`select id from contacts where org_id = $1 and phone = $2 limit 51`, [`+86${t}`]],
      },
    ];

    const deps = { db: db.database.db, clock: systemClock };
    const page = { sort: 'name' as const, limit: 50 };
    const results: Record<string, string>[] = [];
    const all: number[] = [];
    console.log('Runs:');
    for (const kind of kinds) {
      const base = await measure(RUNS, (i) => {
        const [text, values] = kind.baseline(kind.terms[i]!);
        return db.client.query(text, [db.orgId, ...values]);
      });
      let hits = 0;
      const app = await measure(RUNS, async (i) => {
        const result = await listContacts(deps, db.ctx, { q: kind.terms[i]! }, page);
        if (i < RUNS) hits += result.items.length;
      });
      all.push(app.p95);
      rows.push(
        row(
          `search p95, ${kind.label}, ${SCALE.toLocaleString('en')} contacts`,
          app.p95,
          base.p95,
          'ms',
          `median ${ms(app.median)}; baseline: the bare indexed lookup; target ≤ 50 ms`,
        ),
      );
      results.push({
        search: kind.label,
        'baseline median': ms(base.median),
        'baseline p95': ms(base.p95),
        'Commonweal median': ms(app.median),
        'Commonweal p95': ms(app.p95),
        'Commonweal max': ms(app.max),
        'avg rows/page': (hits / RUNS).toFixed(1),
      });
      console.log(`  ${kind.label}: p95 ${ms(app.p95)}`);
    }
    // Browsing: the first page and a deep page of the whole list, and the count.
    const first = await listContacts(deps, db.ctx, {}, page);
    let cursor = first.nextCursor;
    for (let i = 0; i < 200 && cursor; i++)
      cursor = (await listContacts(deps, db.ctx, {}, { ...page, cursor })).nextCursor;
    const deep = await measure(RUNS, () => listContacts(deps, db.ctx, {}, { ...page, cursor: cursor ?? undefined }));
    const firstPage = await measure(RUNS, () => listContacts(deps, db.ctx, {}, page));
    const baseFirst = await measure(RUNS, () =>
      db.client.query(`select id from contacts where org_id = $1 order by name_pinyin using ~<~, id limit 51`, [
        db.orgId,
      ]),
    );
    results.push({
      search: 'no search, first page',
      'baseline median': ms(baseFirst.median),
      'baseline p95': ms(baseFirst.p95),
      'Commonweal median': ms(firstPage.median),
      'Commonweal p95': ms(firstPage.p95),
      'Commonweal max': ms(firstPage.max),
      'avg rows/page': '50',
    });
    results.push({
      search: 'no search, page 201 (cursor)',
      'baseline median': '',
      'baseline p95': '',
      'Commonweal median': ms(deep.median),
      'Commonweal p95': ms(deep.p95),
      'Commonweal max': ms(deep.max),
      'avg rows/page': '50',
    });

    console.log('\nResults (baseline: the bare indexed lookup of the same key, ids only, no application layer;');
    console.log(' Commonweal: listContacts() = search branches, keyset page of 50, tags and giving per row)');
    console.table(results);
    console.log(`  worst search p95: ${ms(Math.max(...all))} (target <= 50 ms)`);
    rows.push(
      row('list p95, no search, first page', firstPage.p95, baseFirst.p95, 'ms', 'baseline: ids in pinyin order'),
    );
    rows.push(row('list p95, no search, page 201 (cursor)', deep.p95, null, 'ms'));
    return rows;
  } finally {
    await db.drop();
  }
}

await runBenchmark('search', () => main());
