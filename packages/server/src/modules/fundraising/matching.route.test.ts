import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSandboxCallback } from '../../adapters/payments/index.ts';
import { systemContext } from '../../http/system-context.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { postSandboxCallback, sandboxCallback } from '../../testing/sandbox-payments.ts';
import { matchGift } from './matching.ts';
import { campaignBySlug } from './repo.ts';

let t: TestApp;
let o: TestOrg;
let campaignId: number;
let sponsorId: number;
let serial = 0;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, { slug: 'water', name: '净水', budgetLines: [] });
  const created = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
    plan: testPlan,
    slug: 'clean-water',
    projectId: project.body.id,
    copy: { title: '一口干净的水' },
    presetAmounts: [1000],
  });
  campaignId = created.body.id;
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/submit`);
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/review`, { decision: 'approve' });
  sponsorId = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { kind: 'organization', name: '爱心科技有限公司' }))
    .body.id;
});
afterAll(() => t?.close());

const openFund = (body: Record<string, unknown>) =>
  o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`, {
    sponsorContactId: sponsorId,
    sponsorName: '爱心企业',
    receivedAt: new Date().toISOString(),
    ...body,
  });

/** A paid gift: order through the API, then the provider's signed callback. */
async function give(amount: number, phone: string) {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/clean-water`,
    payload: { submitToken: `m_${++serial}_${Date.now()}`, amount, provider: 'sandbox', name: '捐赠人', phone },
  });
  expect(started.statusCode, started.body).toBe(201);
  const orderNo = started.json().order.orderNo as string;
  const callback = signSandboxCallback(
    t.deps.config.SECRET_KEY,
    sandboxCallback({ id: `evt_${orderNo}`, orderNo, transactionId: `tx_${orderNo}`, amount }),
    new Date(),
  );
  return { orderNo, callback };
}
const notify = (c: { headers: Record<string, unknown>; rawBody: string }) => postSandboxCallback(t, c);

describe('matching funds (配捐)', () => {
  it('never matches past the cap when the last yuan is raced for by concurrent gifts', async () => {
    const fund = await openFund({ cap: 10_000, ratio: { numerator: 1, denominator: 1 } });
    expect(fund.status, JSON.stringify(fund.body)).toBe(201);
    // 30 gifts of ¥10 against a ¥100 pool: started first, then confirmed all at once.
    const gifts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => give(1000, `1380000${String(i).padStart(4, '0')}`)),
    );
    const answers = await Promise.all(gifts.map((g) => notify(g.callback)));
    expect(answers.map((a) => a.statusCode)).toEqual(gifts.map(() => 200));

    const funds = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`);
    expect(funds.body[0]).toMatchObject({ cap: 10_000, matched: 10_000, remaining: 0 });
    const rows = (await t.deps.db.execute(
      sql`select count(*) as n, sum(amount) as total from matches where org_id = ${o.org.id}`,
    )) as unknown as { rows: { n: number | string; total: number | string }[] };
    expect(Number(rows.rows[0]!.total)).toBe(10_000);
    expect(Number(rows.rows[0]!.n)).toBe(10);
    // Each match is an allocation of the sponsor's gift to the project, in the ledger.
    const drawn = (await t.deps.db.execute(
      sql`select coalesce(sum(s.amount), 0) as drawn from allocation_sources s
          where s.org_id = ${o.org.id} and s.gift_id = ${funds.body[0].giftId}`,
    )) as unknown as { rows: { drawn: number | string }[] };
    expect(Number(drawn.rows[0]!.drawn)).toBe(10_000);
    const totals = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/totals`);
    expect(totals.body).toMatchObject({ raised: 30_000, matched: 10_000, gifts: 30 });

    const page = await t.app.inject({ url: `/c/${o.slug}/clean-water` });
    expect(page.body).toContain('爱心企业 配捐 1:1');
    expect(page.body).toContain('含配捐 ¥100.00');
    expect(page.body).toContain('配捐额度已用完');
  });

  it('decides matches in separate transactions at once: the cap holds, and the last gift gets what is left', async () => {
    // The callbacks above are recorded in batches, one after another; here each gift's match is
    // decided in its own transaction, all at the same time (on PostgreSQL, truly concurrently).
    const funds = async () => (await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`)).body;
    for (const f of await funds())
      await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds/${f.id}`, { active: false });
    const gifts = [];
    for (let i = 0; i < 12; i++) {
      const { orderNo, callback } = await give(3_000, `1370000${String(i).padStart(4, '0')}`);
      await notify(callback);
      const [gift] = (
        (await t.deps.db.execute(
          sql`select g.id, g.amount, g.contact_id, g.received_at from gifts g
              join donation_orders d on d.org_id = g.org_id and d.gift_id = g.id
              where d.org_id = ${o.org.id} and d.order_no = ${orderNo}`,
        )) as unknown as { rows: { id: number; amount: number; contact_id: number; received_at: string }[] }
      ).rows;
      gifts.push({
        id: Number(gift!.id),
        amount: Number(gift!.amount),
        contactId: Number(gift!.contact_id),
        receivedAt: new Date(gift!.received_at),
      });
    }
    const fund = await openFund({ cap: 10_000, ratio: { numerator: 1, denominator: 1 } });
    expect(fund.status, JSON.stringify(fund.body)).toBe(201);
    const ctx = await systemContext(t.deps.db, { id: o.org.id }, 'test');
    const campaign = (await campaignBySlug(t.deps.db, o.org.id, 'clean-water'))!;
    const made = await Promise.all(
      gifts.map((gift) => t.deps.db.transaction((tx) => matchGift(tx, ctx, campaign, gift))),
    );
    // ¥100 at 1:1 for twelve gifts of ¥30: three whole matches, then the ¥10 left, then nothing.
    expect(
      made
        .flat()
        .map((m) => m.amount)
        .sort((a, b) => a - b),
    ).toEqual([1_000, 3_000, 3_000, 3_000]);
    expect((await funds()).find((f: { id: number }) => f.id === fund.body.id)).toMatchObject({
      matched: 10_000,
      remaining: 0,
    });
  });

  it('keeps to the ratio, the per-donor cap and the dates; a paused fund matches nothing', async () => {
    const fund = await openFund({ cap: 100_000, ratio: { numerator: 1, denominator: 2 }, perDonorCap: 3_000 });
    const id = fund.body.id;
    const first = await give(3_333, '13900000001');
    await notify(first.callback);
    const second = await give(10_000, '13900000001');
    await notify(second.callback);
    const matched = (await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`)).body.find(
      (f: { id: number }) => f.id === id,
    );
    // ¥33.33 × 1/2 = ¥16.66 (whole fen, rounded down); then ¥13.34 more reaches the donor's ¥30 cap.
    expect(matched.matched).toBe(1_666 + 1_334);

    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds/${id}`, { active: false });
    const third = await give(2_000, '13900000002');
    await notify(third.callback);
    const paused = (await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`)).body.find(
      (f: { id: number }) => f.id === id,
    );
    expect(paused).toMatchObject({ matched: 3_000, active: false });
  });

  it("keeps to the per-day cap across donors, and counts each donor's own matches for the per-donor cap", async () => {
    const fund = await openFund({ cap: 100_000, ratio: { numerator: 1, denominator: 1 }, perDayCap: 1_500 });
    const id = fund.body.id;
    for (const phone of ['13900000011', '13900000012', '13900000013'])
      await notify((await give(1_000, phone)).callback);
    const matched = (await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds`)).body.find(
      (f: { id: number }) => f.id === id,
    );
    // ¥10 for the first donor, the day's last ¥5 for the second, nothing for the third.
    expect(matched.matched).toBe(1_500);
    const perGift = (await t.deps.db.execute(
      sql`select amount from matches where org_id = ${o.org.id} and matching_fund_id = ${id} order by id`,
    )) as unknown as { rows: { amount: number | string }[] };
    expect(perGift.rows.map((r) => Number(r.amount))).toEqual([1_000, 500]);
    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${campaignId}/matching-funds/${id}`, { active: false });
  });

  it('refuses a fund for a contact of another organization, and bad ratios', async () => {
    const other = await buildOrg(t);
    const stranger = (await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '外人' })).body.id;
    const foreign = await openFund({ cap: 1000, sponsorContactId: stranger });
    expect(foreign.status).toBe(404);
    const ratio = await openFund({ cap: 1000, ratio: { numerator: 0, denominator: 1 } });
    expect(ratio.status).toBe(400);
    expect(ratio.body.error.fields[0].path).toBe('body.ratio.numerator');
  });
});
