import type { Clock } from '../clock.ts';
import { bankTransferProvider } from './bank-transfer.ts';
import type { BankAccount, PaymentProvider } from './provider.ts';
import { sandboxProvider } from './sandbox.ts';

/** The providers this instance takes gifts through, by name; the giving pages offer these. */
export type PaymentProviders = ReadonlyMap<PaymentProvider['name'], PaymentProvider>;

/**
 * The instance's providers from its configuration. The sandbox (no money moves) is on for the demo and
 * tests; WeChat Pay and Alipay need an organization's merchant keys, and join here once configured.
 */
export function buildPaymentProviders(
  config: { PAYMENTS_SANDBOX: boolean; PUBLIC_URL: string; SECRET_KEY: string },
  deps: { clock: Clock },
): PaymentProviders {
  const providers = new Map<PaymentProvider['name'], PaymentProvider>();
  if (config.PAYMENTS_SANDBOX) {
    providers.set('sandbox', sandboxProvider({ publicUrl: config.PUBLIC_URL, secretKey: config.SECRET_KEY }, deps));
  }
  return providers;
}

/**
 * The providers one organization offers: the instance's, and bank transfer to its own account when it
 * has entered one (transfers need no merchant keys, so every organization can take them).
 */
export function orgPaymentProviders(
  instance: PaymentProviders,
  org: { bankAccount: BankAccount | null },
  secretKey: string,
): PaymentProviders {
  if (!org.bankAccount) return instance;
  return new Map([...instance, ['bank-transfer', bankTransferProvider({ account: org.bankAccount, secretKey })]]);
}
