import type { FailedSend, SmsFailureKind } from './provider.ts';

type PermanentKind = Exclude<SmsFailureKind, 'throttled' | 'unavailable'>;

export const throttled = (providerCode: string, message: string, retryAfterSeconds: number): FailedSend => ({
  ok: false,
  failure: { kind: 'throttled', retryable: true, retryAfterSeconds, providerCode, message },
});

export const unavailable = (providerCode: string, message: string): FailedSend => ({
  ok: false,
  failure: { kind: 'unavailable', retryable: true, providerCode, message },
});

export const permanent = (kind: PermanentKind, providerCode: string, message: string): FailedSend => ({
  ok: false,
  failure: { kind, retryable: false, providerCode, message },
});

/**
 * Seconds from `now` until the next hh:00 in China Standard Time (UTC+8, no daylight saving), where
 * both vendors reset their daily limits and Tencent lifts its night ban on marketing messages.
 */
export function secondsUntilBeijingHour(hour: number, now: Date): number {
  const day = 86_400_000;
  const sinceBeijingMidnight = (now.getTime() + 8 * 3_600_000) % day;
  const wait = (hour * 3_600_000 - sinceBeijingMidnight + day) % day || day;
  return Math.ceil(wait / 1000);
}
