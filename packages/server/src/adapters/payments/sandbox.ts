import { createHmac } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { assertPayable } from './money.ts';
import type { PaymentProvider } from './provider.ts';
import { PaymentProviderError } from './provider.ts';
import { sandboxKey, verifySandboxCallback } from './sandbox-signing.ts';

export interface SandboxConfig {
  /** PUBLIC_URL: the sandbox pay page is on our own server. */
  publicUrl: string;
  /** SECRET_KEY; the callback key is derived from it. */
  secretKey: string;
}

export interface SandboxDeps {
  clock: Clock;
  newPaymentId?: (orderNo: string) => string;
}

/** The agreement the sandbox pay page signs for a monthly gift's first order, as a vendor's 签约 would. */
export const sandboxAgreementId = (secretKey: string, orderNo: string) =>
  `sbxagr_${createHmac('sha256', sandboxKey(secretKey)).update(`agreement:${orderNo}`).digest('base64url').slice(0, 22)}`;

/**
 * The built-in provider for the demo and the tests: the same redirect and signed asynchronous
 * callback as a vendor, with no money moving. The page at /sandbox-pay/<id> belongs to the giving
 * flow, which sends the callback with signSandboxCallback.
 */
export function sandboxProvider(config: SandboxConfig, deps: SandboxDeps): PaymentProvider {
  const key = sandboxKey(config.secretKey);
  // One payment per order, as a vendor keeps one per out_trade_no: asking again (a donor's second
  // click) gives the same pay page. Derived with the sandbox key, so nobody can guess another's.
  const newPaymentId =
    deps.newPaymentId ??
    ((orderNo: string) =>
      `sbx_${createHmac('sha256', key).update(`payment:${orderNo}`).digest('base64url').slice(0, 22)}`);
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  return {
    name: 'sandbox',
    async createPayment(input) {
      if (input.channel.kind !== 'sandbox') {
        throw new PaymentProviderError('UNSUPPORTED_CHANNEL', `沙箱支付不支持 ${input.channel.kind}`);
      }
      assertPayable(input.amount);
      const paymentId = newPaymentId(input.orderNo);
      return {
        providerPaymentId: paymentId,
        action: { kind: 'redirect', url: `${publicUrl}/sandbox-pay/${encodeURIComponent(paymentId)}` },
      };
    },
    async verifyCallback(request) {
      const result = verifySandboxCallback(request, key, deps.clock.now());
      return result.ok ? { status: 'verified', event: result.event } : { status: 'rejected', reason: result.reason };
    },
    callbackResponse: (accepted) =>
      accepted
        ? { statusCode: 200, contentType: 'text/plain', body: 'ok' }
        : { statusCode: 400, contentType: 'text/plain', body: 'fail' },
    // Like a card test number: a charge whose amount ends in .13 is declined, so a failed monthly charge
    // and its retries can be tried by hand and tested. Anything else is paid at once.
    async chargeAgreement(input) {
      assertPayable(input.amount);
      if (!input.agreementId.startsWith('sbxagr_')) return { status: 'declined', reason: 'unknown agreement' };
      if (input.amount.amount % 100 === 13)
        return { status: 'declined', reason: '余额不足（沙箱：金额尾数 .13 总是失败）' };
      const transactionId = `sbx_tx_${createHmac('sha256', key).update(`charge:${input.orderNo}`).digest('base64url').slice(0, 18)}`;
      return { status: 'paid', transactionId, paidAt: deps.clock.now() };
    },
    async cancelAgreement() {},
    // No money moved, so a sandbox refund is complete at once, except for two amounts that let the other
    // outcomes be tried: fen ending in 14 stays processing until its refund notification is sent, and
    // fen ending in 15 is refused, like a vendor's insufficient merchant balance.
    async refund(input) {
      assertPayable(input.refund);
      const providerRefundId = `sandbox-refund-${input.refundNo}`;
      if (input.refund.amount % 100 === 15)
        throw new PaymentProviderError(
          'PROVIDER_REJECTED',
          '商户余额不足（沙箱：金额尾数 .15 总是失败）',
          'NOT_ENOUGH',
        );
      if (input.refund.amount % 100 === 14) return { state: 'processing', providerRefundId };
      return { state: 'succeeded', providerRefundId };
    },
  };
}
