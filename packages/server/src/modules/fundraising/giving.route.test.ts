import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSandboxCallback, type SandboxCallback } from '../../adapters/payments/index.ts';
import { getPage, postForm, testApp, type TestApp } from '../../testing/app.ts';
import { buildLiveCampaign, buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { expireOrders } from './expire.ts';
import { givingDeps } from './giving.ts';
import { postSandboxCallback, sandboxCallback } from '../../testing/sandbox-payments.ts';

let t: TestApp;
let o: TestOrg;
let campaignId: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  ({ id: campaignId } = await buildLiveCampaign(o, 'lunch'));
});
afterAll(() => t?.close());

const page = (url: string) => getPage(t, url);
const form = (url: string, fields: Record<string, string>) => postForm(t, url, fields);
const submitTokenOf = (html: string) => /name="submitToken" value="([^"]+)"/.exec(html)![1]!;

async function waitForOrder(orderNo: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const res = await page(`/api/give/orders/${orderNo}`);
    if (res.json().status === status) return res.json();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`order ${orderNo} never became ${status}`);
}

const orderRow = async (orderNo: string) => {
  const result = (await t.deps.db.execute(
    sql`select * from donation_orders where order_no = ${orderNo}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  return result.rows[0]!;
};
const giftCount = async () => {
  const result = (await t.deps.db.execute(
    sql`select count(*) as n from gifts where org_id = ${o.org.id} and campaign = 'lunch'`,
  )) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]!.n);
};

/** A gift started through the JSON API: its order number and sandbox payment id. */
async function startViaApi(fields: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/lunch`,
    payload: {
      submitToken: `tok_${Math.random().toString(36).slice(2)}_${Date.now()}`,
      amount: '20',
      provider: 'sandbox',
      name: '李四',
      phone: '13912345678',
      ...fields,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { orderNo: body.order.orderNo as string, paymentId: (body.next.url as string).split('/').pop()!, body };
}

const callback = (overrides: Partial<SandboxCallback> & { orderNo: string }) =>
  signSandboxCallback(t.deps.config.SECRET_KEY, sandboxCallback({ amount: 2000, ...overrides }), new Date());
const notify = (request: { headers: Record<string, unknown>; rawBody: string }) => postSandboxCallback(t, request);

describe('giving on the public page, with the sandbox provider', () => {
  it('form → pay page → signed callback → thanks, with the gift, contact, consent and ledger entry recorded once', async () => {
    const shown = await page(`/c/${o.slug}/lunch`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('一顿热午餐');
    expect(shown.body).toContain('<svg'); // the share QR code
    const submitToken = submitTokenOf(shown.body);
    const fields = {
      submitToken,
      amount: 'other',
      otherAmount: '88.80',
      frequency: 'once',
      name: '王小明',
      phone: '138 0013 8000',
      email: '',
      consentSms: 'on',
      provider: 'sandbox',
      dedicationKind: 'memory',
      dedicationName: '外婆',
    };
    const posted = await form(`/c/${o.slug}/lunch/give`, fields);
    expect(posted.statusCode).toBe(303);
    const payUrl = new URL(posted.headers.location as string);
    expect(payUrl.pathname).toMatch(/^\/sandbox-pay\/sbx_/);
    // A double submit (the same form token) leads to the same payment, never a second order.
    const again = await form(`/c/${o.slug}/lunch/give`, fields);
    expect(again.headers.location).toBe(posted.headers.location);

    const payPage = await page(payUrl.pathname);
    expect(payPage.body).toContain('¥88.80');
    const paid = await form(payUrl.pathname, { decision: 'pay' });
    expect(paid.statusCode).toBe(303);
    const orderNo = (paid.headers.location as string).split('/').pop()!.split('?')[0]!;
    const order = await waitForOrder(orderNo, 'paid');
    expect(order).toMatchObject({ amount: 8880, currency: 'CNY', status: 'paid' });
    expect(order.trackingCode).toMatch(/^[0-9A-F]{16}$/);

    const thanks = await page(`/give/${orderNo}`);
    expect(thanks.body).toContain('捐赠成功');
    expect(thanks.body).toContain(order.trackingCode);
    expect((await page(`/t/${order.trackingCode}`)).statusCode).toBe(200);

    const row = await orderRow(orderNo);
    const contact = await o.owner.get(`/api/orgs/${o.slug}/contacts/${row.contact_id}`);
    expect(contact.body).toMatchObject({ name: '王小明', phone: '+8613800138000', source: 'online_giving' });
    const consents = await o.owner.get(`/api/orgs/${o.slug}/contacts/${row.contact_id}/consents`);
    expect(consents.body.current).toEqual([
      expect.objectContaining({
        channel: 'sms',
        status: 'granted',
        source: 'form',
        evidence: expect.objectContaining({ type: 'form_submission', ref: orderNo }),
      }),
    ]);
    const gifts = await o.owner.get(`/api/orgs/${o.slug}/contacts/${row.contact_id}/gifts`);
    expect(gifts.body.items).toEqual([
      expect.objectContaining({
        amount: 8880,
        campaign: 'lunch',
        fund: 'lunch',
        source: 'online',
        channel: 'sandbox',
      }),
    ]);
    const totals = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/totals`);
    expect(totals.body).toMatchObject({ raised: 8880, gifts: 1, donors: 1, onlineOrders: { paid: 1 } });
    const after = await page(`/c/${o.slug}/lunch`);
    expect(after.body).toContain('王*');
    expect(after.body).not.toContain('王小明');
  });

  it('an anonymous donor shows as 爱心人士, and a second gift finds the same supporter by phone', async () => {
    const { orderNo } = await startViaApi({ name: '王小明', phone: '13800138000', anonymous: true, amount: 500 });
    await notify(callback({ orderNo, amount: 500 }));
    await waitForOrder(orderNo, 'paid');
    const rows = (await t.deps.db.execute(
      sql`select count(distinct contact_id) as n from donation_orders where status = 'paid' and org_id = ${o.org.id} and donor->>'name' = '王小明'`,
    )) as unknown as { rows: { n: number | string }[] };
    expect(Number(rows.rows[0]!.n)).toBe(1);
    expect((await page(`/c/${o.slug}/lunch`)).body).toContain('爱心人士');
  });

  it('writes orders that arrive together in one go, each once, a double submit finding its first order', async () => {
    const tokens = Array.from({ length: 12 }, (_, i) => `together_${i}_${Date.now()}`);
    // The first token is submitted three times at once, as a double tap does.
    const started = await Promise.all(
      [tokens[0], tokens[0], ...tokens].map((submitToken, i) => startViaApi({ submitToken, amount: String(10 + i) })),
    );
    const numbers = started.map((s) => s.orderNo);
    expect(new Set(numbers).size).toBe(tokens.length);
    expect(numbers[1]).toBe(numbers[0]);
    expect(numbers[2]).toBe(numbers[0]);
    const stored = (await t.deps.db.execute(
      sql`select submit_token, order_no from donation_orders
          where org_id = ${o.org.id} and submit_token in (select jsonb_array_elements_text(${JSON.stringify(tokens)}::jsonb))`,
    )) as unknown as { rows: { submit_token: string; order_no: string }[] };
    expect(stored.rows).toHaveLength(tokens.length);
    for (const [i, token] of tokens.entries()) {
      expect(stored.rows.find((r) => r.submit_token === token)!.order_no).toBe(numbers[i + 2]);
    }
  });

  it('refuses forged, tampered and mismatched callbacks, and counts a replay once', async () => {
    const { orderNo } = await startViaApi();
    const before = await giftCount();

    const forged = callback({ orderNo });
    const tampered = { ...forged, rawBody: forged.rawBody.replace('"amount":2000', '"amount":1') };
    expect((await notify(tampered)).statusCode).toBe(400);
    expect(
      (await notify({ ...forged, headers: { ...forged.headers, 'x-sandbox-signature': 'AAAA' } })).statusCode,
    ).toBe(400);

    // Authentic, but for a different amount or currency than the order: never recorded.
    expect((await notify(callback({ orderNo, amount: 1 }))).statusCode).toBe(400);
    expect((await notify(callback({ orderNo, currency: 'USD' }))).statusCode).toBe(400);
    expect(await giftCount()).toBe(before);
    expect((await orderRow(orderNo)).status).toBe('pending');

    const good = callback({ orderNo });
    expect((await notify(good)).statusCode).toBe(200);
    expect((await notify(good)).statusCode).toBe(200); // the provider's retry
    // A second, different payment of the same order is not a second gift.
    expect((await notify(callback({ orderNo }))).statusCode).toBe(400);
    expect(await giftCount()).toBe(before + 1);

    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?limit=100`);
    const refused = (audit.body.items as { action: string; data: { reason?: string } }[])
      .filter((e) => e.action === 'payment.refused')
      .map((e) => e.data.reason);
    expect(refused).toEqual(expect.arrayContaining(['amount-mismatch', 'currency-mismatch', 'paid-twice']));
  });

  it('records a callback that comes before the donor is back, and shows it when they arrive', async () => {
    const { orderNo } = await startViaApi();
    expect((await page(`/give/${orderNo}`)).body).toContain('正在确认支付结果');
    await notify(callback({ orderNo }));
    const shown = await page(`/give/${orderNo}?lang=en`);
    expect(shown.body).toContain('Thank you for your gift');
  });

  it('expires an unpaid order: its form cannot be resumed, its pay page refuses, a late payment still counts', async () => {
    const token = `late_${Date.now()}`;
    const { orderNo, paymentId } = await startViaApi({ submitToken: token });
    const expired = await expireOrders(givingDeps(t.deps), new Date(Date.now() + 31 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await orderRow(orderNo)).status).toBe('expired');
    expect((await page(`/sandbox-pay/${paymentId}`)).body).toContain('已经不能支付');
    const resumed = await t.app.inject({
      method: 'POST',
      url: `/api/give/${o.slug}/lunch`,
      payload: { submitToken: token, amount: '20', provider: 'sandbox', name: '李四', phone: '13912345678' },
    });
    expect(resumed.statusCode).toBe(201);
    expect(resumed.json()).toMatchObject({ order: { status: 'expired' }, next: null });
    // The money arrived after all (the provider's close raced the donor): it is recorded, once.
    const before = await giftCount();
    expect((await notify(callback({ orderNo }))).statusCode).toBe(200);
    expect(await giftCount()).toBe(before + 1);
  });

  it('answers bad form input on the page, next to the field, and keeps what was typed', async () => {
    const shown = await page(`/c/${o.slug}/lunch`);
    const base = { submitToken: submitTokenOf(shown.body), provider: 'sandbox', name: '<script>x</script>' };
    const cases: [Record<string, string>, string][] = [
      [{ amount: 'other', otherAmount: '88.888', phone: '13800138000' }, '最多两位小数'],
      [{ amount: 'other', otherAmount: '0.50', phone: '13800138000' }, '不能少于 ¥1.00'],
      [{ amount: 'other', otherAmount: '20000', phone: '13800138000' }, '不能超过 ¥10,000.00'],
      [{ amount: '500', phone: '12345' }, '手机号格式不对'],
      [{ amount: '500' }, '手机号或电子邮箱'],
      [{ amount: '500', phone: '13800138000', frequency: 'weekly' }, '本项目只接受单次捐赠'],
    ];
    for (const [fields, message] of cases) {
      const res = await form(`/c/${o.slug}/lunch/give`, { ...base, ...fields });
      expect(res.statusCode, message).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(res.body).not.toContain('<script>x</script>');
    }
    const orders = (await t.deps.db.execute(
      sql`select count(*) as n from donation_orders where submit_token = ${base.submitToken}`,
    )) as unknown as { rows: { n: number | string }[] };
    expect(Number(orders.rows[0]!.n)).toBe(0);
  });

  it('keeps the page light, loads nothing from elsewhere, and offers a frameable widget', async () => {
    const shown = await page(`/c/${o.slug}/lunch`);
    // Before images, the page is its HTML with inline CSS and no script: well under 50 KB.
    expect(Buffer.byteLength(shown.body)).toBeLessThan(50_000);
    expect(shown.body).not.toMatch(/<script|<link[^>]+stylesheet|(src|href)="(https?:)?\/\//);
    expect(shown.headers['x-frame-options']).toBe('SAMEORIGIN');
    const widget = await page(`/c/${o.slug}/lunch/widget`);
    expect(widget.statusCode).toBe(200);
    expect(widget.headers['x-frame-options']).toBeUndefined();
    expect(widget.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(widget.body).toContain('一顿热午餐');
    expect(widget.body).toContain('target="_top"');
    expect(widget.body).toContain('已筹');
    const english = await page(`/c/${o.slug}/lunch/widget?lang=en`);
    expect(english.statusCode).toBe(200);
    expect(english.body).toMatch(/<html lang="en/);
    expect(english.body).toMatch(/¥[\d,.]+ raised/);
    expect(english.body).toMatch(/\d+ donors?/);
    expect(english.body).not.toContain('已筹');
    expect((await page(`/c/${o.slug}/nothing/widget`)).statusCode).toBe(404);
  });

  it('takes no gifts for a closed campaign, and hides drafts from the public', async () => {
    const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, {
      slug: 'winter',
      name: '冬衣',
      budgetLines: [],
    });
    const draft = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
      plan: testPlan,
      slug: 'winter-coats',
      projectId: project.body.id,
      copy: { title: '冬衣' },
    });
    expect((await page(`/c/${o.slug}/winter-coats`)).statusCode).toBe(404);
    const id = draft.body.id;
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`);
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' });
    const shown = await page(`/c/${o.slug}/winter-coats`);
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/close`);
    const closed = await page(`/c/${o.slug}/winter-coats`);
    expect(closed.body).toContain('本次募捐已结束');
    const res = await form(`/c/${o.slug}/winter-coats/give`, {
      submitToken: submitTokenOf(shown.body),
      amount: '2000',
      provider: 'sandbox',
      name: '赵六',
      phone: '13800138001',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('本次募捐已结束');
    expect(res.body).not.toContain('name="submitToken"');
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/give/${o.slug}/winter-coats`,
      payload: {
        submitToken: 'closed_campaign_token_1',
        amount: 2000,
        provider: 'sandbox',
        name: '赵六',
        phone: '13800138001',
      },
    });
    expect(api.statusCode).toBe(409);
    expect(api.json().error.code).toBe('CAMPAIGN_NOT_OPEN');
  });
});
