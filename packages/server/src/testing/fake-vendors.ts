import { createServer, type IncomingMessage } from 'node:http';
import { createVerify } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { requestSigningMessage } from '../adapters/payments/wechat-sign.ts';
import { encryptResource } from '../adapters/payments/wechat-aead.ts';
import { testKeys } from '../adapters/payments/test-keys/test-keys.ts';
import { platformSerial, wechatPlatformHeaders } from '../adapters/payments/test-keys/wechat-platform.ts';
import { answerWithholding, newWithholdingState, type WithholdingState } from './fake-withholding.ts';

/**
 * TEST ONLY: WeChat Pay APIv3 and WeChat's web sign-in as a local HTTP server, to the published spec:
 * each request's WECHATPAY2-SHA256-RSA2048 signature is checked against the merchant's public key, and
 * each answer is signed with the (test) platform key, as the real service does. Payment vendors are the
 * one kind of service the tests may fake.
 */
export interface FakeVendors {
  url: string;
  /** Requests that reached WeChat Pay, with whether their signature verified. */
  wechatRequests: { method: string; path: string; body: Record<string, unknown>; signatureValid: boolean }[];
  /** Sign-in codes WeChat would hand back, by code: the openid each gives. */
  signInCodes: Map<string, string>;
  /** Orders the donor paid at WeChat Pay, by order number: what a query answers (else NOTPAY). */
  paidOrders: Map<string, { amount: number; transactionId: string }>;
  /** WeChat Pay's APIv2 委托代扣 and Alipay's gateway (fake-withholding.ts). */
  withholding: WithholdingState;
  close(): Promise<void>;
}

export const fakeMerchant = {
  mchid: '1900009191',
  appid: 'wxd678efh567hg6787',
  appSecret: 'abcdef0123456789abcdef0123456789',
  merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  apiV3Key: 'TEST-ONLY-apiv3-key-32-chars-xyz',
} as const;

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

function signatureValid(request: IncomingMessage, path: string, body: string) {
  const authorization = request.headers.authorization ?? '';
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(authorization)?.[1] ?? '';
  if (!authorization.startsWith('WECHATPAY2-SHA256-RSA2048 ') || field('mchid') !== fakeMerchant.mchid) return false;
  const message = requestSigningMessage({
    method: request.method as 'GET' | 'POST',
    url: path,
    timestamp: Number(field('timestamp')),
    nonce: field('nonce_str'),
    body,
  });
  return createVerify('RSA-SHA256').update(message).verify(testKeys.merchantPublic, field('signature'), 'base64');
}

export async function startFakeVendors(): Promise<FakeVendors> {
  const wechatRequests: FakeVendors['wechatRequests'] = [];
  const signInCodes = new Map<string, string>();
  const paidOrders = new Map<string, { amount: number; transactionId: string }>();
  const withholding = newWithholdingState();
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://vendor');
      const raw = await readBody(request);
      if (await answerWithholding(withholding, url.pathname, raw, response)) return;
      if (url.pathname === '/sns/oauth2/access_token') {
        const openid = signInCodes.get(url.searchParams.get('code') ?? '');
        signInCodes.delete(url.searchParams.get('code') ?? '');
        const ok = openid && url.searchParams.get('secret') === fakeMerchant.appSecret;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            ok
              ? { access_token: 'AT', expires_in: 7200, openid, scope: 'snsapi_base' }
              : { errcode: 40029, errmsg: 'invalid code' },
          ),
        );
        return;
      }
      const path = `${url.pathname}${url.search}`;
      const valid = signatureValid(request, path, raw);
      wechatRequests.push({
        method: request.method ?? '',
        path,
        body: raw ? JSON.parse(raw) : {},
        signatureValid: valid,
      });
      if (!valid) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }));
        return;
      }
      const kind = /^\/v3\/pay\/transactions\/(native|h5|jsapi)$/.exec(url.pathname)?.[1];
      const queried =
        request.method === 'GET' && /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname)?.[1];
      const paid = queried ? paidOrders.get(queried) : undefined;
      const answer = queried
        ? paid
          ? {
              trade_state: 'SUCCESS',
              transaction_id: paid.transactionId,
              success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
              amount: { total: paid.amount, currency: 'CNY' },
            }
          : { trade_state: 'NOTPAY' }
        : kind === 'native'
          ? { code_url: `weixin://wxpay/bizpayurl?pr=${wechatRequests.length}TEST` }
          : kind === 'h5'
            ? { h5_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016&package=1' }
            : kind === 'jsapi'
              ? { prepay_id: `wx201410272009395522657a690389285100${wechatRequests.length}` }
              : undefined;
      const body = answer ? JSON.stringify(answer) : '';
      response.writeHead(answer ? 200 : 204, {
        'content-type': 'application/json',
        ...wechatPlatformHeaders(body, Math.floor(Date.now() / 1000)),
      });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wechatRequests,
    signInCodes,
    paidOrders,
    withholding,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An app's environment pointing WeChat (Pay and sign-in) and Alipay at the fake vendors. */
export const fakeVendorEnv = (vendors: Pick<FakeVendors, 'url'>) => ({
  PUBLIC_URL: 'https://give.example.org',
  WECHATPAY_API_URL: vendors.url,
  WECHAT_API_URL: vendors.url,
  WECHAT_OAUTH_URL: vendors.url,
  ALIPAY_GATEWAY: `${vendors.url}/gateway.do`,
});

/** A WeChat Pay payment notification for an order, signed and encrypted as WeChat Pay sends it. */
export function wechatPaidNotice(
  order: { orderNo: string; amount: number },
  options: { transactionId?: string; apiV3Key?: string; signingKey?: string } = {},
) {
  const transaction = {
    mchid: fakeMerchant.mchid,
    appid: fakeMerchant.appid,
    out_trade_no: order.orderNo,
    transaction_id: options.transactionId ?? `42000${order.orderNo.slice(-12)}`,
    trade_type: 'NATIVE',
    trade_state: 'SUCCESS',
    success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: order.amount, payer_total: order.amount, currency: 'CNY', payer_currency: 'CNY' },
  };
  const rawBody = JSON.stringify({
    id: `EV-${order.orderNo}`,
    create_time: transaction.success_time,
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(
      JSON.stringify(transaction),
      options.apiV3Key ?? fakeMerchant.apiV3Key,
      'fdasflkja484',
      'transaction',
    ),
  });
  const headers = wechatPlatformHeaders(
    rawBody,
    Math.floor(Date.now() / 1000),
    'fdasfwe4444',
    options.signingKey ?? testKeys.platformPrivate,
  );
  return { headers, rawBody };
}

/** The organization's WeChat Pay account as staff enter it under 收款设置, against the fake vendor. */
export const fakeWechatPaySettings = () => ({
  mchid: fakeMerchant.mchid,
  appid: fakeMerchant.appid,
  merchantSerialNo: fakeMerchant.merchantSerialNo,
  merchantPrivateKey: testKeys.merchantPrivate,
  apiV3Key: fakeMerchant.apiV3Key,
  appSecret: fakeMerchant.appSecret,
  platformKeys: [{ serial: platformSerial, pem: testKeys.platformPublic }],
});
