import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PaymentProviderError, type Fetch } from '../../adapters/payments/index.ts';
import type { Config } from '../../config/config.ts';
import { deriveKey } from '../platform/index.ts';

/**
 * WeChat's web sign-in (网页授权, scope snsapi_base: silent, no consent screen) gives the donor's openid
 * for the organization's Official Account, which a JSAPI payment needs. The donor comes back to
 * /give/<order>/wechat with a one-time code; `state` ties that return to the order.
 */
export const signInPath = (orderNo: string) => `/give/${orderNo}/wechat`;

const stateOf = (secretKey: string, orderNo: string) =>
  createHmac('sha256', deriveKey(secretKey, 'wechat sign-in state v1'))
    .update(orderNo)
    .digest('base64url')
    .slice(0, 22);

export function wechatSignInUrl(
  config: Pick<Config, 'WECHAT_OAUTH_URL' | 'PUBLIC_URL' | 'SECRET_KEY'>,
  appid: string,
  orderNo: string,
): string {
  // The parameters in the order WeChat's guide gives them, and the fragment it requires.
  const query = [
    `appid=${encodeURIComponent(appid)}`,
    `redirect_uri=${encodeURIComponent(`${config.PUBLIC_URL}${signInPath(orderNo)}`)}`,
    'response_type=code',
    'scope=snsapi_base',
    `state=${stateOf(config.SECRET_KEY, orderNo)}`,
  ].join('&');
  return `${config.WECHAT_OAUTH_URL.replace(/\/+$/, '')}/connect/oauth2/authorize?${query}#wechat_redirect`;
}

export function signInStateValid(secretKey: string, orderNo: string, state: string): boolean {
  const expected = Buffer.from(stateOf(secretKey, orderNo));
  const given = Buffer.from(state);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const tokenAnswer = z.union([
  z.object({ openid: z.string().min(1).max(128) }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

/** The donor's openid for the sign-in code (sns/oauth2/access_token); the code works once, for 5 minutes. */
export async function openidOfCode(
  deps: { config: Pick<Config, 'WECHAT_API_URL'>; fetch?: Fetch },
  account: { appid: string; appSecret: string },
  code: string,
): Promise<string> {
  const query = new URLSearchParams({
    appid: account.appid,
    secret: account.appSecret,
    code,
    grant_type: 'authorization_code',
  });
  const url = `${deps.config.WECHAT_API_URL.replace(/\/+$/, '')}/sns/oauth2/access_token?${query.toString()}`;
  let body: unknown;
  try {
    const response = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) });
    body = await response.json();
  } catch (error) {
    throw new PaymentProviderError('PROVIDER_UNAVAILABLE', `微信网页授权无法访问: ${(error as Error).message}`);
  }
  const parsed = tokenAnswer.safeParse(body);
  if (!parsed.success) throw new PaymentProviderError('PROVIDER_REJECTED', '微信网页授权的应答无法识别');
  if ('errcode' in parsed.data)
    throw new PaymentProviderError(
      'PROVIDER_REJECTED',
      `微信网页授权失败 ${parsed.data.errcode} ${parsed.data.errmsg ?? ''}`,
    );
  return parsed.data.openid;
}
