import type { Clock } from '../clock.ts';
import { bankTransferProvider } from './bank-transfer.ts';
import { alipayProvider, type AlipayConfig } from './alipay.ts';
import type { BankAccount, Fetch, PaymentProvider } from './provider.ts';
import { wechatPayProvider, type WechatPayConfig } from './wechat.ts';
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

/** An organization's own accounts: its bank account, and its merchant keys once it has entered them. */
export interface OrgPaymentAccounts {
  bankAccount: BankAccount | null;
  wechatPay: WechatPayConfig | null;
  alipay: AlipayConfig | null;
}

/** What building an organization's merchant providers needs from the instance. */
export interface VendorContext {
  secretKey: string;
  clock: Clock;
  fetch: Fetch;
  /** WeChat Pay APIv3's base address. */
  wechatPayApiUrl: string;
  alipayGateway: string;
}

/**
 * The providers one organization offers: the instance's, bank transfer to its own account when it has
 * entered one (transfers need no merchant keys, so every organization can take them), and WeChat Pay
 * and Alipay under its own merchant accounts, so that donations go straight to the organization.
 */
export function orgPaymentProviders(
  instance: PaymentProviders,
  org: OrgPaymentAccounts,
  vendor: VendorContext,
): PaymentProviders {
  const providers = new Map(instance);
  const deps = { fetch: vendor.fetch, clock: vendor.clock };
  if (org.bankAccount)
    providers.set('bank-transfer', bankTransferProvider({ account: org.bankAccount, secretKey: vendor.secretKey }));
  if (org.wechatPay)
    providers.set('wechat', wechatPayProvider({ ...org.wechatPay, baseUrl: vendor.wechatPayApiUrl }, deps));
  if (org.alipay) providers.set('alipay', alipayProvider({ ...org.alipay, gateway: vendor.alipayGateway }, deps));
  return providers;
}
