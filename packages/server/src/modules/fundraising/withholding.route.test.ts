import { createVerify } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signContent } from '../../adapters/payments/alipay-sign.ts';
import { testKeys } from '../../adapters/payments/test-keys/test-keys.ts';
import { v2Sign } from '../../adapters/payments/wechat-v2.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildLiveCampaign, buildOrg, type TestOrg } from '../../testing/factories.ts';
import {
  fakeMerchant,
  fakeVendorEnv,
  fakeWechatPaySettings,
  startFakeVendors,
  type FakeVendors,
} from '../../testing/fake-vendors.ts';
import { alipayNotice, fakeWithholding, wechatV2Notice } from '../../testing/fake-withholding.ts';
import { givingDeps } from './giving.ts';
import { chargeMonthlyGift } from './monthly-charge.ts';

const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

let t: TestApp;
let vendors: FakeVendors;
let o: TestOrg;
let token = 0;

beforeAll(async () => {
  vendors = await startFakeVendors();
  t = await testApp({ env: fakeVendorEnv(vendors) });
  o = await buildOrg(t);
  await buildLiveCampaign(o, 'water');
});
afterAll(async () => {
  await t?.close();
  await vendors?.close();
});

const settingsUrl = () => `/api/orgs/${o.slug}/payment-settings`;
const notifyPath = (provider: string) => `/api/payments/${provider}/notify/${o.org.id}`;
const post = (url: string, notice: { rawBody: string }, type: string) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: notice.rawBody });
const postWechat = (notice: { rawBody: string }) => post(notifyPath('wechat'), notice, 'text/xml');
const postAlipay = (notice: { rawBody: string }) =>
  post(notifyPath('alipay'), notice, 'application/x-www-form-urlencoded');

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(query))[0]!.n);
const giftCount = () => count(sql`select count(*)::int as n from gifts where org_id = ${o.org.id}`);
const notificationCount = () =>
  count(sql`select count(*)::int as n from payment_notifications where org_id = ${o.org.id}`);
const orderOf = async (orderNo: string) =>
  (
    await rows<{ status: string; agreement_id: string | null; provider_payment_id: string | null }>(
      sql`select status, agreement_id, provider_payment_id from donation_orders where order_no = ${orderNo}`,
    )
  )[0]!;
const giftOfFirstOrder = async (orderNo: string) =>
  (
    await rows<{
      id: number;
      status: string;
      agreement_id: string;
      failures: number;
      notice_due: string | null;
      next_charge_at: string | Date | null;
      period: string;
      contact_id: number;
      cancelled_by: string | null;
    }>(
      sql`select m.* from monthly_gifts m join donation_orders d on d.org_id = m.org_id and d.id = m.first_order_id
          where d.order_no = ${orderNo}`,
    )
  )[0];
const timeline = async (contactId: number) =>
  (
    await rows<{ summary: string }>(
      sql`select summary from contact_activities where org_id = ${o.org.id} and contact_id = ${contactId} order by id`,
    )
  ).map((row) => row.summary);
const chargeOrderOf = async (giftId: number) =>
  (
    await rows<{ order_no: string; status: string; provider_payment_id: string | null; period: string }>(
      sql`select order_no, status, provider_payment_id, period from donation_orders where monthly_gift_id = ${giftId}
          order by id desc limit 1`,
    )
  )[0]!;

const giveMonthly = (provider: 'wechat' | 'alipay', userAgent: string, name = '王小明') =>
  t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/water`,
    headers: { 'user-agent': userAgent },
    payload: {
      submitToken: `withholding-token-${++token}-xxxx`,
      amount: 5000,
      frequency: 'monthly',
      name,
      phone: `1380013${String(8000 + token)}`,
      provider,
    },
  });

/** Alipay's trade notice that an order was paid in full (50.00). */
const alipayPaid = (orderNo: string, day = '2026-12-07') =>
  alipayNotice({
    notify_type: 'trade_status_sync',
    notify_id: `pay-${orderNo}`,
    notify_time: `${day} 10:00:04`,
    app_id: fakeWithholding.alipayAppId,
    trade_no: `2026120722001${orderNo.slice(-12)}`,
    out_trade_no: orderNo,
    trade_status: 'TRADE_SUCCESS',
    total_amount: '50.00',
    gmt_payment: `${day} 10:00:01`,
  });

const charge = (giftId: number, at: Date) => chargeMonthlyGift(givingDeps(t.deps), o.org.id, giftId, at);
const dueOf = async (orderNo: string) => new Date((await giftOfFirstOrder(orderNo))!.next_charge_at!);

describe('委托代扣 settings', () => {
  it('offers monthly with WeChat Pay and Alipay only once withholding is entered, keeping the APIv2 key sealed', async () => {
    await o.owner.put(settingsUrl(), {
      wechatPay: fakeWechatPaySettings(),
      alipay: {
        appId: fakeWithholding.alipayAppId,
        appPrivateKey: testKeys.merchantPrivate,
        alipayPublicKey: testKeys.platformPublic,
      },
    });
    const oneOff = await giveMonthly('wechat', DESKTOP);
    expect(oneOff.statusCode).toBe(400);
    expect(oneOff.json().error.fields[0].path).toBe('body.provider');

    const missingKey = await o.owner.put(settingsUrl(), {
      wechatPay: { ...fakeWechatPaySettings(), withholding: { planId: fakeWithholding.planId } },
    });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.error.fields[0].path).toBe('body.wechatPay.withholding.apiV2Key');
    const badScene = await o.owner.put(settingsUrl(), {
      alipay: {
        appId: fakeWithholding.alipayAppId,
        alipayPublicKey: testKeys.platformPublic,
        withholding: { signScene: 'DEFAULT|DEFAULT' },
      },
    });
    expect(badScene.body.error.fields[0].path).toBe('body.alipay.withholding.signScene');

    const saved = await o.owner.put(settingsUrl(), {
      wechatPay: {
        ...fakeWechatPaySettings(),
        withholding: { planId: fakeWithholding.planId, apiV2Key: fakeWithholding.apiV2Key },
      },
      alipay: {
        appId: fakeWithholding.alipayAppId,
        alipayPublicKey: testKeys.platformPublic,
        withholding: { signScene: fakeWithholding.signScene },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.wechatPay.withholding).toEqual({ planId: fakeWithholding.planId, hasApiV2Key: true });
    expect(saved.body.alipay.withholding).toEqual({ signScene: fakeWithholding.signScene });
    expect(saved.body.setup.wechatNotifyUrl).toBe(`https://give.example.org${notifyPath('wechat')}`);
    const stored = JSON.stringify(await rows(sql`select * from payment_settings where org_id = ${o.org.id}`));
    const audit = JSON.stringify(await rows(sql`select data from audit_events where org_id = ${o.org.id}`));
    for (const text of [JSON.stringify(saved.body), stored, audit])
      expect(text).not.toContain(fakeWithholding.apiV2Key);

    const page = await t.app.inject({ method: 'GET', url: `/c/${o.slug}/water` });
    expect(page.body).toContain('value="monthly"');
  });
});

describe('WeChat Pay 委托代扣', () => {
  let orderNo: string;
  let giftId: number;
  const contractId = 'Wx15463511252015071056489715';

  it('signs the agreement while paying: contractorder, then the payment and 签约 notices start the gift', async () => {
    const started = await giveMonthly('wechat', DESKTOP, '王小明😀');
    expect(started.statusCode, started.body).toBe(201);
    orderNo = started.json().order.orderNo;
    expect(started.json().next).toEqual({ kind: 'qr-code', content: `weixin://wxpay/bizpayurl?pr=${orderNo}` });
    const sent = vendors.withholding.papayRequests.at(-1)!;
    expect(sent).toMatchObject({ path: '/pay/contractorder', signatureValid: true });
    expect(sent.fields).toMatchObject({
      appid: fakeMerchant.appid,
      mch_id: fakeMerchant.mchid,
      contract_mchid: fakeMerchant.mchid,
      contract_appid: fakeMerchant.appid,
      out_trade_no: orderNo,
      total_fee: '5000',
      trade_type: 'NATIVE',
      plan_id: fakeWithholding.planId,
      contract_code: orderNo,
      contract_display_account: '王小明',
      notify_url: `https://give.example.org${notifyPath('wechat')}`,
      contract_notify_url: `https://give.example.org${notifyPath('wechat')}`,
    });
    expect(sent.fields.request_serial).toMatch(/^[1-9]\d{12,18}$/);

    const paid = wechatV2Notice({
      result_code: 'SUCCESS',
      appid: fakeMerchant.appid,
      mch_id: fakeMerchant.mchid,
      nonce_str: 'pay1',
      openid: 'oDonor',
      trade_type: 'NATIVE',
      total_fee: '5000',
      fee_type: 'CNY',
      transaction_id: '4200000001202612070000000001',
      out_trade_no: orderNo,
      time_end: '20261207100001',
    });
    const answered = await postWechat(paid);
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('<return_code><![CDATA[SUCCESS]]></return_code>');
    expect((await orderOf(orderNo)).status).toBe('paid');
    expect(await giftOfFirstOrder(orderNo)).toBeUndefined();

    const signed = wechatV2Notice({
      result_code: 'SUCCESS',
      mch_id: fakeMerchant.mchid,
      contract_code: orderNo,
      plan_id: fakeWithholding.planId,
      openid: 'oDonor',
      change_type: 'ADD',
      operate_time: '2026-12-07 10:00:02',
      contract_id: contractId,
      request_serial: sent.fields.request_serial!,
    });
    expect((await postWechat(signed)).statusCode).toBe(200);
    expect((await postWechat(signed)).statusCode).toBe(200);
    const gift = (await giftOfFirstOrder(orderNo))!;
    expect(gift).toMatchObject({ status: 'active', agreement_id: contractId });
    giftId = Number(gift.id);
    expect(await count(sql`select count(*)::int as n from monthly_gifts where org_id = ${o.org.id}`)).toBe(1);
  });

  it('refuses a forged or tampered notice with a 4xx and writes nothing', async () => {
    const before = await notificationCount();
    const forged = wechatV2Notice(
      {
        result_code: 'SUCCESS',
        mch_id: fakeMerchant.mchid,
        contract_code: orderNo,
        plan_id: fakeWithholding.planId,
        change_type: 'DELETE',
        contract_termination_mode: '2',
        operate_time: '2026-12-07 11:00:00',
        contract_id: contractId,
      },
      'ANOTHERkey0123456789abcdefghijkl',
    );
    const refused = await postWechat(forged);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('FAIL');
    const tampered = wechatV2Notice({ result_code: 'SUCCESS', mch_id: fakeMerchant.mchid, change_type: 'ADD' });
    expect((await postWechat({ rawBody: tampered.rawBody.replace('ADD', 'DELETE') })).statusCode).toBe(400);
    expect(await notificationCount()).toBe(before);
    expect((await giftOfFirstOrder(orderNo))!.status).toBe('active');
  });

  it('sends the 预扣费通知 first and charges from the third day, recording the result once', async () => {
    const due = await dueOf(orderNo);
    expect(await charge(giftId, due)).toBe('noticed');
    const notice = vendors.wechatRequests.at(-1)!;
    expect(notice).toMatchObject({
      method: 'POST',
      path: `/v3/papay/contracts/${contractId}/notify`,
      signatureValid: true,
      body: {
        mchid: fakeMerchant.mchid,
        appid: fakeMerchant.appid,
        deduct_duration: { count: 7, unit: 'DAY' },
        estimated_amount: { amount: 5000, currency: 'CNY' },
      },
    });
    const chargeFrom = await dueOf(orderNo);
    expect(chargeFrom.getTime() - due.getTime()).toBe(2 * 86_400_000);
    expect(await charge(giftId, new Date(due.getTime() + 86_400_000))).toBe('skipped');

    // WeChat Pay's result notice arrives while 申请扣款 is still being answered, and then again.
    const giftsBefore = await giftCount();
    let noticeAnswer = 0;
    vendors.withholding.beforeChargeAnswer = async (fields) => {
      const result = wechatV2Notice({
        result_code: 'SUCCESS',
        appid: fakeMerchant.appid,
        mch_id: fakeMerchant.mchid,
        nonce_str: 'charge1',
        openid: 'oDonor',
        trade_type: 'PAP',
        trade_state: 'SUCCESS',
        total_fee: fields.total_fee!,
        fee_type: 'CNY',
        transaction_id: '4200000002202701070000000002',
        out_trade_no: fields.out_trade_no!,
        time_end: '20270107100003',
        contract_id: fields.contract_id!,
      });
      noticeAnswer = (await postWechat(result)).statusCode;
      await postWechat(result);
    };
    expect(await charge(giftId, chargeFrom)).toBe('processing');
    vendors.withholding.beforeChargeAnswer = undefined;
    expect(noticeAnswer).toBe(200);
    const applied = vendors.withholding.papayRequests.at(-1)!;
    expect(applied).toMatchObject({ path: '/pay/pappayapply', signatureValid: true });
    expect(applied.fields).toMatchObject({
      trade_type: 'PAP',
      contract_id: contractId,
      total_fee: '5000',
      notify_url: `https://give.example.org${notifyPath('wechat')}`,
    });
    const order = await chargeOrderOf(giftId);
    expect(order.status).toBe('paid');
    expect(order.provider_payment_id).toBeNull();
    expect(await giftCount()).toBe(giftsBefore + 1);
    const gift = (await giftOfFirstOrder(orderNo))!;
    expect(gift).toMatchObject({ status: 'active', failures: 0 });
    // The gift moved on to the next month.
    expect(gift.period > order.period).toBe(true);
  });

  it('counts a declined charge once, whether WeChat refuses it or its notice says so', async () => {
    const due = await dueOf(orderNo);
    expect(await charge(giftId, due)).toBe('noticed');
    vendors.withholding.declineNextCharge = 'NOTENOUGH';
    expect(await charge(giftId, await dueOf(orderNo))).toBe('declined');
    expect(await giftOfFirstOrder(orderNo)).toMatchObject({ failures: 1, notice_due: 'declined' });

    // The retry is accepted, then its result notice says it failed: declined again, once however often it comes.
    const retryAt = await dueOf(orderNo);
    expect(await charge(giftId, retryAt)).toBe('processing');
    const pending = await chargeOrderOf(giftId);
    expect(pending).toMatchObject({ status: 'pending', provider_payment_id: 'awaiting-charge-result' });
    const failed = wechatV2Notice({
      result_code: 'FAIL',
      err_code: 'NOTENOUGH',
      err_code_des: '余额不足',
      appid: fakeMerchant.appid,
      mch_id: fakeMerchant.mchid,
      nonce_str: 'fail1',
      trade_type: 'PAP',
      trade_state: 'PAYERROR',
      total_fee: '5000',
      out_trade_no: pending.order_no,
      contract_id: contractId,
    });
    expect((await postWechat(failed)).statusCode).toBe(200);
    expect((await postWechat(failed)).statusCode).toBe(200);
    expect(await giftOfFirstOrder(orderNo)).toMatchObject({ status: 'active', failures: 2 });
    expect((await chargeOrderOf(giftId)).provider_payment_id).toBeNull();
  });

  it('cancels through 申请解约 when staff cancel, signed with the APIv2 key', async () => {
    const changed = await o.owner.post(`/api/orgs/${o.slug}/monthly-gifts/${giftId}/changes`, { action: 'cancel' });
    expect(changed.status).toBe(200);
    const ended = vendors.withholding.papayRequests.at(-1)!;
    expect(ended).toMatchObject({ path: '/papay/deletecontract', signatureValid: true });
    expect(ended.fields).toMatchObject({ contract_id: contractId, mch_id: fakeMerchant.mchid, version: '1.0' });
    expect(ended.fields.sign).toBe(v2Sign(ended.fields, fakeWithholding.apiV2Key, 'MD5'));
  });

  it('cancels the gift when the donor ends the agreement in WeChat, and says so on the timeline', async () => {
    const started = (await giveMonthly('wechat', DESKTOP, '李华')).json();
    const second = started.order.orderNo as string;
    const agreement = 'Wx20261207000000000000000002';
    const contract = (changeType: string, extra: Record<string, string> = {}) =>
      wechatV2Notice({
        result_code: 'SUCCESS',
        mch_id: fakeMerchant.mchid,
        contract_code: second,
        plan_id: fakeWithholding.planId,
        change_type: changeType,
        operate_time: '2026-12-07 12:00:00',
        contract_id: agreement,
        ...extra,
      });
    // Here the 签约 notice comes before the payment's.
    expect((await postWechat(contract('ADD'))).statusCode).toBe(200);
    expect((await orderOf(second)).agreement_id).toBe(agreement);
    await postWechat(
      wechatV2Notice({
        result_code: 'SUCCESS',
        appid: fakeMerchant.appid,
        mch_id: fakeMerchant.mchid,
        nonce_str: 'pay2',
        trade_type: 'NATIVE',
        total_fee: '5000',
        transaction_id: '4200000003202612070000000003',
        out_trade_no: second,
        time_end: '20261207120001',
      }),
    );
    const gift = (await giftOfFirstOrder(second))!;
    expect(gift.status).toBe('active');

    const ended = contract('DELETE', { contract_termination_mode: '2', operate_time: '2026-12-20 09:00:00' });
    expect((await postWechat(ended)).statusCode).toBe(200);
    expect((await postWechat(ended)).statusCode).toBe(200);
    expect(await giftOfFirstOrder(second)).toMatchObject({ status: 'cancelled', cancelled_by: 'provider' });
    const lines = await timeline(Number(gift.contact_id));
    expect(lines.filter((line) => line.includes('ended in WeChat Pay'))).toHaveLength(1);
  });
});

describe('Alipay 周期扣款', () => {
  let orderNo: string;
  let giftId: number;
  const agreementNo = '20265407000000000001';

  it('signs the agreement while paying on a phone: agreement_sign_params in the signed WAP request', async () => {
    const started = await giveMonthly('alipay', PHONE, '张三');
    expect(started.statusCode, started.body).toBe(201);
    orderNo = started.json().order.orderNo;
    const url = new URL(started.json().next.url);
    const params = Object.fromEntries(url.searchParams);
    expect(params.method).toBe('alipay.trade.wap.pay');
    expect(
      createVerify('RSA-SHA256')
        .update(signContent(params, ['sign']))
        .verify(testKeys.merchantPublic, params.sign!, 'base64'),
    ).toBe(true);
    const biz = JSON.parse(params.biz_content!);
    expect(biz).toMatchObject({ out_trade_no: orderNo, total_amount: '50.00', product_code: 'QUICK_WAP_WAY' });
    expect(biz.agreement_sign_params).toMatchObject({
      personal_product_code: 'CYCLE_PAY_AUTH_P',
      sign_scene: fakeWithholding.signScene,
      external_agreement_no: orderNo,
      access_params: { channel: 'ALIPAYAPP' },
      period_rule_params: { period_type: 'MONTH', period: 1, single_amount: '50.00' },
      sign_notify_url: `https://give.example.org${notifyPath('alipay')}`,
    });
    expect(biz.agreement_sign_params.period_rule_params.execute_time).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('starts the gift from the dut_user_sign notice and the trade notice, in either order', async () => {
    const signedNotice = alipayNotice({
      notify_type: 'dut_user_sign',
      notify_id: `sign-${orderNo}`,
      notify_time: '2026-12-07 10:00:03',
      app_id: fakeWithholding.alipayAppId,
      agreement_no: agreementNo,
      external_agreement_no: orderNo,
      personal_product_code: 'CYCLE_PAY_AUTH_P',
      sign_scene: fakeWithholding.signScene,
      status: 'NORMAL',
      sign_time: '2026-12-07 10:00:02',
      alipay_user_id: '2088101122675263',
    });
    const answered = await postAlipay(signedNotice);
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('success');
    expect(await giftOfFirstOrder(orderNo)).toBeUndefined();
    const paid = alipayPaid(orderNo);
    expect((await postAlipay(paid)).body).toBe('success');
    const gift = (await giftOfFirstOrder(orderNo))!;
    expect(gift).toMatchObject({ status: 'active', agreement_id: agreementNo });
    giftId = Number(gift.id);
    expect((await postAlipay(signedNotice)).body).toBe('success');
  });

  it('refuses a notice signed with another key, with a 4xx, and writes nothing', async () => {
    const before = await notificationCount();
    const forged = alipayNotice(
      {
        notify_type: 'dut_user_unsign',
        notify_id: 'forged-1',
        notify_time: '2026-12-08 10:00:00',
        agreement_no: agreementNo,
        status: 'UNSIGN',
        unsign_time: '2026-12-08 10:00:00',
      },
      testKeys.strangerPrivate,
    );
    const refused = await postAlipay(forged);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toBe('fail');
    expect(await notificationCount()).toBe(before);
    expect((await giftOfFirstOrder(orderNo))!.status).toBe('active');
  });

  it('charges the month with alipay.trade.pay on the agreement, recorded once with its notice', async () => {
    const giftsBefore = await giftCount();
    expect(await charge(giftId, await dueOf(orderNo))).toBe('paid');
    const pay = vendors.withholding.alipayRequests.at(-1)!;
    expect(pay).toMatchObject({ method: 'alipay.trade.pay', signatureValid: true });
    expect(pay.biz).toMatchObject({
      total_amount: '50.00',
      product_code: 'CYCLE_PAY_AUTH',
      agreement_params: { agreement_no: agreementNo },
    });
    expect(pay.params.notify_url).toBe(`https://give.example.org${notifyPath('alipay')}`);
    const order = await chargeOrderOf(giftId);
    expect(order.status).toBe('paid');
    const late = alipayPaid(order.order_no, '2027-01-07');
    expect((await postAlipay(late)).body).toBe('success');
    expect((await postAlipay(late)).body).toBe('success');
    expect(await giftCount()).toBe(giftsBefore + 1);
  });

  it('counts a declined charge, as for the sandbox', async () => {
    vendors.withholding.alipayPayAnswer = {
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'ACQ.BUYER_BALANCE_NOT_ENOUGH',
      sub_msg: '买家余额不足',
    };
    expect(await charge(giftId, await dueOf(orderNo))).toBe('declined');
    expect(await giftOfFirstOrder(orderNo)).toMatchObject({ failures: 1, notice_due: 'declined' });
  });

  it('unsigns when the donor cancels on their page, and a dut_user_unsign notice cancels another gift', async () => {
    const changed = await o.owner.post(`/api/orgs/${o.slug}/monthly-gifts/${giftId}/changes`, { action: 'cancel' });
    expect(changed.status).toBe(200);
    const unsign = vendors.withholding.alipayRequests.at(-1)!;
    expect(unsign).toMatchObject({ method: 'alipay.user.agreement.unsign', signatureValid: true });
    expect(unsign.biz).toMatchObject({
      agreement_no: agreementNo,
      personal_product_code: 'CYCLE_PAY_AUTH_P',
      sign_scene: fakeWithholding.signScene,
    });

    const other = (await giveMonthly('alipay', DESKTOP, '赵六')).json().order.orderNo as string;
    const otherAgreement = '20265407000000000002';
    await postAlipay(alipayPaid(other));
    await postAlipay(
      alipayNotice({
        notify_type: 'dut_user_sign',
        notify_id: `sign-${other}`,
        notify_time: '2026-12-07 10:00:05',
        agreement_no: otherAgreement,
        external_agreement_no: other,
        status: 'NORMAL',
        sign_time: '2026-12-07 10:00:05',
      }),
    );
    const gift = (await giftOfFirstOrder(other))!;
    expect(gift.status).toBe('active');
    const unsigned = alipayNotice({
      notify_type: 'dut_user_unsign',
      notify_id: `unsign-${other}`,
      notify_time: '2026-12-21 09:00:00',
      agreement_no: otherAgreement,
      external_agreement_no: other,
      status: 'UNSIGN',
      unsign_time: '2026-12-21 09:00:00',
    });
    expect((await postAlipay(unsigned)).body).toBe('success');
    expect(await giftOfFirstOrder(other)).toMatchObject({ status: 'cancelled', cancelled_by: 'provider' });
    expect((await timeline(Number(gift.contact_id))).some((line) => line.includes('ended in Alipay'))).toBe(true);
  });
});
