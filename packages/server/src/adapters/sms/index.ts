/** The SMS provider interface; the sending engine and the callback routes use only these types. */
export type {
  CallbackParse,
  DeliveryReceipt,
  FailedSend,
  Fetch,
  InboundMessage,
  SendResult,
  SmsCallbackRequest,
  SmsCallbackResponse,
  SmsFailure,
  SmsFailureKind,
  SmsMessage,
  SmsProvider,
} from './provider.ts';
/** 阿里云短信服务 (dysmsapi SendSms, RPC HMAC-SHA1 signature). */
export { aliyunSmsProvider, type AliyunSmsConfig } from './aliyun.ts';
/** 腾讯云短信 (SendSms, API 3.0, TC3-HMAC-SHA256). */
export { tencentSmsProvider, type TencentSmsConfig } from './tencent.ts';
/** Development provider: writes messages to DATA_DIR instead of sending them. */
export { outboxSmsProvider, readOutbox, type OutboxConfig, type OutboxEntry } from './outbox.ts';
/** How many billed messages a text is: 70 characters in one, 67 per part beyond that. */
export { countSegments, type SegmentCount } from './segments.ts';
/** The opt-out keyword (TD, 退订, STOP…) an inbound reply carries, if any. */
export { optOutKeyword } from './opt-out.ts';
/** When a message may go, given the organization's time zone and quiet window. */
export { nextSendTime, type QuietHours } from './quiet-hours.ts';
