import { permanent, secondsUntilBeijingHour, throttled, unavailable } from './failures.ts';
import type { SendResult } from './provider.ts';

const signatureCodes = new Set(['isv.SMS_SIGNATURE_ILLEGAL', 'isv.SMS_SIGN_ILLEGAL', 'isv.SIGN_NAME_ILLEGAL']);
const templateCodes = new Set([
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.PARAM_NOT_SUPPORT_URL',
  'isv.SMS_CONTENT_ILLEGAL',
]);
const numberCodes = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT']);
const authCodes = new Set([
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'Forbidden.RAM',
  'isp.RAM_PERMISSION_DENY',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.DENY_IP_RANGE',
]);
const unavailableCodes = new Set(['isp.SYSTEM_ERROR', 'ServiceUnavailable', 'InternalError']);

/**
 * Reads an Aliyun SendSms answer ({ Code, Message, BizId }) as a SendResult. isv.BUSINESS_LIMIT_CONTROL
 * is the per-number frequency control, whose message names the window (触发分钟级/小时级/天级流控).
 */
export function aliyunResult(status: number, body: Record<string, unknown> | undefined, now: Date): SendResult {
  const code = typeof body?.Code === 'string' ? body.Code : `HTTP_${status}`;
  const message = typeof body?.Message === 'string' ? body.Message : '';
  if (code === 'OK' && typeof body?.BizId === 'string' && body.BizId)
    return { ok: true, providerMessageId: body.BizId };
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    if (message.includes('分钟')) return throttled(code, message, 60);
    if (message.includes('小时')) return throttled(code, message, 3600);
    return throttled(code, message, secondsUntilBeijingHour(0, now));
  }
  if (code === 'isv.DAY_LIMIT_CONTROL') return throttled(code, message, secondsUntilBeijingHour(0, now));
  if (code.startsWith('Throttling')) return throttled(code, message, 1);
  if (numberCodes.has(code)) return permanent('invalid-number', code, message);
  if (signatureCodes.has(code)) return permanent('signature-rejected', code, message);
  if (templateCodes.has(code)) return permanent('template-rejected', code, message);
  if (authCodes.has(code)) return permanent('auth-failed', code, message);
  if (unavailableCodes.has(code) || status >= 500) return unavailable(code, message);
  return permanent('other', code, message || `阿里云短信返回了无法识别的应答（HTTP ${status}）`);
}
