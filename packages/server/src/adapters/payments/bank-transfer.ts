import { createHmac, hkdfSync } from 'node:crypto';
import { assertPayable } from './money.ts';
import type { BankAccount, PaymentProvider } from './provider.ts';
import { PaymentProviderError } from './provider.ts';

// Crockford's base32: no I, L, O or U, so a reference read over the phone or copied by hand survives.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Letters a donor or a bank clerk is likely to write instead of the right one. */
export const normalizeReferenceText = (text: string) =>
  text
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/[^0-9A-Z]/g, '');

/**
 * The code the donor writes in the transfer's memo (附言): "CW" and 8 characters from an HMAC of
 * the order number, so it is stable for an order and cannot be guessed from another order's.
 */
export function transferReference(referenceKey: Buffer, orderNo: string): string {
  const digest = createHmac('sha256', referenceKey).update(orderNo).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code = `${alphabet[Number(bits & 31n)]}${code}`;
    bits >>= 5n;
  }
  return `CW${code}`;
}

export const transferReferenceKey = (secretKey: string) =>
  Buffer.from(hkdfSync('sha256', secretKey, '', 'commonweal bank transfer references v1', 32));

export interface BankTransferConfig {
  account: BankAccount;
  /** SECRET_KEY; the reference key is derived from it. */
  secretKey: string;
}

/**
 * Offline giving by bank transfer (对公转账): the donor gets the account and a reference, and
 * staff confirm the payment by reconciling the bank statement (see reconcile.ts). There is no
 * callback, no remote order to query and no refund through the provider.
 */
export function bankTransferProvider(config: BankTransferConfig): PaymentProvider {
  const key = transferReferenceKey(config.secretKey);
  return {
    name: 'bank-transfer',
    async createPayment(input) {
      if (input.channel.kind !== 'bank-transfer') {
        throw new PaymentProviderError('UNSUPPORTED_CHANNEL', `银行转账不支持 ${input.channel.kind}`);
      }
      assertPayable(input.amount);
      const reference = transferReference(key, input.orderNo);
      return { action: { kind: 'bank-transfer', account: config.account, reference, amount: input.amount } };
    },
    verifyCallback: async () => ({ status: 'rejected', reason: 'not-supported' }),
    callbackResponse: () => ({ statusCode: 404, contentType: 'text/plain', body: 'no callbacks for bank transfers' }),
  };
}
