/** The fetch the adapters call vendors with; tests pass a stand-in so they never reach the network. */
export type Fetch = typeof fetch;

/** An amount in integer minor units (fen for CNY) with its ISO 4217 currency; never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/** How the donor pays, chosen by the giving page (WeChat's browser gets JSAPI, a desktop gets Native QR). */
export type PaymentChannel =
  | { kind: 'wechat-jsapi'; openid: string }
  | { kind: 'wechat-native' }
  | { kind: 'wechat-h5'; clientIp: string }
  | { kind: 'alipay-page' }
  | { kind: 'alipay-wap'; quitUrl?: string }
  | { kind: 'sandbox' }
  | { kind: 'bank-transfer' };

export interface CreatePaymentInput {
  orderNo: string;
  amount: Money;
  description: string;
  /** Where the donor's browser comes back to after paying. */
  returnUrl: string;
  /** Where the provider posts its asynchronous callback. */
  notifyUrl: string;
  channel: PaymentChannel;
  expiresAt?: Date;
  /** A monthly gift's first order: the donor signs the withholding agreement while paying it. */
  agreement?: AgreementRequest;
}

/** What signing an agreement while paying needs (WeChat Pay 支付中签约, Alipay 支付并签约). */
export interface AgreementRequest {
  /** Our number for the agreement (contract_code / external_agreement_no): the first order's number. */
  contractCode: string;
  /** Shown to the donor on the vendor's signing page. */
  displayName: string;
  /** Where the vendor posts the 签约 result. */
  notifyUrl: string;
  /** When the first monthly charge will be, for the vendor's period rules. */
  firstChargeAt: Date;
  /** The donor's IP, where the vendor wants it (spbill_create_ip). */
  clientIp?: string;
}

/** The parameters WeixinJSBridge.invoke('getBrandWCPayRequest', …) takes, already signed. */
export interface WechatJsapiParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  /** RSA for APIv3 orders; MD5 for an APIv2 order (WeChat Pay's 支付中签约 is APIv2). */
  signType: 'RSA' | 'MD5';
  paySign: string;
}

export interface BankAccount {
  bankName: string;
  branch: string;
  accountName: string;
  accountNumber: string;
}

/** What the donor's browser must do next. */
export type PaymentAction =
  | { kind: 'redirect'; url: string }
  | { kind: 'qr-code'; content: string }
  | { kind: 'wechat-jsapi'; params: WechatJsapiParams }
  | { kind: 'bank-transfer'; account: BankAccount; reference: string; amount: Money };

export interface CreatedPayment {
  /** The provider's id for this attempt when it gives one at creation (prepay_id, sandbox id). */
  providerPaymentId?: string;
  action: PaymentAction;
}

/** A callback exactly as it arrived: header names in lower case, the body unparsed. */
export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

export interface PaymentEvent {
  kind: 'paid' | 'refunded' | 'closed';
  /** The provider's id of the notification, for the caller's idempotency. */
  notificationId?: string;
  orderNo: string;
  transactionId: string;
  /** Paid: the amount paid; refunded: the amount refunded; closed: the order's amount. */
  amount: Money;
  refundNo?: string;
  providerRefundId?: string;
  /**
   * On refunds, what `amount` covers: this refund alone (WeChat Pay, sandbox), or everything
   * refunded on the order so far (Alipay's refund_fee is 总退款金额).
   */
  refundScope?: 'this-refund' | 'order-total';
  /** On a monthly gift's first payment: the recurring agreement the donor signed while paying. */
  agreementId?: string;
  occurredAt: Date;
}

export type CallbackRejection =
  | 'missing-signature'
  | 'unknown-serial'
  | 'stale-timestamp'
  | 'bad-signature'
  | 'signed-by-another-key'
  | 'unsupported-sign-type'
  | 'decrypt-failed'
  | 'malformed'
  | 'bad-amount'
  | 'wrong-merchant'
  | 'not-supported';

/**
 * A change to a recurring agreement, or a charge on it that failed, told by the vendor's notification:
 * - agreement-signed: the donor signed while paying `orderNo` (our contract code is that order's number);
 * - agreement-ended: the agreement was ended (解约): by the donor in WeChat or Alipay, by us, or it expired;
 * - charge-declined: an accepted charge of `orderNo` came back unpaid.
 */
export type AgreementEvent =
  | { kind: 'agreement-signed'; notificationId: string; orderNo: string; agreementId: string; occurredAt: Date }
  | {
      kind: 'agreement-ended';
      notificationId: string;
      agreementId: string;
      orderNo?: string;
      endedBy: 'donor' | 'merchant' | 'expired' | 'unknown';
      occurredAt: Date;
    }
  | { kind: 'charge-declined'; notificationId: string; orderNo: string; reason: string; occurredAt: Date };

/**
 * verified: record the event. ignored: authentic, but no state change to record (a "waiting for
 * the buyer" notice); answer success so the provider stops retrying. rejected: answer failure.
 */
export type CallbackResult =
  | { status: 'verified'; event: PaymentEvent }
  | { status: 'agreement'; event: AgreementEvent }
  | { status: 'ignored'; reason: string }
  | { status: 'rejected'; reason: CallbackRejection };

export interface CallbackResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

export interface OrderStatus {
  state: 'pending' | 'paid' | 'refunded' | 'closed' | 'not-found';
  transactionId?: string;
  amount?: Money;
  paidAt?: Date;
}

export interface RefundInput {
  orderNo: string;
  refundNo: string;
  refund: Money;
  /** The original order's amount; WeChat Pay requires it. */
  total: Money;
  reason: string;
  notifyUrl?: string;
}

export interface RefundResult {
  state: 'succeeded' | 'processing' | 'failed';
  providerRefundId?: string;
}

/**
 * One way of taking money. The giving flow creates a payment, sends the donor where `action`
 * says, verifies the callback, answers it with `callbackResponse`, and reconciles with
 * `queryOrder`. Providers without a remote order (bank transfer, sandbox) leave out what they
 * cannot do.
 */
export interface PaymentProvider {
  readonly name: 'wechat' | 'alipay' | 'sandbox' | 'bank-transfer';
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  verifyCallback(request: CallbackRequest): Promise<CallbackResult>;
  /** The answer the vendor expects; `request` tells which of its notification formats it was (WeChat Pay v2 or v3). */
  callbackResponse(accepted: boolean, request?: CallbackRequest): CallbackResponse;
  queryOrder?(orderNo: string): Promise<OrderStatus>;
  /** Closes an unpaid order at the provider, so an expired order cannot be paid later. */
  closeOrder?(orderNo: string): Promise<void>;
  refund?(input: RefundInput): Promise<RefundResult>;
  /**
   * Charges a donor's recurring agreement (a monthly gift: WeChat Pay 委托代扣, Alipay 周期扣款). The
   * agreement comes from the first, donor-approved payment; only providers that have one offer monthly giving.
   */
  chargeAgreement?(input: AgreementCharge): Promise<AgreementChargeResult>;
  /** Ends an agreement at the provider (解约), so nothing more can be charged on it. */
  cancelAgreement?(agreementId: string): Promise<void>;
  /**
   * The vendor's rules for charging an agreement, when it has any: a notice to the donor some days
   * before (WeChat Pay's 预扣费通知) and the hours of the day (Beijing time) a charge may be made.
   */
  chargeRules?: ChargeRules;
  /** Sends the pre-debit notice (预扣费通知) of a coming charge; `chargeRules.notice` says when it must precede it. */
  announceCharge?(input: { agreementId: string; amount: Money }): Promise<void>;
}

export interface ChargeRules {
  notice?: {
    /** Whole Beijing days between the notice's day and the first day it allows a charge (WeChat Pay: 2). */
    waitDays: number;
    /** Days, from that first day, within which the charge must be made (WeChat Pay: 7 by default). */
    validDays: number;
  };
  /** Beijing hours [from, to) within which charges (and notices) may be sent. */
  hours: { from: number; to: number };
}

export interface AgreementCharge {
  agreementId: string;
  orderNo: string;
  amount: Money;
  description: string;
  /** Where the vendor posts the charge's result, when it answers asynchronously. */
  notifyUrl?: string;
}

/** processing: accepted; the result comes by notification (WeChat Pay's 申请扣款 always, Alipay's sometimes). */
export type AgreementChargeResult =
  | { status: 'paid'; transactionId: string; paidAt: Date }
  | { status: 'declined'; reason: string }
  | { status: 'processing' };

export type PaymentProviderErrorCode =
  | 'UNSUPPORTED_CHANNEL'
  | 'UNSUPPORTED_CURRENCY'
  | 'INVALID_AMOUNT'
  | 'PROVIDER_REJECTED'
  | 'PROVIDER_UNAVAILABLE'
  | 'RESPONSE_NOT_AUTHENTIC';

/** A call to a provider failed; `providerCode` keeps the vendor's own code for the log. */
export class PaymentProviderError extends Error {
  constructor(
    readonly code: PaymentProviderErrorCode,
    message: string,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}
