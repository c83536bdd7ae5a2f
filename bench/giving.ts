/**
 * Online giving over HTTP (issue 4): donation intake end to end and the campaign page, against the
 * product as it runs (`commonweal start` in its own process, NODE_ENV=production, PostgreSQL, job
 * workers and ledger integrator running, the demo organization and its live campaign).
 *
 * One donation is what a donor's phone and the provider do: POST /api/give/<org>/<campaign> (the
 * order), then the provider's signed callback to /api/payments/sandbox/notify, which records the
 * contact, consent, gift, match, receipt and the gift's ledger entry in one transaction. Every donor
 * is new (a new phone) and comes from their own address, as on a campaign day. Afterwards the
 * benchmark checks that every gift, receipt and ledger entry exists and times until a signed
 * checkpoint covers them all.
 *
 * Baseline (the issue's): a bare Fastify route doing one INSERT (bench/bare-insert-server.ts), loaded
 * the same way in the same run. The load generator runs in this process, on the same 2 cores.
 *
 * Targets: >= 1,000 donations/s; p99 <= 100 ms at 300 donations/s; campaign page >= 2,000 requests/s.
 *
 *   node --import tsx bench/giving.ts            SCALE=5000 for a quick run (donations in the throughput run)
 */
import { randomBytes } from 'node:crypto';
import { DEMO_CAMPAIGN, DEMO_SLUG } from '../packages/server/src/demo/index.ts';
import { bareInsert, donate, getPage } from './giving-client.ts';
import { closedLoop, httpClient, openLoop, type HttpClient } from './http-load.ts';
import { median, percentile, row, runBenchmark, sampleRss } from './lib.ts';
import { productAndBaseline } from './processes.ts';

const SECRET_KEY = randomBytes(32).toString('hex');
const WORKERS = Number(process.env.WORKERS ?? 64);
const RATE = 300;
const RATE_SECONDS = 10;
const PAGE_REQUESTS = Number(process.env.PAGE_REQUESTS ?? 20_000);
const run = randomBytes(4).toString('hex');

const treeSize = async (client: HttpClient) => {
  const response = await client.request('GET', '/ledger/checkpoint');
  return response.status === 200 ? Number(response.body.split('\n')[1]) : 0;
};

const ms = (n: number) => Math.round(n * 10) / 10;

await runBenchmark('giving', async (ctx) => {
  const donations = Math.min(ctx.scale(20_000), 100_000);
  ctx.log('starting the server (demo seed on first start)');
  const product = await productAndBaseline('giving', SECRET_KEY);
  const { count } = product;
  try {
    const ours = httpClient(product.baseUrl, WORKERS);
    const baseline = httpClient(product.bareUrl, WORKERS);
    const giftsBefore = await count("select count(*) as n from gifts where channel = 'sandbox'");

    ctx.log('warming up');
    await closedLoop(500, WORKERS, (i) => donate(ours, SECRET_KEY, run, i, 'warm'));
    await closedLoop(500, WORKERS, (i) => bareInsert(baseline, i));

    ctx.log(`${donations} donations, ${WORKERS} at a time`);
    const rss = sampleRss();
    const intake = await closedLoop(donations, WORKERS, (i) => donate(ours, SECRET_KEY, run, i, 'load'));
    const loadEnded = performance.now();
    const entries = await count('select count(*) as n from ledger_entries');
    let size = await treeSize(ours);
    while (size < entries) {
      if (performance.now() - loadEnded > 120_000)
        throw new Error(`checkpoint at ${size} of ${entries} entries after 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      size = await treeSize(ours);
    }
    const toCheckpoint = (performance.now() - loadEnded) / 1000;
    const gifts = (await count("select count(*) as n from gifts where channel = 'sandbox'")) - giftsBefore;
    const receipts = await count(
      "select count(*) as n from receipts r join gifts g on g.id = r.gift_id where g.channel = 'sandbox'",
    );
    if (gifts !== donations + 500) throw new Error(`${gifts} gifts recorded for ${donations + 500} donations`);
    if (receipts < gifts) throw new Error(`${receipts} receipts for ${gifts} gifts`);
    const bareRun = await closedLoop(donations, WORKERS, (i) => bareInsert(baseline, i));
    ctx.log(`intake ${Math.round(intake.perSecond)}/s, bare insert ${Math.round(bareRun.perSecond)}/s`);

    ctx.log(`${RATE} donations/s for ${RATE_SECONDS} s`);
    const paced = await openLoop(RATE, RATE_SECONDS, (i) => donate(ours, SECRET_KEY, run, i, 'paced'));
    const pacedBare = await openLoop(RATE, RATE_SECONDS, (i) => bareInsert(baseline, 1_000_000 + i));
    // Latency within what the server sustains, without the queueing of a rate beyond it.
    const gentle = Math.max(5, Math.floor(intake.perSecond / 2));
    const calm = await openLoop(gentle, RATE_SECONDS, (i) => donate(ours, SECRET_KEY, run, i, 'calm'));

    const pagePath = `/c/${DEMO_SLUG}/${DEMO_CAMPAIGN}`;
    ctx.log(`${PAGE_REQUESTS} requests for ${pagePath}, 32 at a time`);
    await closedLoop(500, 32, () => getPage(ours, pagePath));
    const page = await closedLoop(PAGE_REQUESTS, 32, () => getPage(ours, pagePath));
    const pageBare = await closedLoop(PAGE_REQUESTS, 32, (i) => bareInsert(baseline, 2_000_000 + i));
    const peak = rss.stop();
    ours.close();
    baseline.close();

    return [
      row(
        'donation intake over HTTP, PostgreSQL',
        intake.perSecond,
        bareRun.perSecond,
        'donations/s',
        `${donations.toLocaleString('en')} new donors, ${WORKERS} at a time; order + signed callback (contact, consent, gift, match, receipt, ledger entry); all in a signed checkpoint ${toCheckpoint.toFixed(1)} s after the last; baseline: bare Fastify INSERT route; target ≥ 1,000 (higher is better)`,
      ),
      row(
        `donation latency p99 at ${RATE}/s`,
        ms(percentile(paced.latencies, 99)),
        ms(percentile(pacedBare.latencies, 99)),
        'ms',
        `median ${ms(median(paced.latencies))} ms (baseline ${ms(median(pacedBare.latencies))} ms); order and callback, from the scheduled start; target ≤ 100`,
      ),
      row(
        `donation latency p99 at ${gentle}/s (half the intake rate)`,
        ms(percentile(calm.latencies, 99)),
        ms(percentile(pacedBare.latencies, 99)),
        'ms',
        `median ${ms(median(calm.latencies))} ms; baseline: the bare INSERT route at ${RATE}/s`,
      ),
      row(
        'campaign page, PostgreSQL',
        page.perSecond,
        pageBare.perSecond,
        'requests/s',
        `GET ${pagePath}, 32 at a time, p99 ${ms(percentile(page.latencies, 99))} ms; baseline: the bare INSERT route; load generator RSS ${Math.round(peak)} MB; target ≥ 2,000 (higher is better)`,
      ),
    ];
  } finally {
    await product.stop();
  }
});
