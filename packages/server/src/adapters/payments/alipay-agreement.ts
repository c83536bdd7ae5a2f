import { parseBeijingDateTime } from './beijing-time.ts';
import { fenToYuan } from './money.ts';
import type { AgreementRequest, CallbackResult, Money, PaymentChannel } from './provider.ts';
import type { AlipayParams } from './alipay-sign.ts';

/** 周期扣款, when the application has it: the 签约场景 (sign_scene) Alipay approved for it. */
export interface AlipayWithholdingConfig {
  signScene: string;
}

/** 周期扣款's personal product (个人签约产品码), fixed by Alipay. */
export const CYCLE_PAY_PERSONAL_PRODUCT = 'CYCLE_PAY_AUTH_P';
/** The sales product a charge on a 周期扣款 agreement names in alipay.trade.pay. */
export const CYCLE_PAY_PRODUCT = 'CYCLE_PAY_AUTH';

const beijingDate = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * agreement_sign_params of page/WAP pay (支付并签约): a monthly 周期扣款 agreement, first charged on the
 * first charge's day, for at most this gift's amount each time.
 */
export function agreementSignParams(
  agreement: AgreementRequest,
  amount: Money,
  channel: PaymentChannel['kind'],
  config: AlipayWithholdingConfig,
) {
  return {
    personal_product_code: CYCLE_PAY_PERSONAL_PRODUCT,
    sign_scene: config.signScene,
    external_agreement_no: agreement.contractCode,
    // Signed on the phone's wallet page, or by scanning the desktop cashier's code.
    access_params: { channel: channel === 'alipay-wap' ? 'ALIPAYAPP' : 'QRCODE' },
    period_rule_params: {
      period_type: 'MONTH',
      period: 1,
      execute_time: beijingDate(agreement.firstChargeAt),
      single_amount: fenToYuan(amount.amount),
    },
    sign_notify_url: agreement.notifyUrl,
  };
}

/**
 * The agreement notifications (签约/解约异步通知, notify_type dut_user_sign / dut_user_unsign), already
 * verified by RSA2. Our external_agreement_no is the first order's number.
 */
export function readAgreementNotification(params: AlipayParams): CallbackResult {
  const { agreement_no: agreementId, notify_id: notifyId, external_agreement_no: orderNo } = params;
  if (!agreementId || !notifyId) return { status: 'rejected', reason: 'malformed' };
  if (params.notify_type === 'dut_user_sign') {
    const occurredAt = parseBeijingDateTime(params.sign_time) ?? parseBeijingDateTime(params.notify_time);
    if (!orderNo || !occurredAt) return { status: 'rejected', reason: 'malformed' };
    if (params.status !== 'NORMAL') return { status: 'ignored', reason: `agreement ${params.status}` };
    return {
      status: 'agreement',
      event: { kind: 'agreement-signed', notificationId: notifyId, orderNo, agreementId, occurredAt },
    };
  }
  const occurredAt = parseBeijingDateTime(params.unsign_time) ?? parseBeijingDateTime(params.notify_time);
  if (!occurredAt) return { status: 'rejected', reason: 'malformed' };
  return {
    status: 'agreement',
    event: {
      kind: 'agreement-ended',
      notificationId: notifyId,
      agreementId,
      ...(orderNo ? { orderNo } : {}),
      // The donor's own 解约 in Alipay reaches only the application gateway; ours is answered synchronously.
      endedBy: 'unknown',
      occurredAt,
    },
  };
}

export const isAgreementNotification = (params: AlipayParams) =>
  params.notify_type === 'dut_user_sign' || params.notify_type === 'dut_user_unsign';
