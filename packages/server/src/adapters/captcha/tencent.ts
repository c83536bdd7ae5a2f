import type { Clock } from '../clock.ts';
import { parseJson } from '../payments/json.ts';
import { tc3Authorization, type Tc3Credentials } from '../sms/tencent-sign.ts';
import type { CaptchaProvider, CaptchaVerdict, Fetch } from './provider.ts';

export interface TencentCaptchaConfig extends Tc3Credentials {
  /** 验证码 CaptchaAppId (验证码控制台 → 验证管理 → 基础配置). */
  captchaAppId: string;
  /** That app's AppSecretKey, sent with each check. */
  appSecretKey: string;
  /** Default https://captcha.tencentcloudapi.com/ (tests point it at a local server). */
  endpoint?: string;
}

/** Tencent's widget; loaded by the form page only when this provider is chosen (the one third-party script). */
export const TENCENT_CAPTCHA_SCRIPT = 'https://turing.captcha.qcloud.com/TCaptcha.js';
/** Where the widget loads its frames, pictures and checks from, for the page's Content-Security-Policy. */
export const TENCENT_CAPTCHA_ORIGINS = 'https://turing.captcha.qcloud.com https://turing.captcha.gtimg.com';

const contentType = 'application/json; charset=utf-8';

/** The page sends back what the widget's callback gave it: {"ticket": "...", "randstr": "..."}. */
function readTicket(answer: string): { ticket: string; randstr: string } | undefined {
  const value = parseJson(answer) as { ticket?: unknown; randstr?: unknown } | undefined;
  if (!value || typeof value !== 'object') return undefined;
  const { ticket, randstr } = value;
  const fits = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 4096;
  return fits(ticket) && fits(randstr) ? { ticket, randstr } : undefined;
}

export const describeCaptchaResultPayload = (
  config: TencentCaptchaConfig,
  ticket: { ticket: string; randstr: string },
  ip: string,
) =>
  JSON.stringify({
    CaptchaType: 9,
    Ticket: ticket.ticket,
    UserIp: ip,
    Randstr: ticket.randstr,
    CaptchaAppId: Number(config.captchaAppId),
    AppSecretKey: config.appSecretKey,
  });

// CaptchaCode 1 is a pass; 8 an expired ticket (they last 5 minutes), 9 a ticket used before; 26 and 31
// are Tencent's own trouble (system error, no package or arrears); the rest a ticket that is not right.
const verdictOf = (code: number): CaptchaVerdict =>
  code === 1
    ? { ok: true }
    : code === 8
      ? { ok: false, reason: 'expired' }
      : code === 9
        ? { ok: false, reason: 'replayed' }
        : code === 26 || code === 31
          ? { ok: false, reason: 'unavailable' }
          : { ok: false, reason: 'wrong' };

/**
 * 腾讯云验证码 (Tencent Cloud Captcha): the page shows Tencent's widget, and the server asks
 * DescribeCaptchaResult (API 3.0, version 2019-07-22, TC3-HMAC-SHA256) whether the ticket it returned
 * passed. Tencent refuses a ticket used twice itself.
 */
export function tencentCaptchaProvider(
  config: TencentCaptchaConfig,
  deps: { fetch: Fetch; clock: Clock },
): CaptchaProvider {
  const url = new URL(config.endpoint ?? 'https://captcha.tencentcloudapi.com/');
  return {
    name: 'tencent',
    async challenge() {
      return { provider: 'tencent', appId: config.captchaAppId, script: TENCENT_CAPTCHA_SCRIPT };
    },
    async verify(answer, context) {
      if (!answer.trim()) return { ok: false, reason: 'missing' };
      const ticket = readTicket(answer);
      if (!ticket) return { ok: false, reason: 'malformed' };
      const payload = describeCaptchaResultPayload(config, ticket, context.ip);
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      const authorization = tc3Authorization(config, {
        host: url.host,
        service: 'captcha',
        contentType,
        payload,
        timestamp,
      });
      let json: unknown;
      try {
        const response = await deps.fetch(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': contentType,
            'X-TC-Action': 'DescribeCaptchaResult',
            'X-TC-Version': '2019-07-22',
            'X-TC-Timestamp': String(timestamp),
          },
          body: payload,
          signal: AbortSignal.timeout(5_000),
        });
        json = parseJson(await response.text());
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      const code = (json as { Response?: { CaptchaCode?: unknown } } | undefined)?.Response?.CaptchaCode;
      // An API error (bad keys, a signature refused) carries Response.Error and no CaptchaCode.
      return typeof code === 'number' ? verdictOf(code) : { ok: false, reason: 'unavailable' };
    },
  };
}
