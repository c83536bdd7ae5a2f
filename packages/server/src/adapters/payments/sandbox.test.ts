import { describe, expect, it } from 'vitest';
import { sandboxProvider } from './sandbox.ts';
import { signSandboxCallback, type SandboxCallback } from './sandbox-signing.ts';

const secretKey = 'TEST-ONLY-secret-key-of-at-least-32-characters';
const now = new Date('2026-11-23T01:00:00Z');
const provider = sandboxProvider(
  { publicUrl: 'https://ngo.example/', secretKey },
  { clock: { now: () => now }, newPaymentId: () => 'sbx_fixed' },
);

const callback: SandboxCallback = {
  id: 'sbx_notify_1',
  event: 'paid',
  paymentId: 'sbx_fixed',
  orderNo: 'CW20261123000001',
  transactionId: 'sbx_tx_1',
  amount: 5000,
  currency: 'CNY',
  occurredAt: '2026-11-23T00:59:59.000Z',
};

describe('sandbox provider', () => {
  it('sends the donor to the sandbox pay page on our own server', async () => {
    const created = await provider.createPayment({
      orderNo: 'CW20261123000001',
      amount: { amount: 5000, currency: 'CNY' },
      description: '测试',
      returnUrl: 'https://ngo.example/give/thanks',
      notifyUrl: 'https://ngo.example/api/payments/sandbox/notify',
      channel: { kind: 'sandbox' },
    });
    expect(created).toEqual({
      providerPaymentId: 'sbx_fixed',
      action: { kind: 'redirect', url: 'https://ngo.example/sandbox-pay/sbx_fixed' },
    });
  });

  it('signs with HMAC-SHA256 under a key derived from SECRET_KEY (known answer)', () => {
    const signed = signSandboxCallback(secretKey, callback, now);
    // Computed independently with OpenSSL:
    //   K=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt key:$SECRET -kdfopt salt: \
    //        -kdfopt 'info:commonweal sandbox payment callbacks v1' HKDF | tr -d ':')
    //   printf '1795395600\n%s\n' "$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K -binary | base64url
    expect(signed.rawBody).toBe(
      '{"id":"sbx_notify_1","event":"paid","paymentId":"sbx_fixed","orderNo":"CW20261123000001","transactionId":"sbx_tx_1","amount":5000,"currency":"CNY","occurredAt":"2026-11-23T00:59:59.000Z"}',
    );
    expect(signed.headers).toEqual({
      'content-type': 'application/json',
      'x-sandbox-timestamp': '1795395600',
      'x-sandbox-signature': 'uMCHfr-Sob2BMdkXVJCWGb5T1P3kwubAJeYxptSomZM',
    });
  });

  it('verifies its own callback into a paid event', async () => {
    expect(await provider.verifyCallback(signSandboxCallback(secretKey, callback, now))).toEqual({
      status: 'verified',
      event: {
        kind: 'paid',
        notificationId: 'sbx_notify_1',
        orderNo: 'CW20261123000001',
        transactionId: 'sbx_tx_1',
        amount: { amount: 5000, currency: 'CNY' },
        occurredAt: new Date('2026-11-23T00:59:59Z'),
      },
    });
  });

  it('reads a refund callback as this refund alone, and refuses one without its refund number', async () => {
    const refund = { ...callback, id: 'sbx_notify_2', event: 'refunded' as const, amount: 2000, refundNo: 'RF1' };
    expect(await provider.verifyCallback(signSandboxCallback(secretKey, refund, now))).toMatchObject({
      status: 'verified',
      event: {
        kind: 'refunded',
        refundNo: 'RF1',
        refundScope: 'this-refund',
        amount: { amount: 2000, currency: 'CNY' },
      },
    });
    const { refundNo: _omitted, ...withoutNumber } = refund;
    expect(await provider.verifyCallback(signSandboxCallback(secretKey, withoutNumber, now))).toEqual({
      status: 'rejected',
      reason: 'malformed',
    });
  });

  it('rejects a tampered body, another secret, a stale timestamp, missing headers and fractional fen', async () => {
    const valid = signSandboxCallback(secretKey, callback, now);
    const verify = (request: typeof valid) => provider.verifyCallback(request);
    expect(await verify({ ...valid, rawBody: valid.rawBody.replace('5000', '50000') })).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
    expect(await verify(signSandboxCallback('TEST-ONLY-another-secret-key-of-32-characters', callback, now))).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
    expect(await verify(signSandboxCallback(secretKey, callback, new Date(now.getTime() - 301_000)))).toEqual({
      status: 'rejected',
      reason: 'stale-timestamp',
    });
    expect(await verify({ ...valid, headers: {} })).toEqual({ status: 'rejected', reason: 'missing-signature' });
    expect(await verify(signSandboxCallback(secretKey, { ...callback, amount: 50.5 }, now))).toEqual({
      status: 'rejected',
      reason: 'bad-amount',
    });
  });
});
