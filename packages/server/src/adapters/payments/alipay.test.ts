import { createSign, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alipayKey, notifySignContent, signContent, signRequest, signedNodeText } from './alipay-sign.ts';
import { alipayProvider } from './alipay.ts';
import { testKeys } from './test-keys/test-keys.ts';

const signAsAlipay = (content: string, key = testKeys.platformPrivate) =>
  createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64');

// The notification example of Alipay's 异步通知 guide (opendocs.alipay.com, "异步通知验签"), and the
// sign content the guide derives from it after removing sign and sign_type, URL-decoding and sorting.
// The guide's printed string leaves out gmt_create=2016-07-19 14:10:44 although the notification
// carries it and its own rule ("除去sign、sign_type两个参数外，凡是通知返回回来的参数皆是待验签的参数")
// and the official SDK (AlipaySignature.rsaCheckV1) keep it; we follow the rule, so gmt_create is in.
const specNotification = {
  total_amount: '2.00',
  buyer_id: '2088102116773037',
  body: '大乐透2.1',
  trade_no: '2016071921001003030200089909',
  refund_fee: '0.00',
  notify_time: '2016-07-19 14:10:49',
  subject: '大乐透2.1',
  sign_type: 'RSA2',
  charset: 'utf-8',
  notify_type: 'trade_status_sync',
  out_trade_no: '0719141034-6418',
  gmt_close: '2016-07-19 14:10:46',
  gmt_payment: '2016-07-19 14:10:47',
  trade_status: 'TRADE_SUCCESS',
  version: '1.0',
  gmt_create: '2016-07-19 14:10:44',
  app_id: '2015102700040153',
  seller_id: '2088102119685838',
  notify_id: '4a91b7a78a503640467525113fb7d8bg8e',
};
const specSignContent =
  'app_id=2015102700040153&body=大乐透2.1&buyer_id=2088102116773037&charset=utf-8&gmt_close=2016-07-19 14:10:46&gmt_create=2016-07-19 14:10:44&gmt_payment=2016-07-19 14:10:47&notify_id=4a91b7a78a503640467525113fb7d8bg8e&notify_time=2016-07-19 14:10:49&notify_type=trade_status_sync&out_trade_no=0719141034-6418&refund_fee=0.00&seller_id=2088102119685838&subject=大乐透2.1&total_amount=2.00&trade_no=2016071921001003030200089909&trade_status=TRADE_SUCCESS&version=1.0';
// OpenSSL over specSignContent with the TEST-ONLY platform key standing in for Alipay's:
//   printf '%s' "$content" | openssl dgst -sha256 -sign test-keys/platform-TEST-ONLY.key.pem | base64 -w0
const specSignByTestKey =
  'dTHjDEkPO28hhq8Gi9f41OPhVITjuoXzVixA25Jw6zizOvMMw5wvAc3ZXBPzVTcjmfqaDBMwBbDompPaUPIgsh7Cnz7KrAlPdt20Oh9OeAajzl5vvpO8wl8tCMbiTaMPXiWqWCVFayFzPnY2mawp/r+YARr9keYW0eTLmTPVySevKa3Xcqs1N/qML9AqiNTYQ7nYttRFcj7tLtdvgYlEEtdx+ik2BMeiqZWcMEDkT17PQ1EhO9h/Vi6kfk1tG7AxUomJLaxpwf9Ry9HkXIGdrKpBHWApLzolRTd0nxQpgUcS06J6Qk89hB6T82vieY3Dn5HXcqLGGWVikMeE3hgOmg==';

const now = new Date('2026-11-23T01:00:00Z');

function providerWith(
  fetch: typeof globalThis.fetch = () => Promise.reject(new Error('no network in tests')),
  appId = '2015102700040153',
) {
  return alipayProvider(
    {
      appId,
      appPrivateKey: testKeys.merchantPrivate,
      alipayPublicKey: testKeys.platformPublic,
      gateway: 'https://alipay.test/gateway.do',
    },
    { fetch, clock: { now: () => now } },
  );
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

function signedNotification(params: Record<string, string>, key = testKeys.platformPrivate) {
  return { ...params, sign: signAsAlipay(notifySignContent(params), key) };
}

describe('Alipay RSA2 signing', () => {
  it('builds the sign content of the spec example', () => {
    expect(notifySignContent(specNotification)).toBe(specSignContent);
  });

  it('gives the exact request signature for fixed page.pay parameters', () => {
    const params = {
      app_id: '2014072300007148',
      method: 'alipay.trade.page.pay',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2026-11-23 09:00:00',
      version: '1.0',
      notify_url: 'https://ngo.example/api/payments/alipay/notify',
      return_url: 'https://ngo.example/give/thanks',
      biz_content:
        '{"out_trade_no":"CW20261123000001","total_amount":"50.00","subject":"春蕾计划 月捐","product_code":"FAST_INSTANT_TRADE_PAY","time_expire":"2026-11-23 09:30:00"}',
      app_auth_token: '',
    };
    // OpenSSL over the sorted content (sign_type included, empty app_auth_token left out).
    expect(signRequest(params, alipayKey(testKeys.merchantPrivate, 'private'))).toBe(
      'Y6qWLjv3pMsVGrfnou7l9eraywpUe5H4BJdzfhiyuc6nHSljw9puyFy3O1mQl41YwXi1b+KE+ng058O5DZ2kJhPnBKZwQVW5+oMwJ0UITK7Q0dVcX79VEDVRHZkEUa5HBQBlEf2FtphwbyibOZcyfmUSbyAHKnsS43VkI+vQ7rjTg2vEgkP0mqV8HGrv6W1mPovQwfGO6q19AprhDRI5GJRjhy/TuKhkJlDnNxx4q47ZhueclNnFjIsHwYSrkv64wZ/GVp3LrI3T60xN/UHf5mPF6izcfGrqBENE2ITTHAgJzlUKaziLtur0IPbb3M9cSx4vRMZyUbuH6420vpxyhg==',
    );
  });

  it('reads keys as the bare base64 the Alipay console prints', () => {
    const bare = testKeys.merchantPublic.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(alipayKey(bare, 'public').asymmetricKeyType).toBe('rsa');
  });

  it('cuts the signed response node out of the raw answer, braces in strings included', () => {
    const body = '{"alipay_trade_query_response":{"code":"10000","msg":"Success","subject":"a}{\\"b"},"sign":"x"}';
    expect(signedNodeText(body, 'alipay_trade_query_response')).toBe(
      '{"code":"10000","msg":"Success","subject":"a}{\\"b"}',
    );
  });
});

describe('Alipay provider', () => {
  it('redirects the donor to the gateway with signed page.pay parameters', async () => {
    const created = await providerWith().createPayment({
      orderNo: 'CW20261123000001',
      amount: { amount: 5000, currency: 'CNY' },
      description: '春蕾计划 月捐',
      returnUrl: 'https://ngo.example/give/thanks',
      notifyUrl: 'https://ngo.example/api/payments/alipay/notify',
      expiresAt: new Date('2026-11-23T01:30:00Z'),
      channel: { kind: 'alipay-wap', quitUrl: 'https://ngo.example/give' },
    });
    if (created.action.kind !== 'redirect') throw new Error('expected a redirect');
    const url = new URL(created.action.url);
    const params = Object.fromEntries(url.searchParams);
    expect(url.origin + url.pathname).toBe('https://alipay.test/gateway.do');
    expect(params).toMatchObject({
      method: 'alipay.trade.wap.pay',
      timestamp: '2026-11-23 09:00:00',
      sign_type: 'RSA2',
    });
    expect(JSON.parse(params.biz_content ?? '')).toEqual({
      out_trade_no: 'CW20261123000001',
      total_amount: '50.00',
      subject: '春蕾计划 月捐',
      product_code: 'QUICK_WAP_WAY',
      time_expire: '2026-11-23 09:30:00',
      quit_url: 'https://ngo.example/give',
    });
    const content = Object.keys(params)
      .filter((k) => k !== 'sign')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    expect(
      createVerify('RSA-SHA256')
        .update(content)
        .verify(testKeys.merchantPublic, params.sign ?? '', 'base64'),
    ).toBe(true);
  });

  it('verifies the spec notification signed with the test key and reads a paid event', async () => {
    const rawBody = form({ ...specNotification, sign: specSignByTestKey });
    expect(await providerWith().verifyCallback({ headers: {}, rawBody })).toEqual({
      status: 'verified',
      event: {
        kind: 'paid',
        notificationId: '4a91b7a78a503640467525113fb7d8bg8e',
        orderNo: '0719141034-6418',
        transactionId: '2016071921001003030200089909',
        amount: { amount: 200, currency: 'CNY' },
        occurredAt: new Date('2016-07-19T06:10:47Z'),
      },
    });
  });

  it('rejects tampering, another key, RSA1, another app and a non-fen amount, each with its reason', async () => {
    const provider = providerWith();
    const check = (params: Record<string, string>) => provider.verifyCallback({ headers: {}, rawBody: form(params) });
    const valid = { ...specNotification, sign: specSignByTestKey };
    expect(await check({ ...valid, total_amount: '200.00' })).toEqual({ status: 'rejected', reason: 'bad-signature' });
    expect(await check(signedNotification(specNotification, testKeys.strangerPrivate))).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
    expect(await check({ ...valid, sign_type: 'RSA' })).toEqual({
      status: 'rejected',
      reason: 'unsupported-sign-type',
    });
    expect(await check({ ...specNotification })).toEqual({ status: 'rejected', reason: 'missing-signature' });
    expect(await check(signedNotification({ ...specNotification, app_id: '2015000000000000' }))).toEqual({
      status: 'rejected',
      reason: 'wrong-merchant',
    });
    expect(await check(signedNotification({ ...specNotification, total_amount: '2.005' }))).toEqual({
      status: 'rejected',
      reason: 'bad-amount',
    });
  });

  it('reads refunds, closures and ignores a waiting trade', async () => {
    const provider = providerWith();
    const check = (params: Record<string, string>) =>
      provider.verifyCallback({ headers: {}, rawBody: form(signedNotification(params)) });
    expect(
      await check({
        ...specNotification,
        refund_fee: '0.50',
        gmt_refund: '2016-07-20 10:00:00.123',
        out_biz_no: 'RF1',
      }),
    ).toMatchObject({
      status: 'verified',
      event: {
        kind: 'refunded',
        refundNo: 'RF1',
        refundScope: 'order-total',
        amount: { amount: 50, currency: 'CNY' },
        occurredAt: new Date('2016-07-20T02:00:00.123Z'),
      },
    });
    expect(await check({ ...specNotification, trade_status: 'TRADE_CLOSED' })).toMatchObject({
      status: 'verified',
      event: { kind: 'closed' },
    });
    expect(await check({ ...specNotification, trade_status: 'WAIT_BUYER_PAY' })).toEqual({
      status: 'ignored',
      reason: 'WAIT_BUYER_PAY',
    });
  });

  it('answers "success" or "fail"', () => {
    expect(providerWith().callbackResponse(true)).toEqual({
      statusCode: 200,
      contentType: 'text/plain',
      body: 'success',
    });
    expect(providerWith().callbackResponse(false)).toMatchObject({ statusCode: 400, body: 'fail' });
  });

  it('queries a trade and verifies the signed answer', async () => {
    const node =
      '{"code":"10000","msg":"Success","trade_no":"2013112011001004330000121536","out_trade_no":"CW20261123000001","trade_status":"TRADE_SUCCESS","total_amount":"88.88","send_pay_date":"2026-11-23 08:59:30"}';
    let sent = '';
    const answer = (sign: string) => async (_url: string | URL | Request, init?: RequestInit) => {
      sent = String(init?.body);
      return new Response(`{"alipay_trade_query_response":${node},"sign":"${sign}"}`);
    };
    expect(await providerWith(answer(signAsAlipay(node))).queryOrder?.('CW20261123000001')).toEqual({
      state: 'paid',
      transactionId: '2013112011001004330000121536',
      amount: { amount: 8888, currency: 'CNY' },
      paidAt: new Date('2026-11-23T00:59:30Z'),
    });
    expect(Object.fromEntries(new URLSearchParams(sent))).toMatchObject({
      method: 'alipay.trade.query',
      biz_content: '{"out_trade_no":"CW20261123000001"}',
    });
    await expect(
      providerWith(answer(signAsAlipay(node, testKeys.strangerPrivate))).queryOrder?.('CW20261123000001'),
    ).rejects.toMatchObject({ code: 'RESPONSE_NOT_AUTHENTIC' });
  });

  it('reports a gateway error_response as a refusal', async () => {
    const fetch = async () =>
      new Response(
        '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}',
      );
    await expect(providerWith(fetch).queryOrder?.('CW1')).rejects.toMatchObject({
      code: 'PROVIDER_REJECTED',
      providerCode: 'isv.invalid-app-id',
    });
  });

  it('closes a trade, and treats one Alipay never saw as closed', async () => {
    const reply = (node: string) => async () =>
      new Response(`{"alipay_trade_close_response":${node},"sign":"${signAsAlipay(node)}"}`);
    await expect(
      providerWith(reply('{"code":"10000","msg":"Success","out_trade_no":"CW1"}')).closeOrder?.('CW1'),
    ).resolves.toBeUndefined();
    await expect(
      providerWith(
        reply('{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在"}'),
      ).closeOrder?.('CW1'),
    ).resolves.toBeUndefined();
    await expect(
      providerWith(
        reply(
          '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_STATUS_ERROR","sub_msg":"交易状态不合法"}',
        ),
      ).closeOrder?.('CW1'),
    ).rejects.toMatchObject({ providerCode: 'ACQ.TRADE_STATUS_ERROR' });
  });

  it('refunds in yuan and reports Alipay’s refusal', async () => {
    const reply = (node: string) => async () =>
      new Response(`{"alipay_trade_refund_response":${node},"sign":"${signAsAlipay(node)}"}`);
    const input = {
      orderNo: 'CW1',
      refundNo: 'RF1',
      refund: { amount: 2050, currency: 'CNY' },
      total: { amount: 5000, currency: 'CNY' },
      reason: '重复捐赠',
    };
    expect(
      await providerWith(reply('{"code":"10000","msg":"Success","fund_change":"Y","refund_fee":"20.50"}')).refund?.(
        input,
      ),
    ).toEqual({ state: 'succeeded' });
    await expect(
      providerWith(
        reply(
          '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.REFUND_AMT_NOT_EQUAL_TOTAL","sub_msg":"退款金额超限"}',
        ),
      ).refund?.(input),
    ).rejects.toMatchObject({
      code: 'PROVIDER_REJECTED',
      providerCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
    });
  });
});

describe('Alipay 周期扣款 (withholding)', () => {
  const withholding = (fetch: typeof globalThis.fetch) =>
    alipayProvider(
      {
        appId: '2014072300007148',
        appPrivateKey: testKeys.merchantPrivate,
        alipayPublicKey: testKeys.platformPublic,
        gateway: 'https://alipay.test/gateway.do',
        withholding: { signScene: 'INDUSTRY|DONATION' },
      },
      { fetch, clock: { now: () => now } },
    );
  const answer = (node: string, body: object) => {
    const text = JSON.stringify(body);
    return new Response(`{"${node}":${text},"sign":"${signAsAlipay(text)}"}`);
  };

  it('signs a month’s alipay.trade.pay on the agreement exactly, sign content and RSA2 signature', async () => {
    const sent: Record<string, string>[] = [];
    const provider = withholding(async (_url, init) => {
      sent.push(Object.fromEntries(new URLSearchParams(String(init?.body))));
      return answer('alipay_trade_pay_response', {
        code: '10000',
        msg: 'Success',
        trade_no: '2026120722001404010000000001',
        out_trade_no: 'CM20261207000001',
        gmt_payment: '2026-11-23 09:00:01',
      });
    });
    const result = await provider.chargeAgreement!({
      agreementId: '20215425001112345678',
      orderNo: 'CM20261207000001',
      amount: { amount: 5000, currency: 'CNY' },
      description: '月捐 2026-12 · 春蕾计划',
      notifyUrl: 'https://ngo.example/api/payments/alipay/notify/org1',
    });
    expect(result).toEqual({
      status: 'paid',
      transactionId: '2026120722001404010000000001',
      paidAt: new Date('2026-11-23T01:00:01Z'),
    });
    const { sign, ...params } = sent[0]!;
    // The sign content, written out; the signature computed independently:
    //   printf '%s' "$content" | openssl dgst -sha256 -sign test-keys/merchant-TEST-ONLY.key.pem | base64 -w0
    expect(signContent(params, ['sign'])).toBe(
      'app_id=2014072300007148&biz_content={"out_trade_no":"CM20261207000001","total_amount":"50.00",' +
        '"subject":"月捐 2026-12 · 春蕾计划","product_code":"CYCLE_PAY_AUTH","agreement_params":' +
        '{"agreement_no":"20215425001112345678"}}&charset=utf-8&format=JSON&method=alipay.trade.pay' +
        '&notify_url=https://ngo.example/api/payments/alipay/notify/org1&sign_type=RSA2' +
        '&timestamp=2026-11-23 09:00:00&version=1.0',
    );
    expect(sign).toBe(
      'mi0y1syN3AE0VzP7+81LgTFtMvbeCCBI/rlyAB+XUUQttgCjpVmrLAtXFmLe/ewBRbDQnTa01VrWyG7oyi3Ao9zkAcGVppBmfQ8VRF8AX04HhzVmZDFiAhP8QNJsy3qCCMtswLQ2+9VF33h8rofHa6uWamjAqztDg4di7Ak5utlsbLY3hze+yVZgqZkTW17oKqDP09jAQkS11deBXaW3mieYJPQ8D2r19pgzPkg8cYUNEEexH5Dvzgl8RL5uXeXEm1bgtac1F5H4Lejp17GLkzGx5qvGLQ+3eJIDnBnPXxE3ONqrNKTx5b7HYy99x7w3f1rIR8Szi3Gurlksb0MJbg==',
    );
  });

  it('reads a declined, a waiting and a failed-to-reach charge apart', async () => {
    const answers = [
      { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', sub_msg: '买家余额不足' },
      { code: '10003', msg: 'order success pay inprocess' },
      { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' },
    ];
    const provider = withholding(async () => answer('alipay_trade_pay_response', answers.shift()!));
    const charge = () =>
      provider.chargeAgreement!({
        agreementId: 'A1',
        orderNo: 'CM1',
        amount: { amount: 100, currency: 'CNY' },
        description: '月捐',
      });
    expect(await charge()).toEqual({ status: 'declined', reason: 'ACQ.BUYER_BALANCE_NOT_ENOUGH 买家余额不足' });
    expect(await charge()).toEqual({ status: 'processing' });
    await expect(charge()).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
  });

  it('verifies a dut_user_sign notice (exact RSA2 signature of its sign content) into the agreement', async () => {
    const notice = {
      notify_type: 'dut_user_sign',
      notify_id: 'e7a4b8e1d4c2',
      notify_time: '2026-12-07 10:00:03',
      sign_type: 'RSA2',
      agreement_no: '20215425001112345678',
      external_agreement_no: 'CW20261207A1B2C3D4E5F60718',
      personal_product_code: 'CYCLE_PAY_AUTH_P',
      sign_scene: 'INDUSTRY|DONATION',
      status: 'NORMAL',
      sign_time: '2026-12-07 10:00:02',
      alipay_user_id: '2088101122675263',
    };
    // printf '%s' "$content" | openssl dgst -sha256 -sign test-keys/platform-TEST-ONLY.key.pem | base64 -w0
    const sign =
      'ms2PcYlCzm9xkMDkx7dkGkOY/Kszzfo5WBj5Zxoq5ShAYfUJOntwzX3kkOZgG9IFWuF98Q4P99a+QccR3J1l5QVMY+jhBNNPrVIqaFiWPtOWwKVB23a9A6Mb7DpCP3LzmYTQCt4gbSUDS11US+G6WrTaKbwZ/gvuMwuXpFIhamXlh0jaPVMRGV7qjxOcWI7Zp3sD3B3ZKjg6DHcqlxxoUUHymntl/KTAZmN25uZaiotd+kNA2Hi2N7iXU89HzaxiuPLyfOrFLJWhN8ez84sNt3OfV3gm+iNf0QGkW3+w/Bt0gmZ5R13N8bQSQOtGywUpvj6ZJBCV6bQIA3XQKXa2zg==';
    expect(notifySignContent(notice)).toBe(
      'agreement_no=20215425001112345678&alipay_user_id=2088101122675263&external_agreement_no=CW20261207A1B2C3D4E5F60718' +
        '&notify_id=e7a4b8e1d4c2&notify_time=2026-12-07 10:00:03&notify_type=dut_user_sign&personal_product_code=CYCLE_PAY_AUTH_P' +
        '&sign_scene=INDUSTRY|DONATION&sign_time=2026-12-07 10:00:02&status=NORMAL',
    );
    const provider = withholding(() => Promise.reject(new Error('no network')));
    expect(await provider.verifyCallback({ headers: {}, rawBody: form({ ...notice, sign }) })).toEqual({
      status: 'agreement',
      event: {
        kind: 'agreement-signed',
        notificationId: 'e7a4b8e1d4c2',
        orderNo: 'CW20261207A1B2C3D4E5F60718',
        agreementId: '20215425001112345678',
        occurredAt: new Date('2026-12-07T02:00:02Z'),
      },
    });
    const tampered = form({ ...notice, agreement_no: '20215425001112345679', sign });
    expect(await provider.verifyCallback({ headers: {}, rawBody: tampered })).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
  });

  it('offers withholding only when configured', () => {
    expect(providerWith().chargeAgreement).toBeUndefined();
    expect(withholding(() => Promise.reject(new Error('no network'))).chargeAgreement).toBeTypeOf('function');
  });
});
