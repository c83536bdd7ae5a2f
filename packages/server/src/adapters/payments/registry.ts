import type { Clock } from '../clock.ts';
import type { PaymentProvider } from './provider.ts';
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
