export interface BankAccount {
  bankName: string;
  branch: string;
  accountName: string;
  accountNumber: string;
}

export interface PlatformKey {
  serial: string;
  pem: string;
}

export interface WechatPayShown {
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  platformKeys: PlatformKey[];
  hasAppSecret: boolean;
  readable: boolean;
  /** 委托代扣: set, monthly gifts through WeChat Pay are offered. */
  withholding: { planId: string; hasApiV2Key: boolean } | null;
}

export interface AlipayShown {
  appId: string;
  alipayPublicKey: string;
  readable: boolean;
  /** 周期扣款: set, monthly gifts through Alipay are offered. */
  withholding: { signScene: string } | null;
}

/** GET /payment-settings: secrets are never sent back, only whether they are saved and readable. */
export interface PaymentSettingsShown {
  bankAccount: BankAccount | null;
  wechatPay: WechatPayShown | null;
  alipay: AlipayShown | null;
  setup: { wechatPayDirectory: string; wechatOAuthDomain: string; wechatNotifyUrl: string; alipayNotifyUrl: string };
}

/** A PUT body: each part left out stays as it is; null removes it. */
export type PaymentSettingsChange = Partial<{
  bankAccount: BankAccount | null;
  wechatPay: Record<string, unknown> | null;
  alipay: Record<string, unknown> | null;
}>;
