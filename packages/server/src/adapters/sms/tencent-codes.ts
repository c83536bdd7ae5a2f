import { permanent, secondsUntilBeijingHour, throttled, unavailable } from './failures.ts';
import type { SendResult } from './provider.ts';

const limitWindows: Record<string, number> = {
  'LimitExceeded.PhoneNumberThirtySecondLimit': 30,
  'LimitExceeded.PhoneNumberOneHourLimit': 3600,
  'LimitExceeded.DeliveryFrequencyLimit': 60,
};
const untilMidnight = new Set([
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'LimitExceeded.DailyLimit',
  'LimitExceeded.AppDailyLimit',
]);

/** Tencent's codes are dotted families (AuthFailure.*, InternalError.*); the family decides the kind. */
function classify(code: string, message: string, status: number, now: Date): SendResult {
  if (code in limitWindows) return throttled(code, message, limitWindows[code]!);
  if (untilMidnight.has(code)) return throttled(code, message, secondsUntilBeijingHour(0, now));
  // Marketing messages are refused between 22:00 and 08:00 Beijing time.
  if (code === 'FailedOperation.MarketingSendTimeConstraint')
    return throttled(code, message, secondsUntilBeijingHour(8, now));
  if (code.startsWith('RequestLimitExceeded')) return throttled(code, message, 1);
  if (code.includes('PhoneNumber') && !code.startsWith('LimitExceeded'))
    return permanent('invalid-number', code, message);
  if (code.includes('Signature') && code.startsWith('FailedOperation'))
    return permanent('signature-rejected', code, message);
  if (code.includes('SignName') || code === 'FailedOperation.MissingSignature') {
    return permanent('signature-rejected', code, message);
  }
  if (code.includes('Template') || code === 'FailedOperation.ContainSensitiveWord') {
    return permanent('template-rejected', code, message);
  }
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation'))
    return permanent('auth-failed', code, message);
  if (code.startsWith('InternalError') || status >= 500) return unavailable(code, message);
  return permanent('other', code, message || `腾讯云短信返回了无法识别的应答（HTTP ${status}）`);
}

const record = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Reads { Response: { SendStatusSet: [{ SerialNo, Code, Message }] } } or { Response: { Error } }.
 * Tencent answers HTTP 200 for both, so the body decides.
 */
export function tencentResult(status: number, body: Record<string, unknown> | undefined, now: Date): SendResult {
  const response = record(body?.Response);
  const error = record(response?.Error);
  if (error) return classify(str(error.Code), str(error.Message), status, now);
  const first = record(Array.isArray(response?.SendStatusSet) ? response.SendStatusSet[0] : undefined);
  if (!first) return classify(`HTTP_${status}`, '', status, now);
  const code = str(first.Code);
  if (code === 'Ok' && str(first.SerialNo)) return { ok: true, providerMessageId: str(first.SerialNo) };
  return classify(code || `HTTP_${status}`, str(first.Message), status, now);
}
