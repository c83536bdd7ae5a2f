import { parseBeijingDateTime } from './beijing-time.ts';
import { isMinorUnits } from './money.ts';
import type { AgreementEvent, CallbackResult } from './provider.ts';
import { parseV2Time, parseV2Xml, verifyV2 } from './wechat-v2.ts';

/** How a 解约 came about (contract_termination_mode): 2 the donor, 3 and 4 the merchant, 1 it expired. */
const endedBy = (mode: string | undefined): Extract<AgreementEvent, { kind: 'agreement-ended' }>['endedBy'] =>
  mode === '2' ? 'donor' : mode === '3' || mode === '4' ? 'merchant' : mode === '1' ? 'expired' : 'unknown';

/** The APIv2 notifications are XML; APIv3's are JSON. */
export const isV2Notification = (rawBody: string) => rawBody.trimStart().startsWith('<xml>');

/**
 * Reads an APIv2 notification of 委托代扣, verified by its `sign` with the APIv2 key: the 签约/解约
 * 结果通知 (change_type ADD or DELETE), and the payment notices of a 支付中签约 order and of a
 * 申请扣款 (扣款结果通知), which say paid, or not paid and why.
 */
export function readV2Notification(
  rawBody: string,
  merchant: { mchid: string; appid: string; apiV2Key: string; planId: string },
): CallbackResult {
  const fields = parseV2Xml(rawBody);
  if (!fields) return { status: 'rejected', reason: 'malformed' };
  if (!fields.sign) return { status: 'rejected', reason: 'missing-signature' };
  if (fields.sign_type && fields.sign_type !== 'MD5' && fields.sign_type !== 'HMAC-SHA256')
    return { status: 'rejected', reason: 'unsupported-sign-type' };
  if (!verifyV2(fields, merchant.apiV2Key)) return { status: 'rejected', reason: 'bad-signature' };
  if (fields.mch_id !== merchant.mchid) return { status: 'rejected', reason: 'wrong-merchant' };
  if (fields.return_code !== 'SUCCESS') return { status: 'ignored', reason: `return_code ${fields.return_code}` };

  if (fields.change_type) {
    const { contract_id: agreementId, contract_code: orderNo } = fields;
    const occurredAt = parseBeijingDateTime(fields.operate_time);
    if (!agreementId || !orderNo || !occurredAt) return { status: 'rejected', reason: 'malformed' };
    if (fields.plan_id !== merchant.planId) return { status: 'rejected', reason: 'wrong-merchant' };
    if (fields.result_code !== 'SUCCESS') return { status: 'ignored', reason: `contract ${fields.result_code}` };
    const notificationId = `papay:${fields.change_type}:${agreementId}`;
    if (fields.change_type === 'ADD')
      return {
        status: 'agreement',
        event: { kind: 'agreement-signed', notificationId, orderNo, agreementId, occurredAt },
      };
    if (fields.change_type === 'DELETE')
      return {
        status: 'agreement',
        event: {
          kind: 'agreement-ended',
          notificationId,
          orderNo,
          agreementId,
          endedBy: endedBy(fields.contract_termination_mode),
          occurredAt,
        },
      };
    return { status: 'ignored', reason: `change_type ${fields.change_type}` };
  }

  const orderNo = fields.out_trade_no;
  if (!orderNo) return { status: 'rejected', reason: 'malformed' };
  if (fields.appid !== merchant.appid) return { status: 'rejected', reason: 'wrong-merchant' };
  const paid = fields.result_code === 'SUCCESS' && (fields.trade_state ?? 'SUCCESS') === 'SUCCESS';
  if (!paid) {
    const reason = [fields.err_code, fields.err_code_des ?? fields.trade_state_desc ?? fields.trade_state]
      .filter(Boolean)
      .join(' ');
    return {
      status: 'agreement',
      event: {
        kind: 'charge-declined',
        // A retried notification is the same body with the same sign; another attempt is signed anew.
        notificationId: `pap-declined:${orderNo}:${fields.sign}`,
        orderNo,
        reason: reason || '扣款失败',
        occurredAt: parseV2Time(fields.time_end) ?? new Date(),
      },
    };
  }
  const total = Number(fields.total_fee);
  if (!/^\d+$/.test(fields.total_fee ?? '') || !isMinorUnits(total))
    return { status: 'rejected', reason: 'bad-amount' };
  const occurredAt = parseV2Time(fields.time_end);
  if (!fields.transaction_id || !occurredAt) return { status: 'rejected', reason: 'malformed' };
  return {
    status: 'verified',
    event: {
      kind: 'paid',
      notificationId: `v2-paid:${fields.transaction_id}`,
      orderNo,
      transactionId: fields.transaction_id,
      amount: { amount: total, currency: fields.fee_type || 'CNY' },
      ...(fields.contract_id ? { agreementId: fields.contract_id } : {}),
      occurredAt,
    },
  };
}

const v2Reply = (code: 'SUCCESS' | 'FAIL', message: string) =>
  `<xml><return_code><![CDATA[${code}]]></return_code><return_msg><![CDATA[${message}]]></return_msg></xml>`;

/** 通知应答 of APIv2: return_code SUCCESS stops the retries; a refusal is answered 400 with FAIL. */
export const v2CallbackResponse = (accepted: boolean) =>
  accepted
    ? { statusCode: 200, contentType: 'text/xml', body: v2Reply('SUCCESS', 'OK') }
    : { statusCode: 400, contentType: 'text/xml', body: v2Reply('FAIL', '签名失败或参数错误') };
