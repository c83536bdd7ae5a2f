import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseJson } from './json.ts';
import { isMinorUnits } from './money.ts';
import type { CallbackRejection, CallbackRequest, PaymentEvent } from './provider.ts';

export const sandboxWindowSeconds = 300;

/** Its own key, so a leaked sandbox signature says nothing about SECRET_KEY or other derived keys. */
export const sandboxKey = (secretKey: string) =>
  Buffer.from(hkdfSync('sha256', secretKey, '', 'commonweal sandbox payment callbacks v1', 32));

const hmac = (key: Buffer, timestamp: string, body: string) =>
  createHmac('sha256', key).update(`${timestamp}\n${body}\n`).digest();

const callbackBody = z
  .object({
    id: z.string().min(1),
    event: z.enum(['paid', 'refunded', 'closed']),
    paymentId: z.string().min(1),
    orderNo: z.string().min(1),
    transactionId: z.string().min(1),
    amount: z.custom<number>(isMinorUnits),
    currency: z.string().length(3),
    refundNo: z.string().optional(),
    agreementId: z.string().min(1).max(64).optional(),
    occurredAt: z.iso.datetime(),
  })
  .refine((body) => body.event !== 'refunded' || body.refundNo, { path: ['refundNo'] });

export type SandboxCallback = z.infer<typeof callbackBody>;

/** The callback the sandbox pay page sends: JSON, with X-Sandbox-Timestamp and an HMAC-SHA256 signature. */
export function signSandboxCallback(secretKey: string, callback: SandboxCallback, now: Date): CallbackRequest {
  const rawBody = JSON.stringify(callback);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    headers: {
      'content-type': 'application/json',
      'x-sandbox-timestamp': timestamp,
      'x-sandbox-signature': hmac(sandboxKey(secretKey), timestamp, rawBody).toString('base64url'),
    },
    rawBody,
  };
}

const header = (request: CallbackRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function verifySandboxCallback(
  request: CallbackRequest,
  key: Buffer,
  now: Date,
): { ok: true; event: PaymentEvent } | { ok: false; reason: CallbackRejection } {
  const timestamp = header(request, 'x-sandbox-timestamp');
  const signature = header(request, 'x-sandbox-signature');
  if (!timestamp || !signature) return { ok: false, reason: 'missing-signature' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > sandboxWindowSeconds) {
    return { ok: false, reason: 'stale-timestamp' };
  }
  const expected = hmac(key, timestamp, request.rawBody);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  const parsed = callbackBody.safeParse(parseJson(request.rawBody));
  if (!parsed.success) {
    const amountWrong = parsed.error.issues.some((issue) => issue.path[0] === 'amount');
    return { ok: false, reason: amountWrong ? 'bad-amount' : 'malformed' };
  }
  const body = parsed.data;
  return {
    ok: true,
    event: {
      kind: body.event,
      notificationId: body.id,
      orderNo: body.orderNo,
      transactionId: body.transactionId,
      amount: { amount: body.amount, currency: body.currency },
      ...(body.event === 'refunded' ? { refundNo: body.refundNo, refundScope: 'this-refund' as const } : {}),
      ...(body.agreementId ? { agreementId: body.agreementId } : {}),
      occurredAt: new Date(body.occurredAt),
    },
  };
}
