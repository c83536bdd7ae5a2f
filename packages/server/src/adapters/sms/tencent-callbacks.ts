import { parseBeijingDateTime } from '../payments/beijing-time.ts';
import { parseBatch, text, type Entry } from './callback-batch.ts';
import { e164FromVendor } from './phone.ts';
import type { CallbackParse, DeliveryReceipt, InboundMessage, SmsCallbackResponse } from './provider.ts';

/** 短信下发状态通知: [{ user_receive_time, nationcode, mobile, report_status, errmsg, description, sid }]. */
function readReport(entry: Entry): DeliveryReceipt | undefined {
  const providerMessageId = text(entry.sid);
  const mobile = text(entry.mobile);
  const status = text(entry.report_status);
  if (!providerMessageId || !mobile || (status !== 'SUCCESS' && status !== 'FAIL')) return undefined;
  return {
    providerMessageId,
    phone: e164FromVendor(mobile, text(entry.nationcode) ?? '86'),
    delivered: status === 'SUCCESS',
    statusCode: text(entry.errmsg) ?? status,
    description: text(entry.description),
    reportedAt: parseBeijingDateTime(entry.user_receive_time),
  };
}

/** 短信回复: { extend, mobile, nationcode, sign, text, time } with time in Unix seconds. */
function readReply(entry: Entry): InboundMessage | undefined {
  const mobile = text(entry.mobile);
  if (!mobile || typeof entry.text !== 'string' || typeof entry.time !== 'number' || !Number.isFinite(entry.time)) {
    return undefined;
  }
  return {
    phone: e164FromVendor(mobile, text(entry.nationcode) ?? '86'),
    text: entry.text,
    receivedAt: new Date(entry.time * 1000),
    signName: text(entry.sign),
    extension: text(entry.extend),
  };
}

export const parseTencentReports = (rawBody: string): CallbackParse<DeliveryReceipt> => parseBatch(rawBody, readReport);
export const parseTencentReplies = (rawBody: string): CallbackParse<InboundMessage> => parseBatch(rawBody, readReply);

/** Tencent reads result 0 as received; anything else makes it push again. */
export const tencentCallbackResponse = (accepted: boolean): SmsCallbackResponse => ({
  statusCode: 200,
  contentType: 'application/json',
  body: JSON.stringify(accepted ? { result: 0, errmsg: 'OK' } : { result: 1, errmsg: '处理失败' }),
});
