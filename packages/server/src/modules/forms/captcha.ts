import type { CaptchaProvider, CaptchaRefusal } from '../../adapters/captcha/index.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { claimCaptchaSolution } from './captcha-store.ts';

const refusals: Record<CaptchaRefusal, string> = {
  missing: 'captcha missing',
  malformed: 'captcha malformed',
  wrong: 'captcha wrong',
  expired: 'captcha expired',
  replayed: 'captcha already used',
  unavailable: 'captcha service unavailable',
};

/**
 * Checks the captcha answer a public submission carries (人机验证), before anything of it is recorded:
 * a missing, wrong, expired or reused answer is CAPTCHA_FAILED (400) at `path`. An accepted proof of
 * work is remembered in the database until it expires, so no process takes it twice. Every public
 * form-backed route calls this when its form asks for a captcha.
 */
export async function checkCaptcha(
  deps: { db: Db; captcha: CaptchaProvider },
  answer: string | undefined,
  context: { ip: string; path: string },
): Promise<void> {
  const verdict = await deps.captcha.verify(answer ?? '', { ip: context.ip });
  const reason = verdict.ok
    ? verdict.once && !(await claimCaptchaSolution(deps.db, verdict.once.id, verdict.once.expiresAt))
      ? 'replayed'
      : undefined
    : verdict.reason;
  if (!reason) return;
  const message = refusals[reason];
  throw new AppError('CAPTCHA_FAILED', `The captcha was not passed: ${message}`, [{ path: context.path, message }]);
}
