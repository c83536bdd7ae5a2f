import type { Clock } from '../clock.ts';
import { powCaptchaProvider } from './pow.ts';
import type { CaptchaProvider, Fetch } from './provider.ts';
import { tencentCaptchaProvider } from './tencent.ts';

/** The captcha provider interface: public form-backed routes use only these types. */
export type { CaptchaChallenge, CaptchaProvider, CaptchaRefusal, CaptchaVerdict } from './provider.ts';
/** The built-in proof of work (ALTCHA v2), self-hosted. */
export { powCaptchaProvider } from './pow.ts';
/** 腾讯云验证码 (DescribeCaptchaResult, TC3-HMAC-SHA256). */
export {
  tencentCaptchaProvider,
  TENCENT_CAPTCHA_ORIGINS,
  TENCENT_CAPTCHA_SCRIPT,
  type TencentCaptchaConfig,
} from './tencent.ts';

/** The part of the configuration that chooses and sets up the captcha (validated at start). */
export interface CaptchaConfig {
  SECRET_KEY: string;
  CAPTCHA_PROVIDER: 'pow' | 'tencent';
  TENCENT_CAPTCHA_APP_ID?: string;
  TENCENT_CAPTCHA_APP_SECRET_KEY?: string;
  TENCENT_CAPTCHA_SECRET_ID?: string;
  TENCENT_CAPTCHA_SECRET_KEY?: string;
  TENCENT_CAPTCHA_ENDPOINT: string;
}

/** The instance's captcha, as CAPTCHA_PROVIDER says: the built-in proof of work unless Tencent is chosen. */
export function buildCaptchaProvider(config: CaptchaConfig, deps: { clock: Clock; fetch?: Fetch }): CaptchaProvider {
  if (config.CAPTCHA_PROVIDER === 'tencent')
    return tencentCaptchaProvider(
      {
        captchaAppId: config.TENCENT_CAPTCHA_APP_ID!,
        appSecretKey: config.TENCENT_CAPTCHA_APP_SECRET_KEY!,
        secretId: config.TENCENT_CAPTCHA_SECRET_ID!,
        secretKey: config.TENCENT_CAPTCHA_SECRET_KEY!,
        endpoint: config.TENCENT_CAPTCHA_ENDPOINT,
      },
      { clock: deps.clock, fetch: deps.fetch ?? fetch },
    );
  return powCaptchaProvider({ secretKey: config.SECRET_KEY }, deps);
}
