/** The fetch the Tencent adapter calls its API with; tests point it at a local server instead. */
export type Fetch = typeof fetch;

/** What a page needs to ask for a captcha: a puzzle its script solves, or the vendor's widget to show. */
export type CaptchaChallenge =
  { provider: 'pow'; challenge: unknown } | { provider: 'tencent'; appId: string; script: string };

/** Why a captcha answer was refused; `unavailable` is the vendor's fault, not the person's. */
export type CaptchaRefusal = 'missing' | 'malformed' | 'wrong' | 'expired' | 'replayed' | 'unavailable';

export type CaptchaVerdict =
  | {
      ok: true;
      /** A solution the provider cannot tell was used before: the caller must accept it once only, until it expires. */
      once?: { id: string; expiresAt: Date };
    }
  | { ok: false; reason: CaptchaRefusal };

/**
 * One kind of captcha (人机验证). Public forms ask `challenge()` for what their page shows, and hand the
 * answer the page sent to `verify()`; a provider that cannot refuse a second use says so with `once`.
 */
export interface CaptchaProvider {
  readonly name: 'pow' | 'tencent';
  challenge(): Promise<CaptchaChallenge>;
  verify(answer: string, context: { ip: string }): Promise<CaptchaVerdict>;
}
