/** The payment provider interface and the money helpers every caller uses. */
export type {
  AgreementCharge,
  AgreementChargeResult,
  AgreementEvent,
  AgreementRequest,
  ChargeRules,
  BankAccount,
  CallbackRejection,
  CallbackRequest,
  CallbackResponse,
  CallbackResult,
  CreatedPayment,
  CreatePaymentInput,
  Fetch,
  Money,
  OrderStatus,
  PaymentAction,
  PaymentChannel,
  PaymentEvent,
  PaymentProvider,
  RefundInput,
  RefundResult,
  WechatJsapiParams,
} from './provider.ts';
/** Errors a provider throws when a call to the vendor fails. */
export { PaymentProviderError } from './provider.ts';
/** Compares a verified event with the order's expected amount and currency. */
export { checkEventAmount, fenToYuan, yuanToFen, type AmountCheck } from './money.ts';
/** WeChat Pay APIv3 (JSAPI, Native, H5). */
export { wechatPayProvider, type WechatPayConfig } from './wechat.ts';
/** Alipay Open Platform, RSA2 (page and WAP pay). */
export { alipayProvider, type AlipayConfig } from './alipay.ts';
/** The built-in sandbox; the giving flow's sandbox pay page signs its callbacks with signSandboxCallback. */
export { sandboxAgreementId, sandboxProvider, type SandboxConfig } from './sandbox.ts';
export { signSandboxCallback, type SandboxCallback } from './sandbox-signing.ts';
/** Bank transfer with manual reconciliation of statement lines. */
export {
  bankTransferProvider,
  transferReference,
  transferReferenceKey,
  type BankTransferConfig,
} from './bank-transfer.ts';
export { matchStatementLine, type PendingTransfer, type StatementLine, type StatementMatch } from './reconcile.ts';
/** The instance's providers, built from its configuration by the composition root. */
export {
  buildPaymentProviders,
  orgPaymentProviders,
  type OrgPaymentAccounts,
  type PaymentProviders,
  type VendorContext,
} from './registry.ts';
/** Key parsing as the adapters do it, for checking keys when an organization enters them. */
export { platformKey } from './wechat-verify.ts';
export { alipayKey } from './alipay-sign.ts';
