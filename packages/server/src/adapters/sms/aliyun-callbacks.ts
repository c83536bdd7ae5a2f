import { parseBeijingDateTime } from '../payments/beijing-time.ts';
import { parseBatch, text, type Entry } from './callback-batch.ts';
import { e164FromVendor } from './phone.ts';
import type { CallbackParse, DeliveryReceipt, InboundMessage, SmsCallbackResponse } from './provider.ts';

/** SmsReport, HTTP batch push: [{ phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id, out_id }]. */
function readReport(entry: Entry): DeliveryReceipt | undefined {
  const providerMessageId = text(entry.biz_id);
  const phone = text(entry.phone_number);
  const statusCode = text(entry.err_code);
  if (!providerMessageId || !phone || !statusCode || typeof entry.success !== 'boolean') return undefined;
  return {
    providerMessageId,
    phone: e164FromVendor(phone),
    delivered: entry.success,
    statusCode,
    description: text(entry.err_msg),
    reportedAt: parseBeijingDateTime(entry.report_time),
    reference: text(entry.out_id),
  };
}

/** SmsUp, HTTP batch push: [{ phone_number, send_time, content, sign_name, dest_code, sequence_id }]. */
function readUp(entry: Entry): InboundMessage | undefined {
  const phone = text(entry.phone_number);
  const receivedAt = parseBeijingDateTime(entry.send_time);
  if (!phone || typeof entry.content !== 'string' || !receivedAt) return undefined;
  return {
    phone: e164FromVendor(phone),
    text: entry.content,
    receivedAt,
    signName: text(entry.sign_name),
    extension: text(entry.dest_code),
  };
}

export const parseAliyunReports = (rawBody: string): CallbackParse<DeliveryReceipt> => parseBatch(rawBody, readReport);
export const parseAliyunInbound = (rawBody: string): CallbackParse<InboundMessage> => parseBatch(rawBody, readUp);

/** Aliyun checks only that code is a number and the status is 200; a 5xx makes it push again (1, 5, 10 min). */
export const aliyunCallbackResponse = (accepted: boolean): SmsCallbackResponse =>
  accepted
    ? { statusCode: 200, contentType: 'application/json', body: JSON.stringify({ code: 0, msg: '接收成功' }) }
    : { statusCode: 500, contentType: 'application/json', body: JSON.stringify({ code: 1, msg: '处理失败' }) };
