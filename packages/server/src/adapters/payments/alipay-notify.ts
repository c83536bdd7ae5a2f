import type { KeyObject } from 'node:crypto';
import { parseBeijingDateTime } from './beijing-time.ts';
import { yuanToFen } from './money.ts';
import type { CallbackResult, PaymentEvent } from './provider.ts';
import { isAgreementNotification, readAgreementNotification } from './alipay-agreement.ts';
import { notifySignContent, verifyRsa2, type AlipayParams } from './alipay-sign.ts';

/**
 * Verifies an asynchronous notification (异步通知): a form-urlencoded POST whose values, once
 * decoded, are signed over everything but sign and sign_type. Alipay retries for about 25 hours,
 * so there is no freshness window; the caller's idempotency (notify_id, trade_no) handles replays.
 */
export function readAlipayNotification(rawBody: string, appId: string, alipayPublicKey: KeyObject): CallbackResult {
  const params: AlipayParams = Object.fromEntries(new URLSearchParams(rawBody));
  const { sign, sign_type: signType } = params;
  if (!sign) return { status: 'rejected', reason: 'missing-signature' };
  if (signType !== 'RSA2') return { status: 'rejected', reason: 'unsupported-sign-type' };
  if (!verifyRsa2(notifySignContent(params), sign, alipayPublicKey))
    return { status: 'rejected', reason: 'bad-signature' };
  // Agreement notices of 周期扣款 may leave out app_id; when they carry one it must be ours.
  if (isAgreementNotification(params)) {
    if (params.app_id !== undefined && params.app_id !== appId) return { status: 'rejected', reason: 'wrong-merchant' };
    return readAgreementNotification(params);
  }
  if (params.app_id !== appId) return { status: 'rejected', reason: 'wrong-merchant' };
  const { out_trade_no: orderNo, trade_no: transactionId, trade_status: tradeStatus } = params;
  if (!orderNo || !transactionId || !tradeStatus) return { status: 'rejected', reason: 'malformed' };

  const refundFen = params.refund_fee === undefined ? undefined : yuanToFen(params.refund_fee);
  const totalFen = yuanToFen(params.total_amount ?? '');
  if (totalFen === undefined || (params.refund_fee !== undefined && refundFen === undefined)) {
    return { status: 'rejected', reason: 'bad-amount' };
  }
  const base = { notificationId: params.notify_id, orderNo, transactionId };
  const currency = params.trans_currency || 'CNY';
  // A refund is told by gmt_refund; its notice carries the trade's status and the refunded total.
  if (params.gmt_refund && refundFen !== undefined && refundFen > 0) {
    const refundedAt = parseBeijingDateTime(params.gmt_refund);
    if (!refundedAt) return { status: 'rejected', reason: 'malformed' };
    const event: PaymentEvent = {
      ...base,
      kind: 'refunded',
      refundNo: params.out_biz_no,
      refundScope: 'order-total',
      amount: { amount: refundFen, currency },
      occurredAt: refundedAt,
    };
    return { status: 'verified', event };
  }
  if (tradeStatus === 'TRADE_SUCCESS' || tradeStatus === 'TRADE_FINISHED') {
    const paidAt = parseBeijingDateTime(params.gmt_payment) ?? parseBeijingDateTime(params.notify_time);
    if (!paidAt) return { status: 'rejected', reason: 'malformed' };
    return {
      status: 'verified',
      event: { ...base, kind: 'paid', amount: { amount: totalFen, currency }, occurredAt: paidAt },
    };
  }
  if (tradeStatus === 'TRADE_CLOSED') {
    const closedAt = parseBeijingDateTime(params.gmt_close) ?? parseBeijingDateTime(params.notify_time);
    if (!closedAt) return { status: 'rejected', reason: 'malformed' };
    return {
      status: 'verified',
      event: { ...base, kind: 'closed', amount: { amount: totalFen, currency }, occurredAt: closedAt },
    };
  }
  return { status: 'ignored', reason: tradeStatus };
}
