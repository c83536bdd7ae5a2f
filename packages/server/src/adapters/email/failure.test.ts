import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './failure.ts';
import { backoffDelay } from './smtp.ts';

// The SMTP suite classifies real server replies; these are the shapes smtp-sink cannot produce.
describe('classifySmtpError', () => {
  it('treats a 4xx that is not throttling as deferred', () => {
    expect(classifySmtpError({ responseCode: 454, response: '454 4.7.0 TLS not available' })).toMatchObject({
      kind: 'temporary',
      reason: 'deferred',
      code: 454,
    });
  });

  it('treats a failed login (535) as permanent', () => {
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toMatchObject({ kind: 'permanent', code: 535 });
  });

  it('retries a timeout and anything it cannot read', () => {
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toMatchObject({
      kind: 'temporary',
      reason: 'connection',
    });
    expect(classifySmtpError('boom')).toEqual({ kind: 'temporary', reason: 'unknown', message: 'boom' });
  });
});

describe('backoffDelay', () => {
  const policy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 8_000 };

  it('doubles the ceiling each attempt up to the maximum, with jitter below it', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(2_000);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});
