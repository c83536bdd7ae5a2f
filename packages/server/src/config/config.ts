import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseS3Url, S3UrlError, type S3Location } from '../adapters/s3.ts';
import { witnessedLogsVariable, witnessKeyVariable, witnessTargetsVariable } from './witness.ts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const storageUrl = z
  .string()
  .transform((url, ctx): S3Location => {
    try {
      return parseS3Url(url);
    } catch (error) {
      if (!(error instanceof S3UrlError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  })
  .optional();

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_RATE: z.coerce.number().positive().max(100_000).default(20),
  MAILING_SENDERS: z.coerce.number().int().min(1).max(16).default(1),
  EMAIL_FROM: z.email().optional(),
  EMAIL_INBOUND_SECRET: z.string().min(24, 'must be at least 24 characters').optional(),
  SMS_RATE: z.coerce.number().positive().max(10_000).default(10),
  ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  TENCENT_SMS_HOST: z.string().min(1).default('sms.tencentcloudapi.com'),
  CAPTCHA_PROVIDER: z.enum(['pow', 'tencent']).default('pow'),
  TENCENT_CAPTCHA_APP_ID: z
    .string()
    .regex(/^\d{1,12}$/, 'the numeric CaptchaAppId')
    .optional(),
  TENCENT_CAPTCHA_APP_SECRET_KEY: z.string().min(1).optional(),
  TENCENT_CAPTCHA_SECRET_ID: z.string().min(1).optional(),
  TENCENT_CAPTCHA_SECRET_KEY: z.string().min(1).optional(),
  TENCENT_CAPTCHA_ENDPOINT: z.url().default('https://captcha.tencentcloudapi.com/'),
  STORAGE_URL: storageUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: booleanFromEnv.default(true),
  WORKERS: booleanFromEnv.default(true),
  PAYMENTS_SANDBOX: booleanFromEnv.optional(),
  PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  WECHATPAY_API_URL: z.url().default('https://api.mch.weixin.qq.com'),
  WECHAT_API_URL: z.url().default('https://api.weixin.qq.com'),
  WECHAT_OAUTH_URL: z.url().default('https://open.weixin.qq.com'),
  ALIPAY_GATEWAY: z.url().default('https://openapi.alipay.com/gateway.do'),
  WITNESS_LOGS: witnessedLogsVariable,
  WITNESS_KEY: witnessKeyVariable,
  LEDGER_WITNESSES: witnessTargetsVariable,
  LEDGER_SIGNER_KEY: z
    .string()
    .regex(
      /^PRIVATE\+KEY\+[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/,
      'must be a C2SP signer key: PRIVATE+KEY+name+keyid+base64',
    )
    .optional(),
  LEDGER_TILE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(64),
});

/** Checks across variables: a chosen vendor needs its keys. */
const checkedConfigSchema = configSchema.superRefine((env, ctx) => {
  if (env.CAPTCHA_PROVIDER !== 'tencent') return;
  const tencent = [
    'TENCENT_CAPTCHA_APP_ID',
    'TENCENT_CAPTCHA_APP_SECRET_KEY',
    'TENCENT_CAPTCHA_SECRET_ID',
    'TENCENT_CAPTCHA_SECRET_KEY',
  ] as const;
  for (const name of tencent)
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when CAPTCHA_PROVIDER=tencent' });
});

export type Config = Omit<
  z.infer<typeof configSchema>,
  'SECRET_KEY' | 'PUBLIC_URL' | 'PAYMENTS_SANDBOX' | 'EMAIL_FROM' | 'PAGE_CACHE_MS'
> & {
  SECRET_KEY: string;
  PUBLIC_URL: string;
  PAYMENTS_SANDBOX: boolean;
  EMAIL_FROM: string;
  PAGE_CACHE_MS: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates environment variables once at start; no other code reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = checkedConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = parsed.data;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const host = new URL(publicUrl).hostname;
  return {
    ...config,
    DATA_DIR: path.resolve(config.DATA_DIR),
    PUBLIC_URL: publicUrl,
    EMAIL_FROM: config.EMAIL_FROM ?? `no-reply@${host.includes('.') ? host : 'commonweal.local'}`,
    // Without SECRET_KEY a random key is used: sessions survive restarts because they live in the
    // database, but signed links do not. Production must set it.
    SECRET_KEY: config.SECRET_KEY ?? randomBytes(32).toString('hex'),
    // The sandbox takes "payments" that move no money: right for the demo and tests, never for production.
    PAYMENTS_SANDBOX: config.PAYMENTS_SANDBOX ?? config.NODE_ENV !== 'production',
    // Tests read a page right after changing what it shows; a campaign day needs the cache.
    PAGE_CACHE_MS: config.PAGE_CACHE_MS ?? (config.NODE_ENV === 'test' ? 0 : 1_000),
  };
}

/** Variables the README documents, with their meaning. */
export const configDocs: Record<keyof z.infer<typeof configSchema>, string> = {
  NODE_ENV: 'development | production | test',
  PORT: 'HTTP port (default 3000)',
  HOST: 'interface to listen on (default 0.0.0.0)',
  DATA_DIR: 'embedded database, uploaded files and the lock (default ./data)',
  DATABASE_URL: 'postgres://… selects a real PostgreSQL instead of the embedded one',
  PUBLIC_URL: 'the public address, used in links (default http://localhost:PORT)',
  SECRET_KEY: 'at least 32 characters; signs links. Required in production',
  SMTP_URL: 'smtp://user:pass@host:port for outgoing email',
  SMTP_RATE:
    'messages per second the SMTP provider allows (default 20); mass mailings never go faster, and ' +
    'throttling replies (421, 45x) are retried with backoff',
  MAILING_SENDERS:
    'senders one mailing may have at once (default 1), each in its own job and SMTP connections; more ' +
    'than 1 helps only when several processes run workers (docs/email.md). SMTP_RATE is per process',
  SMS_RATE:
    "text messages per second this server sends, across all organizations (default 10); a vendor's " +
    'throttling replies are retried after the wait it names',
  ALIYUN_SMS_ENDPOINT: "Aliyun SMS (dysmsapi)'s address (default https://dysmsapi.aliyuncs.com/)",
  TENCENT_SMS_HOST: "Tencent Cloud SMS's API host (default sms.tencentcloudapi.com)",
  CAPTCHA_PROVIDER:
    'the captcha (人机验证) of forms that ask for one: pow (default), a proof of work the page solves in the ' +
    "background, self-hosted; or tencent, Tencent Cloud Captcha (its widget's script is then loaded from Tencent)",
  TENCENT_CAPTCHA_APP_ID: 'CaptchaAppId of the Tencent Cloud Captcha app (required with CAPTCHA_PROVIDER=tencent)',
  TENCENT_CAPTCHA_APP_SECRET_KEY: "that app's AppSecretKey (required with CAPTCHA_PROVIDER=tencent)",
  TENCENT_CAPTCHA_SECRET_ID:
    'a Tencent Cloud API SecretId allowed to call DescribeCaptchaResult (required with CAPTCHA_PROVIDER=tencent)',
  TENCENT_CAPTCHA_SECRET_KEY: 'its SecretKey (required with CAPTCHA_PROVIDER=tencent)',
  TENCENT_CAPTCHA_ENDPOINT: "Tencent Cloud Captcha's API address (default https://captcha.tencentcloudapi.com/)",
  EMAIL_FROM:
    "the address emails are sent from (the organization's name is shown); default no-reply@ the PUBLIC_URL host",
  EMAIL_INBOUND_SECRET:
    'at least 24 characters; turns on POST /api/email/inbound, where a forwarding service posts bounce notices, ' +
    'complaint reports and mailto: unsubscribes (Authorization: Bearer SECRET)',
  STORAGE_URL:
    's3://KEY:SECRET@host/bucket[/prefix] (s3+http:// for plain HTTP) keeps uploaded files and the ' +
    'transparency log on S3-compatible storage instead of DATA_DIR',
  LOG_LEVEL: 'fatal | error | warn | info | debug | trace | silent',
  DEMO: 'seed the demo organization on first start (default true)',
  WORKERS: 'run job workers inside the server process (default true)',
  PAYMENTS_SANDBOX:
    'offer the built-in sandbox payment (no money moves) on giving pages; default true unless NODE_ENV=production',
  PAGE_CACHE_MS:
    'how long a campaign page and its widget may be served from memory before their figures are read again ' +
    '(default 1000; 0 in tests)',
  WECHATPAY_API_URL: "WeChat Pay APIv3's address (default https://api.mch.weixin.qq.com)",
  WECHAT_API_URL:
    "the WeChat Official Accounts API, which turns a donor's sign-in code into an openid (default https://api.weixin.qq.com)",
  WECHAT_OAUTH_URL: "WeChat's web sign-in page for JSAPI payments (default https://open.weixin.qq.com)",
  ALIPAY_GATEWAY:
    "Alipay's gateway (default https://openapi.alipay.com/gateway.do; Alipay's sandbox is " +
    'https://openapi-sandbox.dl.alipaydev.com/gateway.do)',
  WITNESS_LOGS: "verifier keys of the other logs this instance witnesses (each key's name is the log's origin)",
  WITNESS_KEY: 'cosigner key PRIVATE+KEY+… (type 0x04); default: generated on first use and kept in the database',
  LEDGER_WITNESSES: 'witnesses of this instance\'s log: "URL VKEY" pairs, separated by commas or newlines',
  LEDGER_SIGNER_KEY:
    'C2SP signer key (PRIVATE+KEY+<origin>+…) for the transparency log; its name must be the log origin. ' +
    'Default: a key generated on first start and kept in the database',
  LEDGER_TILE_CACHE_MB:
    "memory for the transparency log's hash tiles (default 64, the tiles of about 2,000,000 entries); " +
    'an inclusion proof whose tile is cached takes 0.05 ms, one that reads it from storage about 1 ms',
};
