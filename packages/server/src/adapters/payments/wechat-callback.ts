import { z } from 'zod';
import type { CallbackRejection, CallbackResult, PaymentEvent } from './provider.ts';
import { isMinorUnits } from './money.ts';
import { decryptResource } from './wechat-aead.ts';
import { parseJson } from './json.ts';

const minorUnits = z.custom<number>(isMinorUnits);

const notification = z.object({
  id: z.string(),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional(),
    original_type: z.string().optional(),
  }),
});

// 支付成功通知: the decrypted `transaction`.
const transaction = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  trade_state: z.string(),
  success_time: z.iso.datetime({ offset: true }),
  amount: z.object({ total: minorUnits, currency: z.string().default('CNY') }),
});

// 退款结果通知: the decrypted `refund`; its amount carries no currency, refunds are in CNY.
const refund = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.string(),
  success_time: z.iso.datetime({ offset: true }).optional(),
  amount: z.object({ refund: minorUnits, currency: z.string().default('CNY') }),
});

const reject = (reason: CallbackRejection): CallbackResult => ({ status: 'rejected', reason });

/** Decrypts and reads a callback whose signature has already been verified. */
export function readWechatNotification(rawBody: string, apiV3Key: string, mchid: string): CallbackResult {
  const envelope = notification.safeParse(parseJson(rawBody));
  if (!envelope.success) return reject('malformed');
  const plaintext = decryptResource(envelope.data.resource, apiV3Key);
  if (plaintext === undefined) return reject('decrypt-failed');
  const resource = parseJson(plaintext);
  const base = { notificationId: envelope.data.id };
  if (envelope.data.event_type === 'TRANSACTION.SUCCESS') {
    const paid = transaction.safeParse(resource);
    if (!paid.success) return reject(amountIsTheProblem(paid.error) ? 'bad-amount' : 'malformed');
    if (paid.data.mchid !== mchid) return reject('wrong-merchant');
    if (paid.data.trade_state !== 'SUCCESS') return { status: 'ignored', reason: paid.data.trade_state };
    const event: PaymentEvent = {
      ...base,
      kind: 'paid',
      orderNo: paid.data.out_trade_no,
      transactionId: paid.data.transaction_id,
      amount: { amount: paid.data.amount.total, currency: paid.data.amount.currency },
      occurredAt: new Date(paid.data.success_time),
    };
    return { status: 'verified', event };
  }
  if (envelope.data.event_type.startsWith('REFUND.')) {
    const refunded = refund.safeParse(resource);
    if (!refunded.success) return reject(amountIsTheProblem(refunded.error) ? 'bad-amount' : 'malformed');
    if (refunded.data.mchid !== mchid) return reject('wrong-merchant');
    if (refunded.data.refund_status !== 'SUCCESS' || !refunded.data.success_time) {
      return { status: 'ignored', reason: `refund ${refunded.data.refund_status}` };
    }
    const event: PaymentEvent = {
      ...base,
      kind: 'refunded',
      orderNo: refunded.data.out_trade_no,
      transactionId: refunded.data.transaction_id,
      refundNo: refunded.data.out_refund_no,
      providerRefundId: refunded.data.refund_id,
      refundScope: 'this-refund',
      amount: { amount: refunded.data.amount.refund, currency: refunded.data.amount.currency },
      occurredAt: new Date(refunded.data.success_time),
    };
    return { status: 'verified', event };
  }
  return { status: 'ignored', reason: envelope.data.event_type };
}

const amountIsTheProblem = (error: z.ZodError) => error.issues.some((issue) => issue.path[0] === 'amount');
