import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  orgPaymentProviders,
  PaymentProviderError,
  type Fetch,
  type PaymentProvider,
  type PaymentProviders,
} from '../../adapters/payments/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import {
  alipayInput,
  merchantAccountsSchema,
  openAlipay,
  openWechatPay,
  presentMerchantAccounts,
  sealAlipay,
  sealWechatPay,
  wechatPayInput,
} from './merchant-accounts.ts';
import { paymentSettings, type StoredAlipay, type StoredWechatPay } from './tables.ts';

export const bankAccountInput = z.object({
  bankName: z.string().trim().min(1).max(100).describe('开户银行, e.g. 中国工商银行'),
  branch: z.string().trim().max(100).default('').describe('开户支行'),
  accountName: z.string().trim().min(1).max(100).describe("户名: the organization's registered name"),
  accountNumber: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, 'digits only, 8 to 30 of them')),
});

export const paymentSettingsInput = z.object({
  bankAccount: bankAccountInput.nullable().optional().describe('null removes it; omitted, it stays as it is'),
  wechatPay: wechatPayInput.nullable().optional().describe("the organization's WeChat Pay merchant account"),
  alipay: alipayInput.nullable().optional().describe("the organization's Alipay application"),
});
export type PaymentSettingsInput = z.infer<typeof paymentSettingsInput>;

export const paymentSettingsSchema = merchantAccountsSchema.extend({
  bankAccount: bankAccountInput.nullable(),
  setup: z
    .object({
      wechatPayDirectory: z.string().describe('JSAPI支付授权目录, entered in the WeChat Pay merchant platform'),
      wechatOAuthDomain: z.string().describe("网页授权域名, entered in the Official Account's settings"),
      wechatNotifyUrl: z
        .string()
        .describe("签约/解约 and payment notices: the 委托代扣模板's 解约回调地址 is set to this"),
      alipayNotifyUrl: z.string().describe("the application gateway (应用网关), where Alipay sends a donor's 解约"),
    })
    .describe('what the merchant platforms must be told about this instance'),
});

type Deps = { db: Db; config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'> };

async function storedSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.orgId, orgId));
  return {
    bankAccount: row?.bankAccount ?? null,
    wechatPay: row?.wechatPay ?? null,
    alipay: row?.alipay ?? null,
    updatedAt: row?.updatedAt,
  };
}

/** The account donors transfer to, shown again on a pending transfer's page. */
export const bankAccountOf = async (db: Db, orgId: string) => (await storedSettings(db, orgId)).bankAccount;

/** What staff see: the bank account, the merchant accounts without their secrets, and the setup addresses. */
export async function readPaymentSettings(deps: Deps, orgId: string) {
  const stored = await storedSettings(deps.db, orgId);
  return {
    bankAccount: stored.bankAccount,
    ...presentMerchantAccounts(deps.config.SECRET_KEY, stored),
    setup: {
      wechatPayDirectory: `${deps.config.PUBLIC_URL}/give/`,
      wechatOAuthDomain: new URL(deps.config.PUBLIC_URL).host,
      wechatNotifyUrl: notifyUrl(deps.config.PUBLIC_URL, 'wechat', orgId),
      alipayNotifyUrl: notifyUrl(deps.config.PUBLIC_URL, 'alipay', orgId),
    },
  };
}

const missingSecret = (path: string) =>
  new AppError('VALIDATION_FAILED', 'Enter the key: none is saved yet', [
    { path, message: 'required the first time (later, leave it empty to keep the saved one)' },
  ]);

/** Sets what the input names; what it leaves out stays. Secrets are sealed and never audited. */
export async function savePaymentSettings(deps: Deps, ctx: OrgContext, input: PaymentSettingsInput) {
  const secretKey = deps.config.SECRET_KEY;
  await deps.db.transaction(async (tx) => {
    const before = await storedSettings(tx, ctx.org.id);
    const next = { bankAccount: before.bankAccount, wechatPay: before.wechatPay, alipay: before.alipay };
    if (input.bankAccount !== undefined) next.bankAccount = input.bankAccount;
    if (input.wechatPay !== undefined) {
      const sealed = input.wechatPay && sealWechatPay(secretKey, input.wechatPay, before.wechatPay);
      if (sealed && 'missing' in sealed) throw missingSecret(`body.wechatPay.${sealed.missing}`);
      next.wechatPay = sealed;
    }
    if (input.alipay !== undefined) {
      const sealed = input.alipay && sealAlipay(secretKey, input.alipay, before.alipay);
      if (sealed && 'missing' in sealed) throw missingSecret(`body.alipay.${sealed.missing}`);
      next.alipay = sealed;
    }
    const values = { ...next, updatedAt: new Date() };
    await tx
      .insert(paymentSettings)
      .values({ orgId: ctx.org.id, ...values })
      .onConflictDoUpdate({ target: paymentSettings.orgId, set: values });
    await recordAudit(tx, ctx, {
      action: 'payments.settings',
      subjectType: 'organization',
      subjectId: ctx.org.id,
      data: diffFields(audited(before), audited(next)),
    });
  });
  return readPaymentSettings(deps, ctx.org.id);
}

/** The settings as the audit log keeps them: which keys changed shows as a change of their seal, not their text. */
const audited = (s: { bankAccount: unknown; wechatPay: StoredWechatPay | null; alipay: StoredAlipay | null }) => ({
  bankAccount: s.bankAccount,
  wechatPay: s.wechatPay && {
    withholding: s.wechatPay.withholding ?? null,
    mchid: s.wechatPay.mchid,
    appid: s.wechatPay.appid,
    merchantSerialNo: s.wechatPay.merchantSerialNo,
    platformKeys: Object.keys(s.wechatPay.platformKeys),
    keys: fingerprint(s.wechatPay.sealed),
  },
  alipay: s.alipay && {
    appId: s.alipay.appId,
    withholding: s.alipay.withholding ?? null,
    keys: fingerprint(s.alipay.sealed + s.alipay.alipayPublicKey),
  },
});

const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 12);

export interface PaymentDeps {
  db: Db;
  /** The instance's providers. */
  payments: PaymentProviders;
  config: Pick<Config, 'SECRET_KEY' | 'WECHATPAY_API_URL' | 'ALIPAY_GATEWAY'>;
  now: () => Date;
  /** How the vendors are reached; the global fetch unless a test gives another. */
  fetch?: Fetch;
}

/** Providers built from an organization's settings, kept while the settings stay as they are. */
const built = new WeakMap<PaymentProviders, Map<string, { stamp: number; providers: PaymentProviders }>>();

/** The providers this organization's giving pages offer: the instance's and its own accounts'. */
export async function providersOf(deps: PaymentDeps, orgId: string): Promise<PaymentProviders> {
  const stored = await storedSettings(deps.db, orgId);
  const stamp = stored.updatedAt?.getTime() ?? 0;
  let byOrg = built.get(deps.payments);
  if (!byOrg) built.set(deps.payments, (byOrg = new Map()));
  const cached = byOrg.get(orgId);
  if (cached?.stamp === stamp) return cached.providers;
  const secretKey = deps.config.SECRET_KEY;
  const providers = orgPaymentProviders(
    deps.payments,
    {
      bankAccount: stored.bankAccount,
      wechatPay: openWechatPay(secretKey, stored.wechatPay) ?? null,
      alipay: openAlipay(secretKey, stored.alipay) ?? null,
    },
    {
      secretKey,
      clock: { now: deps.now },
      fetch: deps.fetch ?? fetch,
      wechatPayApiUrl: deps.config.WECHATPAY_API_URL.replace(/\/+$/, ''),
      alipayGateway: deps.config.ALIPAY_GATEWAY,
    },
  );
  byOrg.set(orgId, { stamp, providers });
  return providers;
}

/** The organization's WeChat sign-in details (AppID and AppSecret), for JSAPI payment inside WeChat. */
export async function wechatSignIn(deps: Pick<PaymentDeps, 'db' | 'config'>, orgId: string) {
  const account = openWechatPay(deps.config.SECRET_KEY, (await storedSettings(deps.db, orgId)).wechatPay);
  return account?.appSecret ? { appid: account.appid, appSecret: account.appSecret } : undefined;
}

/** Providers that belong to an organization's own accounts: their callbacks come to its own address. */
export const ownAccountProviders: ReadonlySet<PaymentProvider['name']> = new Set(['bank-transfer', 'wechat', 'alipay']);

/**
 * One provider this organization's pages offer. The instance's providers (the sandbox) are answered
 * without reading its settings.
 */
export async function paymentProviderOf(
  deps: PaymentDeps,
  orgId: string,
  name: PaymentProvider['name'],
): Promise<PaymentProvider | undefined> {
  if (!ownAccountProviders.has(name)) return deps.payments.get(name);
  return (await providersOf(deps, orgId)).get(name);
}

/** Where a provider sends its notifications: an organization's own account has its own address. */
export const notifyUrl = (publicUrl: string, provider: PaymentProvider['name'], orgId: string) =>
  ownAccountProviders.has(provider)
    ? `${publicUrl}/api/payments/${provider}/notify/${orgId}`
    : `${publicUrl}/api/payments/${provider}/notify`;

/**
 * Asks the provider about an order that does not exist, with the organization's keys: an answer, even
 * "no such order", shows the keys work; a refused signature or an unreachable vendor says what is wrong,
 * before a donor meets it.
 */
export async function checkMerchantAccount(deps: PaymentDeps, orgId: string, name: 'wechat' | 'alipay') {
  const provider = await paymentProviderOf(deps, orgId, name);
  if (!provider?.queryOrder) return { ok: false, message: 'not set up, or its keys cannot be read: enter them again' };
  try {
    await provider.queryOrder(`CWCHECK${Date.now()}`);
    return { ok: true, message: null };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    return { ok: false, message: error.message };
  }
}
