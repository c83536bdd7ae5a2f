import { createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PaymentProviderError } from './provider.ts';
import { testKeys } from './test-keys/test-keys.ts';
import { platformSerial, wechatPlatformHeaders } from './test-keys/wechat-platform.ts';
import { requestSigningMessage } from './wechat-sign.ts';
import { wechatPayProvider } from './wechat.ts';

const now = new Date('2026-11-23T01:00:00Z');
const nowSeconds = now.getTime() / 1000;

interface Seen {
  method: string;
  url: string;
  body: string;
  signatureValid: boolean;
}

/** A stand-in for api.mch.weixin.qq.com: checks our signature, answers signed by the platform key. */
function fakeWechat(answer: (seen: Seen) => { status: number; body: string; signed?: boolean }) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? init.body : '';
    const authorization = String((init?.headers as Record<string, string>).Authorization);
    const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(authorization)?.[1] ?? '';
    const message = requestSigningMessage({
      method: init?.method ?? 'GET',
      url: url.pathname + url.search,
      timestamp: Number(field('timestamp')),
      nonce: field('nonce_str'),
      body,
    });
    const signatureValid =
      authorization.startsWith('WECHATPAY2-SHA256-RSA2048 mchid="1900009191",') &&
      createVerify('RSA-SHA256').update(message).verify(testKeys.merchantPublic, field('signature'), 'base64');
    const request = { method: init?.method ?? 'GET', url: url.pathname + url.search, body, signatureValid };
    seen.push(request);
    const reply = answer(request);
    const headers = reply.signed === false ? {} : wechatPlatformHeaders(reply.body, nowSeconds);
    return new Response(reply.body || null, { status: reply.status, headers });
  };
  return { fetch, seen };
}

function providerWith(fake: ReturnType<typeof fakeWechat>) {
  return wechatPayProvider(
    {
      mchid: '1900009191',
      appid: 'wxTESTAPPID0000001',
      merchantSerialNo: 'MERCHANTSERIAL',
      merchantPrivateKey: testKeys.merchantPrivate,
      apiV3Key: 'TEST-ONLY-apiv3-key-32-chars-xyz',
      platformKeys: { [platformSerial]: testKeys.platformPublic },
      baseUrl: 'https://wechat.test',
    },
    { fetch: fake.fetch, clock: { now: () => now }, nonce: () => '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' },
  );
}

const order = {
  orderNo: 'CW20261123000001',
  amount: { amount: 5000, currency: 'CNY' },
  description: '春蕾计划 月捐',
  returnUrl: 'https://ngo.example/give/thanks',
  notifyUrl: 'https://ngo.example/api/payments/wechat/notify',
  expiresAt: new Date('2026-11-23T01:30:00Z'),
};

describe('WeChat Pay provider', () => {
  it('creates a JSAPI order with a signed request and returns signed WeixinJSBridge parameters', async () => {
    const fake = fakeWechat(() => ({ status: 200, body: '{"prepay_id":"wx201410272009395522657a690389285100"}' }));
    const created = await providerWith(fake).createPayment({
      ...order,
      channel: { kind: 'wechat-jsapi', openid: 'oTESTopenid' },
    });
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]).toMatchObject({ method: 'POST', url: '/v3/pay/transactions/jsapi', signatureValid: true });
    expect(JSON.parse(fake.seen[0]?.body ?? '')).toEqual({
      appid: 'wxTESTAPPID0000001',
      mchid: '1900009191',
      description: '春蕾计划 月捐',
      out_trade_no: 'CW20261123000001',
      notify_url: 'https://ngo.example/api/payments/wechat/notify',
      amount: { total: 5000, currency: 'CNY' },
      time_expire: '2026-11-23T09:30:00+08:00',
      payer: { openid: 'oTESTopenid' },
    });
    expect(created.providerPaymentId).toBe('wx201410272009395522657a690389285100');
    expect(created.action).toMatchObject({
      kind: 'wechat-jsapi',
      params: {
        appId: 'wxTESTAPPID0000001',
        timeStamp: String(nowSeconds),
        package: 'prepay_id=wx201410272009395522657a690389285100',
        signType: 'RSA',
      },
    });
  });

  it('returns the code_url of a Native order as QR content and the h5_url with our return address', async () => {
    const native = fakeWechat(() => ({ status: 200, body: '{"code_url":"weixin://wxpay/bizpayurl?pr=p4lpSuKzz"}' }));
    expect((await providerWith(native).createPayment({ ...order, channel: { kind: 'wechat-native' } })).action).toEqual(
      {
        kind: 'qr-code',
        content: 'weixin://wxpay/bizpayurl?pr=p4lpSuKzz',
      },
    );
    const h5 = fakeWechat(() => ({
      status: 200,
      body: '{"h5_url":"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1"}',
    }));
    const created = await providerWith(h5).createPayment({
      ...order,
      channel: { kind: 'wechat-h5', clientIp: '203.0.113.9' },
    });
    expect(created.action).toEqual({
      kind: 'redirect',
      url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1&redirect_url=https%3A%2F%2Fngo.example%2Fgive%2Fthanks',
    });
    expect(JSON.parse(h5.seen[0]?.body ?? '')).toMatchObject({
      scene_info: { payer_client_ip: '203.0.113.9', h5_info: { type: 'Wap' } },
    });
  });

  it('treats an unsigned success as forged', async () => {
    const fake = fakeWechat(() => ({ status: 200, body: '{"code_url":"weixin://forged"}', signed: false }));
    await expect(
      providerWith(fake).createPayment({ ...order, channel: { kind: 'wechat-native' } }),
    ).rejects.toMatchObject({ code: 'RESPONSE_NOT_AUTHENTIC' });
  });

  it('refuses non-CNY amounts, fractional fen and other channels before calling WeChat', async () => {
    const fake = fakeWechat(() => ({ status: 500, body: '' }));
    const provider = providerWith(fake);
    await expect(
      provider.createPayment({
        ...order,
        amount: { amount: 5000, currency: 'USD' },
        channel: { kind: 'wechat-native' },
      }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_CURRENCY' });
    await expect(
      provider.createPayment({
        ...order,
        amount: { amount: 50.5, currency: 'CNY' },
        channel: { kind: 'wechat-native' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(provider.createPayment({ ...order, channel: { kind: 'alipay-page' } })).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(fake.seen).toHaveLength(0);
  });

  it('passes on WeChat’s own error code', async () => {
    const fake = fakeWechat(() => ({
      status: 400,
      body: '{"code":"PARAM_ERROR","message":"参数错误"}',
      signed: false,
    }));
    await expect(
      providerWith(fake).createPayment({ ...order, channel: { kind: 'wechat-native' } }),
    ).rejects.toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'PARAM_ERROR' });
  });

  it('queries an order by our order number', async () => {
    const fake = fakeWechat(({ url }) =>
      url.includes('CW20261123000001')
        ? {
            status: 200,
            body: JSON.stringify({
              trade_state: 'SUCCESS',
              transaction_id: '4200001',
              success_time: '2026-11-23T08:59:30+08:00',
              amount: { total: 5000, payer_total: 5000, currency: 'CNY' },
            }),
          }
        : { status: 404, body: '{"code":"ORDER_NOT_EXIST","message":"订单不存在"}', signed: false },
    );
    const provider = providerWith(fake);
    expect(await provider.queryOrder?.('CW20261123000001')).toEqual({
      state: 'paid',
      transactionId: '4200001',
      amount: { amount: 5000, currency: 'CNY' },
      paidAt: new Date('2026-11-23T00:59:30Z'),
    });
    expect(fake.seen[0]).toMatchObject({
      method: 'GET',
      url: '/v3/pay/transactions/out-trade-no/CW20261123000001?mchid=1900009191',
      signatureValid: true,
    });
    expect(await provider.queryOrder?.('CW-MISSING')).toEqual({ state: 'not-found' });
  });

  it('closes an unpaid order', async () => {
    const fake = fakeWechat(() => ({ status: 204, body: '' }));
    await providerWith(fake).closeOrder?.('CW20261123000001');
    expect(fake.seen).toEqual([
      {
        method: 'POST',
        url: '/v3/pay/transactions/out-trade-no/CW20261123000001/close',
        body: '{"mchid":"1900009191"}',
        signatureValid: true,
      },
    ]);
    const paid = fakeWechat(() => ({
      status: 400,
      body: '{"code":"ORDERPAID","message":"订单已支付"}',
      signed: false,
    }));
    await expect(providerWith(paid).closeOrder?.('CW20261123000001')).rejects.toMatchObject({
      providerCode: 'ORDERPAID',
    });
  });

  it('requests a refund with the order total', async () => {
    const fake = fakeWechat(() => ({
      status: 200,
      body: '{"refund_id":"50000000382019052709732678859","status":"PROCESSING"}',
    }));
    const result = await providerWith(fake).refund?.({
      orderNo: 'CW20261123000001',
      refundNo: 'RF20261123000001',
      refund: { amount: 2000, currency: 'CNY' },
      total: { amount: 5000, currency: 'CNY' },
      reason: '捐赠人申请退款',
    });
    expect(result).toEqual({ state: 'processing', providerRefundId: '50000000382019052709732678859' });
    expect(JSON.parse(fake.seen[0]?.body ?? '')).toEqual({
      out_trade_no: 'CW20261123000001',
      out_refund_no: 'RF20261123000001',
      reason: '捐赠人申请退款',
      amount: { refund: 2000, total: 5000, currency: 'CNY' },
    });
  });
});
