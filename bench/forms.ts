/**
 * Form submissions over HTTP (issue 5): POST /api/forms/<org>/<form> against the product as it runs
 * (`commonweal start`, NODE_ENV=production, PostgreSQL, the demo organization). Every submitter is new
 * (a new phone, from their own address), so each answer is checked, stored, and becomes a contact
 * with the form's tag, an SMS consent, a timeline line and an audit event, in one transaction.
 *
 * Baseline (the issue's, shared with the giving benchmark): a bare Fastify route doing one INSERT
 * (bench/bare-insert-server.ts), loaded the same way in the same run.
 *
 * Target: >= 1,000 submissions/s.
 *
 *   node --import tsx bench/forms.ts            SCALE=3000 for a quick run (submissions)
 */
import { randomBytes } from 'node:crypto';
import { DEMO_SLUG } from '../packages/server/src/demo/index.ts';
import { bareInsert } from './giving-client.ts';
import { closedLoop, httpClient, type HttpClient } from './http-load.ts';
import { median, percentile, row, runBenchmark } from './lib.ts';
import { productAndBaseline } from './processes.ts';

const WORKERS = Number(process.env.WORKERS ?? 64);
const FORM = 'bench-signup';

const fields = [
  { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
  { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
  { key: 'day', type: 'single', label: '可以参加的日期', options: ['周六', '周日'], required: true },
  { key: 'sms', type: 'consent', label: '同意接收短信通知', consent: { channel: 'sms', purpose: 'volunteering' } },
];

async function submit(client: HttpClient, run: string, i: number) {
  const response = await client.request(
    'POST',
    `/api/forms/${DEMO_SLUG}/${FORM}`,
    JSON.stringify({
      answers: {
        name: `志愿者${run}${i}`,
        phone: `137${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`,
        day: i % 2 ? '周六' : '周日',
        sms: 'on',
      },
    }),
    { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
  );
  if (response.status !== 201) throw new Error(`submission ${response.status}: ${response.body.slice(0, 300)}`);
}

const ms = (n: number) => Math.round(n * 10) / 10;

await runBenchmark('forms', async (ctx) => {
  const submissions = Math.min(ctx.scale(20_000), 100_000);
  const run = randomBytes(3).toString('hex');
  ctx.log('starting the server (demo seed on first start)');
  const product = await productAndBaseline('forms', randomBytes(32).toString('hex'));
  const { sql, count } = product;
  try {
    await sql.query(
      `insert into forms (org_id, slug, title, fields, settings, status)
       select id, $1, '志愿者报名', $2::jsonb, $3::jsonb, 'open' from organizations where slug = $4`,
      [FORM, JSON.stringify(fields), JSON.stringify({ tags: ['志愿者'] }), DEMO_SLUG],
    );
    const ours = httpClient(product.baseUrl, WORKERS);
    const baseline = httpClient(product.bareUrl, WORKERS);

    ctx.log('warming up');
    await closedLoop(300, WORKERS, (i) => submit(ours, `${run}w`, 50_000_000 + i));
    await closedLoop(300, WORKERS, (i) => bareInsert(baseline, i));

    ctx.log(`${submissions} submissions, ${WORKERS} at a time`);
    const contactsBefore = await count('select count(*) as n from contacts');
    const consentsBefore = await count("select count(*) as n from consents where source = 'form'");
    const load = await closedLoop(submissions, WORKERS, (i) => submit(ours, run, i));
    const bareRun = await closedLoop(submissions, WORKERS, (i) => bareInsert(baseline, 1_000_000 + i));
    const added = (await count('select count(*) as n from contacts')) - contactsBefore;
    const consents = (await count("select count(*) as n from consents where source = 'form'")) - consentsBefore;
    if (added !== submissions) throw new Error(`${added} contacts for ${submissions} submissions`);
    if (consents !== submissions) throw new Error(`${consents} consents for ${submissions} submissions`);
    ctx.log(`forms ${Math.round(load.perSecond)}/s, bare insert ${Math.round(bareRun.perSecond)}/s`);
    ours.close();
    baseline.close();
    return [
      row(
        'form submissions over HTTP, PostgreSQL',
        load.perSecond,
        bareRun.perSecond,
        'submissions/s',
        `${submissions.toLocaleString('en')} new people, ${WORKERS} at a time; each checked, a new contact with tag, SMS consent, timeline line and audit event; p99 ${ms(percentile(load.latencies, 99))} ms (median ${ms(median(load.latencies))}); baseline: bare Fastify INSERT route; target ≥ 1,000 (higher is better)`,
      ),
    ];
  } finally {
    await product.stop();
  }
});
