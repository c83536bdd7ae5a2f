import { createSign, type KeyLike } from 'node:crypto';
import type { WechatJsapiParams } from './provider.ts';

// Lines joined with \n and ending in \n, as the APIv3 "签名生成" guide specifies.
const lines = (...parts: string[]) => parts.map((part) => `${part}\n`).join('');

export const rsaSha256 = (message: string, privateKey: KeyLike) =>
  createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');

export interface WechatRequestToSign {
  method: string;
  /** Path and query, without the host: /v3/pay/transactions/jsapi */
  url: string;
  timestamp: number;
  nonce: string;
  body: string;
}

/** HTTP method, URL, timestamp, nonce and body, each followed by \n. */
export const requestSigningMessage = (request: WechatRequestToSign) =>
  lines(request.method.toUpperCase(), request.url, String(request.timestamp), request.nonce, request.body);

/** Timestamp, nonce and body of a response or callback, each followed by \n. */
export const responseSigningMessage = (timestamp: string, nonce: string, body: string) => lines(timestamp, nonce, body);

export interface MerchantCredentials {
  mchid: string;
  serialNo: string;
  privateKey: KeyLike;
}

/** The Authorization header of an APIv3 request. */
export function authorizationHeader(merchant: MerchantCredentials, request: WechatRequestToSign): string {
  const signature = rsaSha256(requestSigningMessage(request), merchant.privateKey);
  return (
    `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchid}",nonce_str="${request.nonce}",` +
    `signature="${signature}",timestamp="${request.timestamp}",serial_no="${merchant.serialNo}"`
  );
}

/** The signed parameters for WeixinJSBridge getBrandWCPayRequest (JSAPI调起支付). */
export function jsapiPayParams(
  appId: string,
  prepayId: string,
  timestamp: number,
  nonce: string,
  privateKey: KeyLike,
): WechatJsapiParams {
  const pkg = `prepay_id=${prepayId}`;
  const paySign = rsaSha256(lines(appId, String(timestamp), nonce, pkg), privateKey);
  return { appId, timeStamp: String(timestamp), nonceStr: nonce, package: pkg, signType: 'RSA', paySign };
}
