import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { alipayKey, platformKey, type AlipayConfig, type WechatPayConfig } from '../../adapters/payments/index.ts';
import { openSecret, sealSecret } from '../platform/index.ts';
import type { StoredAlipay, StoredWechatPay } from './tables.ts';

const SEAL_PURPOSE = 'merchant keys v1';

const parses = (check: (value: string) => unknown) => (value: string) => {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
};

const pemPrivateKey = z
  .string()
  .trim()
  .max(10_000)
  .refine(
    parses((v) => createPrivateKey(v)),
    'not a PEM private key: paste the whole apiclient_key.pem, BEGIN and END lines included',
  );

const platformKeyInput = z
  .object({
    serial: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_]{8,64}$/, 'the serial number of a platform certificate, or a public key id (PUB_KEY_ID_…)'),
    pem: z.string().trim().max(10_000),
  })
  .superRefine((key, ctx) => {
    try {
      platformKey(key.serial, key.pem);
    } catch (error) {
      const mismatch = error instanceof Error && error.message.includes('is configured as');
      ctx.addIssue({
        code: 'custom',
        path: ['pem'],
        message: mismatch
          ? 'this certificate has another serial number'
          : 'not a PEM public key or certificate (微信支付公钥 or 平台证书)',
      });
    }
  });

export const wechatPayInput = z.object({
  mchid: z
    .string()
    .trim()
    .regex(/^\d{8,12}$/, 'the 商户号: 8 to 12 digits'),
  appid: z
    .string()
    .trim()
    .regex(/^wx[0-9a-zA-Z]{16}$/, 'the AppID of the Official Account (公众号), wx and 16 characters'),
  merchantSerialNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Fa-f]{8,64}$/, 'the serial number of the merchant API certificate (商户API证书序列号)'),
  merchantPrivateKey: pemPrivateKey.optional().describe('apiclient_key.pem; omit to keep the saved one'),
  apiV3Key: z.string().length(32, 'the APIv3 key has exactly 32 characters').optional().describe('omit to keep it'),
  appSecret: z
    .string()
    .trim()
    .regex(/^[0-9a-zA-Z]{32}$/, 'the AppSecret of the Official Account: 32 letters and digits')
    .optional()
    .describe("the 公众号's AppSecret, for JSAPI payment inside WeChat; omit to keep it"),
  platformKeys: z.array(platformKeyInput).min(1, 'at least one WeChat Pay public key or platform certificate').max(5),
  withholding: z
    .object({
      planId: z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, 'the 委托代扣模板 id (plan_id): digits'),
      apiV2Key: z
        .string()
        .regex(/^[0-9A-Za-z]{32}$/, 'the APIv2 key (API密钥) has exactly 32 letters and digits')
        .optional()
        .describe('omit to keep the saved one'),
    })
    .nullable()
    .optional()
    .describe('委托代扣 for monthly gifts: the template id and the APIv2 key; null turns it off'),
});

export const alipayInput = z.object({
  appId: z
    .string()
    .trim()
    .regex(/^\d{16}$/, 'the APPID: 16 digits'),
  appPrivateKey: z
    .string()
    .trim()
    .max(10_000)
    .refine(
      parses((v) => alipayKey(v, 'private')),
      'not an RSA private key (应用私钥, PEM or the base64 the key tool prints)',
    )
    .optional()
    .describe('omit to keep the saved one'),
  alipayPublicKey: z
    .string()
    .trim()
    .max(10_000)
    .refine(
      parses((v) => alipayKey(v, 'public')),
      'not an RSA public key (支付宝公钥)',
    ),
  withholding: z
    .object({
      signScene: z
        .string()
        .trim()
        .regex(/^[A-Z_]+\|[A-Z_]+$/, 'the 签约场景 (sign_scene) Alipay approved, such as INDUSTRY|DONATION')
        .refine((v) => v !== 'DEFAULT|DEFAULT', 'DEFAULT|DEFAULT cannot be used with our agreement numbers'),
    })
    .nullable()
    .optional()
    .describe('周期扣款 for monthly gifts; null turns it off'),
});

export type WechatPayInput = z.infer<typeof wechatPayInput>;
export type AlipayInput = z.infer<typeof alipayInput>;

interface WechatSecrets {
  merchantPrivateKey: string;
  apiV3Key: string;
  appSecret?: string;
  apiV2Key?: string;
}

/** The account to store: new secrets sealed, secrets left out of the input kept from the saved account. */
export function sealWechatPay(
  secretKey: string,
  input: WechatPayInput,
  saved: StoredWechatPay | null,
): StoredWechatPay | { missing: 'merchantPrivateKey' | 'apiV3Key' | 'withholding.apiV2Key' } {
  const before = saved ? openJson<WechatSecrets>(secretKey, saved.sealed) : undefined;
  const merchantPrivateKey = input.merchantPrivateKey ?? before?.merchantPrivateKey;
  const apiV3Key = input.apiV3Key ?? before?.apiV3Key;
  if (!merchantPrivateKey) return { missing: 'merchantPrivateKey' };
  if (!apiV3Key) return { missing: 'apiV3Key' };
  // Left out, withholding stays as saved; null turns it off (the APIv2 key is then forgotten).
  const withholding = input.withholding === undefined ? saved?.withholding : (input.withholding ?? undefined);
  const apiV2Key = withholding ? (input.withholding?.apiV2Key ?? before?.apiV2Key) : undefined;
  if (withholding && !apiV2Key) return { missing: 'withholding.apiV2Key' };
  const secrets: WechatSecrets = {
    merchantPrivateKey,
    apiV3Key,
    appSecret: input.appSecret ?? before?.appSecret,
    apiV2Key,
  };
  return {
    mchid: input.mchid,
    appid: input.appid,
    merchantSerialNo: input.merchantSerialNo.toUpperCase(),
    platformKeys: Object.fromEntries(input.platformKeys.map((k) => [k.serial, k.pem])),
    sealed: sealSecret(secretKey, SEAL_PURPOSE, JSON.stringify(secrets)),
    ...(withholding ? { withholding: { planId: withholding.planId } } : {}),
  };
}

export function sealAlipay(
  secretKey: string,
  input: AlipayInput,
  saved: StoredAlipay | null,
): StoredAlipay | { missing: 'appPrivateKey' } {
  const appPrivateKey =
    input.appPrivateKey ?? (saved && openJson<{ appPrivateKey: string }>(secretKey, saved.sealed)?.appPrivateKey);
  if (!appPrivateKey) return { missing: 'appPrivateKey' };
  const withholding = input.withholding === undefined ? saved?.withholding : (input.withholding ?? undefined);
  return {
    appId: input.appId,
    alipayPublicKey: input.alipayPublicKey,
    sealed: sealSecret(secretKey, SEAL_PURPOSE, JSON.stringify({ appPrivateKey })),
    ...(withholding ? { withholding: { signScene: withholding.signScene } } : {}),
  };
}

/** The WeChat Pay account the adapter takes, with the AppSecret for signing donors in; undefined if unreadable. */
export function openWechatPay(
  secretKey: string,
  stored: StoredWechatPay | null,
): (WechatPayConfig & { appSecret?: string }) | undefined {
  const secrets = stored && openJson<WechatSecrets>(secretKey, stored.sealed);
  if (!stored || !secrets) return undefined;
  const { mchid, appid, merchantSerialNo, platformKeys } = stored;
  const { apiV2Key, ...keys } = secrets;
  const withholding = stored.withholding && apiV2Key ? { planId: stored.withholding.planId, apiV2Key } : undefined;
  return { mchid, appid, merchantSerialNo, platformKeys, ...keys, ...(withholding ? { withholding } : {}) };
}

export function openAlipay(secretKey: string, stored: StoredAlipay | null): AlipayConfig | undefined {
  const secrets = stored && openJson<{ appPrivateKey: string }>(secretKey, stored.sealed);
  if (!stored || !secrets) return undefined;
  return {
    appId: stored.appId,
    alipayPublicKey: stored.alipayPublicKey,
    appPrivateKey: secrets.appPrivateKey,
    ...(stored.withholding ? { withholding: stored.withholding } : {}),
  };
}

function openJson<T>(secretKey: string, sealed: string): T | undefined {
  const text = openSecret(secretKey, SEAL_PURPOSE, sealed);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/**
 * What staff see of the accounts: never a secret. `readable` is false when the keys were sealed under
 * another SECRET_KEY (it changed, or was never set and the server restarted): they must be entered again.
 */
export function presentMerchantAccounts(
  secretKey: string,
  stored: { wechatPay: StoredWechatPay | null; alipay: StoredAlipay | null },
) {
  const wechat = stored.wechatPay;
  const wechatSecrets = wechat ? openJson<WechatSecrets>(secretKey, wechat.sealed) : undefined;
  return {
    wechatPay: wechat
      ? {
          mchid: wechat.mchid,
          appid: wechat.appid,
          merchantSerialNo: wechat.merchantSerialNo,
          platformKeys: Object.entries(wechat.platformKeys).map(([serial, pem]) => ({ serial, pem })),
          hasAppSecret: Boolean(wechatSecrets?.appSecret),
          readable: Boolean(wechatSecrets),
          withholding: wechat.withholding
            ? { planId: wechat.withholding.planId, hasApiV2Key: Boolean(wechatSecrets?.apiV2Key) }
            : null,
        }
      : null,
    alipay: stored.alipay
      ? {
          appId: stored.alipay.appId,
          alipayPublicKey: stored.alipay.alipayPublicKey,
          readable: Boolean(openJson(secretKey, stored.alipay.sealed)),
          withholding: stored.alipay.withholding ?? null,
        }
      : null,
  };
}

export const merchantAccountsSchema = z.object({
  wechatPay: z
    .object({
      mchid: z.string(),
      appid: z.string(),
      merchantSerialNo: z.string(),
      platformKeys: z.array(z.object({ serial: z.string(), pem: z.string() })),
      hasAppSecret: z.boolean().describe('JSAPI payment inside WeChat needs it'),
      readable: z.boolean().describe('false: the keys were sealed under another SECRET_KEY; enter them again'),
      withholding: z
        .object({ planId: z.string(), hasApiV2Key: z.boolean() })
        .nullable()
        .describe('委托代扣: monthly gifts through WeChat Pay are offered when set'),
    })
    .nullable(),
  alipay: z
    .object({
      appId: z.string(),
      alipayPublicKey: z.string(),
      readable: z.boolean(),
      withholding: z
        .object({ signScene: z.string() })
        .nullable()
        .describe('周期扣款: monthly gifts through Alipay are offered when set'),
    })
    .nullable(),
});
