import { describe, expect, it } from 'vitest';
import { testKeys } from './test-keys/test-keys.ts';
import { platformSerial, wechatPlatformHeaders } from './test-keys/wechat-platform.ts';
import { encryptResource } from './wechat-aead.ts';
import { wechatPayProvider } from './wechat.ts';

const apiV3Key = 'TEST-ONLY-apiv3-key-32-chars-xyz';
const now = new Date('2026-11-23T01:00:00Z');
const nowSeconds = now.getTime() / 1000;

const provider = wechatPayProvider(
  {
    mchid: '1900009191',
    appid: 'wxTESTAPPID0000001',
    merchantSerialNo: 'MERCHANTSERIAL',
    merchantPrivateKey: testKeys.merchantPrivate,
    apiV3Key,
    platformKeys: { [platformSerial]: testKeys.platformPublic },
  },
  { fetch: () => Promise.reject(new Error('no network in tests')), clock: { now: () => now } },
);

const paidTransaction = {
  mchid: '1900009191',
  appid: 'wxTESTAPPID0000001',
  out_trade_no: 'CW20261123000001',
  transaction_id: '4200001234202611230000000001',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  success_time: '2026-11-23T08:59:30+08:00',
  payer: { openid: 'oTEST' },
  amount: { total: 5000, payer_total: 5000, currency: 'CNY', payer_currency: 'CNY' },
};

function notification(eventType: string, resource: object, key = apiV3Key) {
  return JSON.stringify({
    id: 'EV-2026112300000001',
    create_time: '2026-11-23T08:59:31+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(resource), key, 'fdasflkja484', 'transaction'),
  });
}

const signed = (rawBody: string, timestamp = nowSeconds, key = testKeys.platformPrivate) => ({
  headers: wechatPlatformHeaders(rawBody, timestamp, 'fdasfwe4444', key),
  rawBody,
});

describe('WeChat Pay callback verification', () => {
  it('turns a valid payment notification into a paid event', async () => {
    const result = await provider.verifyCallback(signed(notification('TRANSACTION.SUCCESS', paidTransaction)));
    expect(result).toEqual({
      status: 'verified',
      event: {
        kind: 'paid',
        notificationId: 'EV-2026112300000001',
        orderNo: 'CW20261123000001',
        transactionId: '4200001234202611230000000001',
        amount: { amount: 5000, currency: 'CNY' },
        occurredAt: new Date('2026-11-23T00:59:30Z'),
      },
    });
  });

  it('turns a refund notification into a refunded event', async () => {
    const refund = {
      mchid: '1900009191',
      out_trade_no: 'CW20261123000001',
      transaction_id: '4200001234202611230000000001',
      out_refund_no: 'RF20261123000001',
      refund_id: '50000000382019052709732678859',
      refund_status: 'SUCCESS',
      success_time: '2026-11-23T09:30:00+08:00',
      amount: { total: 5000, refund: 2000, payer_total: 5000, payer_refund: 2000 },
    };
    const result = await provider.verifyCallback(signed(notification('REFUND.SUCCESS', refund)));
    expect(result).toMatchObject({
      status: 'verified',
      event: {
        kind: 'refunded',
        refundNo: 'RF20261123000001',
        refundScope: 'this-refund',
        amount: { amount: 2000, currency: 'CNY' },
      },
    });
  });

  it('rejects each kind of bad callback with its own reason', async () => {
    const body = notification('TRANSACTION.SUCCESS', paidTransaction);
    const valid = signed(body);
    const cases = {
      tamperedBody: { ...valid, rawBody: body.replace('支付成功', '支付成功!') },
      wrongSerial: { ...valid, headers: { ...valid.headers, 'wechatpay-serial': 'SOMEONE-ELSES-SERIAL' } },
      staleTimestamp: signed(body, nowSeconds - 301),
      futureTimestamp: signed(body, nowSeconds + 301),
      otherSigningKey: signed(body, nowSeconds, testKeys.strangerPrivate),
      missingSignature: { ...valid, headers: { ...valid.headers, 'wechatpay-signature': undefined } },
      wrongApiV3Key: signed(notification('TRANSACTION.SUCCESS', paidTransaction, 'TEST-ONLY-another-key-32-chars-x')),
    };
    const reasons = Object.fromEntries(
      await Promise.all(
        Object.entries(cases).map(async ([name, request]) => [name, await provider.verifyCallback(request)]),
      ),
    );
    expect(reasons).toEqual({
      tamperedBody: { status: 'rejected', reason: 'bad-signature' },
      wrongSerial: { status: 'rejected', reason: 'unknown-serial' },
      staleTimestamp: { status: 'rejected', reason: 'stale-timestamp' },
      futureTimestamp: { status: 'rejected', reason: 'stale-timestamp' },
      otherSigningKey: { status: 'rejected', reason: 'signed-by-another-key' },
      missingSignature: { status: 'rejected', reason: 'missing-signature' },
      wrongApiV3Key: { status: 'rejected', reason: 'decrypt-failed' },
    });
  });

  it('rejects a bad tag in the GCM ciphertext even when the envelope is signed', async () => {
    const envelope = JSON.parse(notification('TRANSACTION.SUCCESS', paidTransaction)) as {
      resource: { ciphertext: string };
    };
    const sealed = Buffer.from(envelope.resource.ciphertext, 'base64');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0x80;
    envelope.resource.ciphertext = sealed.toString('base64');
    const result = await provider.verifyCallback(signed(JSON.stringify(envelope)));
    expect(result).toEqual({ status: 'rejected', reason: 'decrypt-failed' });
  });

  it('rejects an amount that is not whole fen, and another merchant', async () => {
    const fractional = { ...paidTransaction, amount: { ...paidTransaction.amount, total: 50.5 } };
    const asString = { ...paidTransaction, amount: { ...paidTransaction.amount, total: '5000' } };
    const otherMerchant = { ...paidTransaction, mchid: '1900000000' };
    expect(await provider.verifyCallback(signed(notification('TRANSACTION.SUCCESS', fractional)))).toEqual({
      status: 'rejected',
      reason: 'bad-amount',
    });
    expect(await provider.verifyCallback(signed(notification('TRANSACTION.SUCCESS', asString)))).toEqual({
      status: 'rejected',
      reason: 'bad-amount',
    });
    expect(await provider.verifyCallback(signed(notification('TRANSACTION.SUCCESS', otherMerchant)))).toEqual({
      status: 'rejected',
      reason: 'wrong-merchant',
    });
  });

  it('rejects a signed body that is not a notification', async () => {
    expect(await provider.verifyCallback(signed('not json'))).toEqual({ status: 'rejected', reason: 'malformed' });
  });

  it('answers 204 with no body on success and a FAIL body otherwise', () => {
    expect(provider.callbackResponse(true)).toEqual({ statusCode: 204, contentType: 'application/json', body: '' });
    expect(provider.callbackResponse(false)).toEqual({
      statusCode: 400,
      contentType: 'application/json',
      body: '{"code":"FAIL","message":"失败"}',
    });
  });
});

describe('WeChat Pay platform certificates', () => {
  const serial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
  const withCertificate = (configuredSerial: string) =>
    wechatPayProvider(
      {
        mchid: '1900009191',
        appid: 'wxTESTAPPID0000001',
        merchantSerialNo: 'MERCHANTSERIAL',
        merchantPrivateKey: testKeys.merchantPrivate,
        apiV3Key,
        platformKeys: { [configuredSerial]: testKeys.platformCertificate },
      },
      { fetch: () => Promise.reject(new Error('no network in tests')), clock: { now: () => now } },
    );

  it('verifies callbacks with the key inside a certificate configured under its own serial', async () => {
    const request = signed(notification('TRANSACTION.SUCCESS', paidTransaction));
    const headers = { ...request.headers, 'wechatpay-serial': serial };
    expect(await withCertificate(serial).verifyCallback({ ...request, headers })).toMatchObject({ status: 'verified' });
  });

  it('refuses a certificate configured under another serial', () => {
    expect(() => withCertificate('0000000000000000000000000000000000000000')).toThrow('is configured as');
  });
});
