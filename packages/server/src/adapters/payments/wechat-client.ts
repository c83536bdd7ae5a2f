import { randomBytes, type KeyLike } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { parseJson } from './json.ts';
import { PaymentProviderError, type Fetch } from './provider.ts';
import { authorizationHeader, type MerchantCredentials } from './wechat-sign.ts';
import { verifyWechatSignature, type PlatformKeys } from './wechat-verify.ts';

export interface WechatClientDeps {
  fetch: Fetch;
  clock: Clock;
  /** Random string for nonce_str and JSAPI nonceStr; injectable so tests know the answer. */
  nonce?: () => string;
}

export interface WechatClientConfig {
  merchant: MerchantCredentials & { privateKey: KeyLike };
  platform: PlatformKeys;
  baseUrl?: string;
}

export interface WechatResponse {
  status: number;
  json: Record<string, unknown> | undefined;
}

export const randomNonce = () => randomBytes(16).toString('hex').toUpperCase();

/**
 * Sends one signed APIv3 request and verifies the signature of the answer: an unsigned or
 * wrongly signed 2xx is treated as forged, as the spec says.
 */
export function wechatClient(config: WechatClientConfig, deps: WechatClientDeps) {
  const baseUrl = config.baseUrl ?? 'https://api.mch.weixin.qq.com';
  const nonce = deps.nonce ?? randomNonce;
  return async (method: 'GET' | 'POST', url: string, payload?: unknown): Promise<WechatResponse> => {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
    const authorization = authorizationHeader(config.merchant, { method, url, timestamp, nonce: nonce(), body });
    let response: Response;
    try {
      response = await deps.fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          'User-Agent': 'commonweal',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body || undefined,
      });
    } catch (error) {
      throw new PaymentProviderError('PROVIDER_UNAVAILABLE', `微信支付暂时无法连接：${String(error)}`);
    }
    const text = await response.text();
    if (response.ok) {
      const headers = Object.fromEntries(response.headers.entries());
      const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
      const check = verifyWechatSignature({ headers, body: text }, config.platform, nowSeconds);
      if (!check.ok) {
        throw new PaymentProviderError('RESPONSE_NOT_AUTHENTIC', `微信支付的应答未通过验签（${check.reason}）`);
      }
    }
    return { status: response.status, json: parseObject(text) };
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const value = parseJson(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Turns a non-2xx answer ({ code, message }) into an error a person can read. */
export function wechatFailure(response: WechatResponse): PaymentProviderError {
  const code = typeof response.json?.code === 'string' ? response.json.code : `HTTP_${response.status}`;
  const message = typeof response.json?.message === 'string' ? response.json.message : '';
  const kind = response.status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED';
  return new PaymentProviderError(kind, `微信支付拒绝了请求：${code} ${message}`.trim(), code);
}
