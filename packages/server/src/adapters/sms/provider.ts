/** The fetch the adapters call vendors with; tests pass a stand-in so they never reach the network. */
export type Fetch = typeof fetch;

/** One templated message to one phone. Chinese carriers only deliver approved signatures and templates. */
export interface SmsMessage {
  /** E.164, e.g. +8613800138000. */
  phone: string;
  /** The approved signature (签名), without 【】. */
  signName: string;
  /** The approved template: Aliyun's SMS_123456789, Tencent's numeric TemplateId. */
  templateCode: string;
  /** Aliyun fills ${name}; Tencent fills {1}, {2}…, so its keys must be "1", "2"… */
  templateParams: Record<string, string>;
  /** Our id for this send, echoed back in receipts where the vendor allows (Aliyun OutId, Tencent SessionContext). */
  reference?: string;
}

/**
 * Why a send failed. The sending engine retries only when `retryable` is true: throttled (after
 * `retryAfterSeconds`) and unavailable (with its own backoff). Everything else is permanent for
 * this message and must never be retried.
 */
export type SmsFailureKind =
  'throttled' | 'unavailable' | 'invalid-number' | 'signature-rejected' | 'template-rejected' | 'auth-failed' | 'other';

export type SmsFailure =
  | { kind: 'throttled'; retryable: true; retryAfterSeconds: number; providerCode: string; message: string }
  | { kind: 'unavailable'; retryable: true; providerCode: string; message: string }
  | {
      kind: Exclude<SmsFailureKind, 'throttled' | 'unavailable'>;
      retryable: false;
      providerCode: string;
      message: string;
    };

export type FailedSend = { ok: false; failure: SmsFailure };
export type SendResult = { ok: true; providerMessageId: string } | FailedSend;

/** A carrier's delivery report for one message (状态报告/回执). */
export interface DeliveryReceipt {
  providerMessageId: string;
  phone: string;
  delivered: boolean;
  /** The carrier's status code, e.g. DELIVERED, DELIVRD, MK:0001. */
  statusCode: string;
  description?: string;
  /** When the carrier reported it, if the vendor says. */
  reportedAt?: Date;
  reference?: string;
}

/** A reply a person sent to our number (上行短信, MO). */
export interface InboundMessage {
  phone: string;
  text: string;
  receivedAt: Date;
  signName?: string;
  /** The extension (扩展码) the reply was addressed to, which tells apart replies to different senders. */
  extension?: string;
}

/** A callback exactly as it arrived: header names in lower case, the body unparsed. */
export interface SmsCallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

/** `skipped` counts entries in the batch that could not be read; the rest are still recorded. */
export type CallbackParse<T> = { ok: true; events: T[]; skipped: number } | { ok: false; reason: 'malformed' };

export interface SmsCallbackResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

/**
 * One way of sending SMS. The sending engine calls `send` per recipient, and the callback routes
 * pass vendor pushes to `parseDeliveryReceipts` / `parseInboundMessages` and answer with
 * `callbackResponse`. Neither vendor signs its pushes, so the routes must carry their own secret.
 */
export interface SmsProvider {
  readonly name: 'aliyun' | 'tencent' | 'outbox';
  send(message: SmsMessage): Promise<SendResult>;
  parseDeliveryReceipts?(request: SmsCallbackRequest): CallbackParse<DeliveryReceipt>;
  parseInboundMessages?(request: SmsCallbackRequest): CallbackParse<InboundMessage>;
  callbackResponse?(accepted: boolean): SmsCallbackResponse;
}
