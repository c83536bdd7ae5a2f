import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { CaptchaProvider, CaptchaVerdict } from './provider.ts';

export interface PowCaptchaConfig {
  /** The instance's SECRET_KEY; the challenge and key signatures use keys derived from it. */
  secretKey: string;
  /** How long a challenge may be answered, from when the page asked for it. */
  ttlSeconds?: number;
  /** The answer is a counter in this range: the browser tries every number up to it (a second or two on a phone, while the person is still typing). */
  counterRange?: [number, number];
}

// The ALTCHA v2 payload: the signed challenge handed out, and the counter and key the browser found.
const payload = z.object({
  challenge: z.object({
    parameters: z.object({ expiresAt: z.number().int().positive() }).loose(),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string().max(256) }),
});

/** Reads the base64 JSON the page sends (what ALTCHA widgets send too); undefined when it is not one. */
function readPayload(answer: string) {
  try {
    const parsed = payload.safeParse(JSON.parse(Buffer.from(answer, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A self-hosted proof-of-work captcha (the ALTCHA v2 protocol, through altcha-lib): no third party and no
 * puzzle for the person, only a few hundred thousand SHA-256 hashes the page's script works out in the
 * background. The server signs each challenge with HMAC and checks the signature, the expiry and the
 * solution; it cannot tell a solution sent twice, so its verdict asks the caller to accept it `once`.
 */
export function powCaptchaProvider(config: PowCaptchaConfig, deps: { clock: Clock }): CaptchaProvider {
  const derive = (purpose: string) => createHmac('sha256', config.secretKey).update(purpose).digest('hex');
  const hmacSignatureSecret = derive('captcha-pow-challenge');
  const hmacKeySignatureSecret = derive('captcha-pow-key');
  const ttl = config.ttlSeconds ?? 20 * 60;
  const [low, high] = config.counterRange ?? [5_000, 25_000];
  return {
    name: 'pow',
    async challenge() {
      const challenge = await createChallenge({
        algorithm: 'SHA-256',
        cost: 1,
        counter: randomInt(high, low),
        deriveKey,
        expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + ttl,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      return { provider: 'pow', challenge };
    },
    async verify(answer): Promise<CaptchaVerdict> {
      if (!answer.trim()) return { ok: false, reason: 'missing' };
      const given = readPayload(answer);
      if (!given) return { ok: false, reason: 'malformed' };
      const expiresAt = new Date(given.challenge.parameters.expiresAt * 1000);
      if (expiresAt <= deps.clock.now()) return { ok: false, reason: 'expired' };
      const result = await verifySolution({
        challenge: given.challenge as unknown as Parameters<typeof verifySolution>[0]['challenge'],
        solution: given.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      if (result.expired) return { ok: false, reason: 'expired' };
      if (!result.verified) return { ok: false, reason: 'wrong' };
      return { ok: true, once: { id: given.challenge.signature, expiresAt } };
    },
  };
}
