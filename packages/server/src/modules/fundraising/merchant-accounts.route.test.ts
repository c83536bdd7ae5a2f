import { createSign, createVerify } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifySignContent, signContent } from '../../adapters/payments/alipay-sign.ts';
import { testKeys } from '../../adapters/payments/test-keys/test-keys.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import {
  fakeMerchant,
  fakeVendorEnv,
  fakeWechatPaySettings,
  startFakeVendors,
  wechatPaidNotice,
  type FakeVendors,
} from '../../testing/fake-vendors.ts';
import { buildLiveCampaign, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { expireOrders } from './expire.ts';
import { givingDeps } from './giving.ts';
import { readPaymentSettings } from './payment-settings.ts';

const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const WECHAT = `${PHONE} MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN`;
const alipayAppId = '2021000117600001';

let t: TestApp;
let vendors: FakeVendors;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  vendors = await startFakeVendors();
  t = await testApp({ env: fakeVendorEnv(vendors) });
  a = await buildOrg(t);
  b = await buildOrg(t);
  await buildLiveCampaign(a, 'water');
  await buildLiveCampaign(b, 'trees');
});
afterAll(async () => {
  await t?.close();
  await vendors?.close();
});

const settingsUrl = (o: TestOrg) => `/api/orgs/${o.slug}/payment-settings`;
const alipaySettings = () => ({
  appId: alipayAppId,
  appPrivateKey: testKeys.merchantPrivate,
  alipayPublicKey: testKeys.platformPublic,
});

let token = 0;
const give = (o: TestOrg, slug: string, body: Record<string, unknown>, userAgent = DESKTOP) =>
  t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/${slug}`,
    headers: { 'user-agent': userAgent },
    payload: {
      submitToken: `merchant-test-token-${++token}-xxxx`,
      amount: '88.80',
      name: '王小明',
      phone: '13800138000',
      ...body,
    },
  });

const postNotice = (
  url: string,
  notice: { headers: Record<string, string>; rawBody: string },
  type = 'application/json',
) =>
  t.app.inject({ method: 'POST', url, headers: { ...notice.headers, 'content-type': type }, payload: notice.rawBody });

const orderOf = async (orderNo: string) =>
  (
    (await t.deps.db.execute(
      sql`select status, gift_id, provider_payment_id from donation_orders where order_no = ${orderNo}`,
    )) as unknown as { rows: { status: string; gift_id: number | null; provider_payment_id: string | null }[] }
  ).rows[0]!;

const giftCount = async (o: TestOrg) =>
  (
    (await t.deps.db.execute(sql`select count(*)::int as n from gifts where org_id = ${o.org.id}`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]!.n;

describe('merchant accounts in 收款设置', () => {
  it('refuses keys that do not parse, at the field, and saves nothing', async () => {
    const bad = await a.owner.put(settingsUrl(a), {
      wechatPay: { ...fakeWechatPaySettings(), merchantPrivateKey: 'not a key' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toContainEqual(
      expect.objectContaining({ path: 'body.wechatPay.merchantPrivateKey' }),
    );
    const badPlatform = await a.owner.put(settingsUrl(a), {
      wechatPay: { ...fakeWechatPaySettings(), platformKeys: [{ serial: 'PUB_KEY_ID_0114', pem: 'garbage' }] },
    });
    expect(badPlatform.body.error.fields[0].path).toBe('body.wechatPay.platformKeys.0.pem');
    const noSecret = await a.owner.put(settingsUrl(a), {
      wechatPay: { ...fakeWechatPaySettings(), apiV3Key: undefined },
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.fields[0].path).toBe('body.wechatPay.apiV3Key');
    expect((await a.owner.get(settingsUrl(a))).body.wechatPay).toBeNull();
  });

  it('keeps the secrets sealed: never shown, never in the row or the audit log as text', async () => {
    const saved = await a.owner.put(settingsUrl(a), { wechatPay: fakeWechatPaySettings(), alipay: alipaySettings() });
    expect(saved.status).toBe(200);
    expect(saved.body.wechatPay).toMatchObject({ mchid: fakeMerchant.mchid, hasAppSecret: true, readable: true });
    expect(saved.body.alipay).toMatchObject({ appId: alipayAppId, readable: true });
    expect(saved.body.setup.wechatPayDirectory).toBe('https://give.example.org/give/');
    const shown = JSON.stringify(saved.body);
    const row = JSON.stringify(
      (await t.deps.db.execute(sql`select * from payment_settings where org_id = ${a.org.id}`)) as unknown,
    );
    const audit = JSON.stringify(
      (await t.deps.db.execute(
        sql`select data from audit_events where org_id = ${a.org.id} and action = 'payments.settings'`,
      )) as unknown,
    );
    for (const text of [shown, row, audit]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(fakeMerchant.apiV3Key);
      expect(text).not.toContain(fakeMerchant.appSecret);
    }
    expect(audit).toContain(fakeMerchant.mchid);

    // Saved again without the secrets (staff changed the serial only): the sealed keys stay.
    const { merchantPrivateKey: _key, apiV3Key: _v3, appSecret: _secret, ...publicParts } = fakeWechatPaySettings();
    const again = await a.owner.put(settingsUrl(a), { wechatPay: publicParts });
    expect(again.body.wechatPay).toMatchObject({ readable: true, hasAppSecret: true });
    expect(again.body.alipay.appId).toBe(alipayAppId);
  });

  it('says when the keys were sealed under another SECRET_KEY', async () => {
    const other = await readPaymentSettings(
      { db: t.deps.db, config: { ...t.deps.config, SECRET_KEY: 'another-secret-key-of-at-least-32-chars' } },
      a.org.id,
    );
    expect(other.wechatPay?.readable).toBe(false);
    expect(other.alipay?.readable).toBe(false);
  });

  it('tries the keys against the vendor, saying what is wrong before a donor meets it', async () => {
    const check = (o: TestOrg, provider: string) => o.owner.post(`${settingsUrl(o)}/check`, { provider });
    expect((await check(a, 'wechat')).body).toEqual({ ok: true, message: null });
    const c = await buildOrg(t);
    expect((await check(c, 'wechat')).body.ok).toBe(false);
    // Keys that parse but are not the merchant's: WeChat Pay refuses the signature.
    await c.owner.put(settingsUrl(c), {
      wechatPay: { ...fakeWechatPaySettings(), merchantPrivateKey: testKeys.strangerPrivate },
    });
    const refused = (await check(c, 'wechat')).body;
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('SIGN_ERROR');
  });

  it('lets only owners and admins change them', async () => {
    const fundraiser = await a.member('fundraiser');
    expect((await fundraiser.put(settingsUrl(a), { alipay: null })).status).toBe(403);
    expect((await b.owner.get(settingsUrl(a))).status).toBe(404);
  });

  it('offers WeChat Pay and Alipay on the campaign page once entered', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/c/${a.slug}/water` });
    expect(page.body).toContain('value="wechat"');
    expect(page.body).toContain('value="alipay"');
    const other = await t.app.inject({ method: 'GET', url: `/c/${b.slug}/trees` });
    expect(other.body).not.toContain('value="wechat"');
  });
});

describe('WeChat Pay under the organization’s own merchant account', () => {
  it('shows a desktop donor a Native QR code, signed to the spec, notified at the organization’s address', async () => {
    const started = await give(a, 'water', { provider: 'wechat' });
    expect(started.statusCode).toBe(201);
    const { order, next } = started.json();
    expect(next.kind).toBe('qr-code');
    expect(next.content).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const sent = vendors.wechatRequests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v3/pay/transactions/native', signatureValid: true });
    expect(sent.body).toMatchObject({
      mchid: fakeMerchant.mchid,
      appid: fakeMerchant.appid,
      out_trade_no: order.orderNo,
      amount: { total: 8880, currency: 'CNY' },
      notify_url: `https://give.example.org/api/payments/wechat/notify/${a.org.id}`,
    });
    const shown = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}`,
      headers: { 'user-agent': DESKTOP },
    });
    expect(shown.body).toContain('<svg');
    expect(shown.body).toContain('微信扫一扫');
  });

  it('records a verified notification once, and never one signed by another organization’s keys', async () => {
    const { order } = (await give(a, 'water', { provider: 'wechat' })).json();
    const notice = wechatPaidNotice({ orderNo: order.orderNo, amount: 8880 });

    // Organization B's admin entered keys of their own (here the same test keys) and signs a notice
    // about A's order: verified by B's keys, refused because the order is not B's.
    await b.owner.put(settingsUrl(b), { wechatPay: fakeWechatPaySettings() });
    const forged = await postNotice(`/api/payments/wechat/notify/${b.org.id}`, notice);
    expect(forged.statusCode).toBe(400);
    // The instance-wide address knows no WeChat Pay account.
    expect((await postNotice('/api/payments/wechat/notify', notice)).statusCode).toBe(404);
    expect((await orderOf(order.orderNo)).status).toBe('pending');

    const tampered = { ...notice, rawBody: notice.rawBody.replace('支付成功', '支付成功!') };
    expect((await postNotice(`/api/payments/wechat/notify/${a.org.id}`, tampered)).statusCode).toBe(400);

    const giftsBefore = await giftCount(a);
    const first = await postNotice(`/api/payments/wechat/notify/${a.org.id}`, notice);
    expect(first.statusCode).toBe(204);
    const replay = await postNotice(`/api/payments/wechat/notify/${a.org.id}`, notice);
    expect(replay.statusCode).toBe(204);
    const row = await orderOf(order.orderNo);
    expect(row.status).toBe('paid');
    expect(row.gift_id).not.toBeNull();
    expect(await giftCount(a)).toBe(giftsBefore + 1);
  });

  it('sends a phone browser to H5 payment with the donor’s address', async () => {
    const form = await t.app.inject({ method: 'GET', url: `/c/${a.slug}/water`, headers: { 'user-agent': PHONE } });
    const submitToken = /name="submitToken" value="([^"]+)"/.exec(form.body)![1]!;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/c/${a.slug}/water/give`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': PHONE },
      payload: new URLSearchParams({
        submitToken,
        amount: 'other',
        otherAmount: '50',
        frequency: 'once',
        provider: 'wechat',
        name: '李华',
        phone: '13900139000',
      }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(
      /^https:\/\/wx\.tenpay\.com\/.*&redirect_url=https%3A%2F%2Fgive\.example\.org%2Fgive%2FCW/,
    );
    const sent = vendors.wechatRequests.at(-1)!;
    expect(sent.path).toBe('/v3/pay/transactions/h5');
    expect(sent.body).toMatchObject({ scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } } });
  });

  it('inside WeChat signs the donor in, then opens WeChat’s payment sheet with signed JSAPI parameters', async () => {
    const started = await give(a, 'water', { provider: 'wechat' }, WECHAT);
    const { order, next } = started.json();
    expect(next.kind).toBe('redirect');
    const signIn = new URL(next.url);
    expect(`${signIn.origin}${signIn.pathname}`).toBe(`${vendors.url}/connect/oauth2/authorize`);
    expect(signIn.hash).toBe('#wechat_redirect');
    expect(signIn.searchParams.get('appid')).toBe(fakeMerchant.appid);
    expect(signIn.searchParams.get('scope')).toBe('snsapi_base');
    expect(signIn.searchParams.get('redirect_uri')).toBe(`https://give.example.org/give/${order.orderNo}/wechat`);
    const state = signIn.searchParams.get('state')!;
    expect((await orderOf(order.orderNo)).provider_payment_id).toBeNull();

    // A return whose state is not this order's is refused, and asks WeChat nothing.
    const before = vendors.wechatRequests.length;
    const forged = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}/wechat?code=ANY&state=${'x'.repeat(state.length)}`,
      headers: { 'user-agent': WECHAT },
    });
    expect(forged.statusCode).toBe(400);
    expect(vendors.wechatRequests.length).toBe(before);

    vendors.signInCodes.set('CODE-1', 'oDonorOpenid000001');
    const back = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}/wechat?code=CODE-1&state=${state}`,
      headers: { 'user-agent': WECHAT },
    });
    expect(back.statusCode).toBe(200);
    const sent = vendors.wechatRequests.at(-1)!;
    expect(sent.path).toBe('/v3/pay/transactions/jsapi');
    expect(sent.body).toMatchObject({ payer: { openid: 'oDonorOpenid000001' }, out_trade_no: order.orderNo });
    const params = JSON.parse(
      /data-wechat-pay="([^"]+)"/.exec(back.body)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
    ) as Record<string, string>;
    expect(params.package).toMatch(/^prepay_id=wx/);
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(testKeys.merchantPublic, params.paySign!, 'base64')).toBe(
      true,
    );
    expect(back.body).toMatch(/<script type="module" src="\/assets\/wechat-pay\.[0-9a-f]+\.js">/);

    // The code works once: coming back with it again is refused by WeChat, and said plainly.
    const reused = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}/wechat?code=CODE-1&state=${state}`,
      headers: { 'user-agent': WECHAT },
    });
    expect(reused.statusCode).toBe(503);
  });

  it('asks WeChat Pay before expiring, and records a payment whose notification never came', async () => {
    const { order } = (await give(a, 'water', { provider: 'wechat' })).json();
    vendors.paidOrders.set(order.orderNo, { amount: 8880, transactionId: '4200000000202612070000000042' });
    const giftsBefore = await giftCount(a);
    await expireOrders(givingDeps(t.deps), new Date(Date.now() + 31 * 60_000));
    const queried = vendors.wechatRequests.find((r) => r.method === 'GET' && r.path.includes(order.orderNo));
    expect(queried).toMatchObject({ signatureValid: true });
    expect(vendors.wechatRequests.some((r) => r.path.includes(`${order.orderNo}/close`))).toBe(false);
    expect((await orderOf(order.orderNo)).status).toBe('paid');
    expect(await giftCount(a)).toBe(giftsBefore + 1);
    // The notification arriving after all records nothing more.
    const late = wechatPaidNotice(
      { orderNo: order.orderNo, amount: 8880 },
      { transactionId: '4200000000202612070000000042' },
    );
    expect((await postNotice(`/api/payments/wechat/notify/${a.org.id}`, late)).statusCode).toBe(204);
    expect(await giftCount(a)).toBe(giftsBefore + 1);
  });

  it('closes an expired order at WeChat Pay, signed', async () => {
    const { order } = (await give(a, 'water', { provider: 'wechat' })).json();
    await expireOrders(givingDeps(t.deps), new Date(Date.now() + 31 * 60_000));
    const closed = vendors.wechatRequests.find((r) => r.path.includes(`${order.orderNo}/close`));
    expect(closed).toMatchObject({ method: 'POST', signatureValid: true, body: { mchid: fakeMerchant.mchid } });
    expect((await orderOf(order.orderNo)).status).toBe('expired');
  });
});

describe('Alipay under the organization’s own application', () => {
  it('sends a phone to WAP pay with an RSA2-signed request, and records the signed notification', async () => {
    const started = await give(a, 'water', { provider: 'alipay', amount: 1999 }, PHONE);
    const { order, next } = started.json();
    const url = new URL(next.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${vendors.url}/gateway.do`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      app_id: alipayAppId,
      method: 'alipay.trade.wap.pay',
      notify_url: `https://give.example.org/api/payments/alipay/notify/${a.org.id}`,
    });
    expect(JSON.parse(params.biz_content!)).toMatchObject({ out_trade_no: order.orderNo, total_amount: '19.99' });
    const signed = signContent(params, ['sign']);
    expect(createVerify('RSA-SHA256').update(signed).verify(testKeys.merchantPublic, params.sign!, 'base64')).toBe(
      true,
    );

    const notice: Record<string, string> = {
      notify_time: '2026-12-07 10:00:00',
      notify_type: 'trade_status_sync',
      notify_id: `ntf-${order.orderNo}`,
      app_id: alipayAppId,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: `2026120722001${order.orderNo.slice(-10)}`,
      out_trade_no: order.orderNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '19.99',
      gmt_payment: '2026-12-07 09:59:58',
    };
    const sign = createSign('RSA-SHA256').update(notifySignContent(notice)).sign(testKeys.platformPrivate, 'base64');
    const body = new URLSearchParams({ ...notice, sign }).toString();
    const answered = await postNotice(
      `/api/payments/alipay/notify/${a.org.id}`,
      { headers: {}, rawBody: body },
      'application/x-www-form-urlencoded',
    );
    expect(answered.body).toBe('success');
    expect((await orderOf(order.orderNo)).status).toBe('paid');
  });

  it('inside WeChat asks the donor to open a browser, where the order continues to Alipay', async () => {
    const { order, next } = (await give(a, 'water', { provider: 'alipay' }, WECHAT)).json();
    expect(next.url).toBe(`https://give.example.org/give/${order.orderNo}`);
    const inWechat = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}`,
      headers: { 'user-agent': WECHAT },
    });
    expect(inWechat.body).toContain('在浏览器打开');
    expect(inWechat.body).not.toContain('http-equiv="refresh"');
    const inBrowser = await t.app.inject({
      method: 'GET',
      url: `/give/${order.orderNo}/pay`,
      headers: { 'user-agent': PHONE },
    });
    expect(inBrowser.statusCode).toBe(303);
    expect(inBrowser.headers.location).toContain(`${vendors.url}/gateway.do?`);
    expect(inBrowser.headers.location).toContain('alipay.trade.wap.pay');
  });

  it('refuses a channel of another provider', async () => {
    const wrong = await give(a, 'water', { provider: 'alipay', channel: 'wechat-native' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('body.channel');
  });
});
