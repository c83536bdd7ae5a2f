import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../adapters/clock.ts';
import {
  aliyunSmsProvider,
  outboxSmsProvider,
  tencentSmsProvider,
  type Fetch,
  type QuietHours,
  type SmsProvider,
} from '../../adapters/sms/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { openSecret, sealSecret } from '../platform/index.ts';
import { organizations } from '../platform/tables.ts';
import type { SmsSettingsInput } from './schemas.ts';
import { smsSettings, type StoredSmsAccount } from './tables.ts';

const SEAL_PURPOSE = 'sms keys v1';

export type SmsSettingsConfig = Pick<
  Config,
  'SECRET_KEY' | 'PUBLIC_URL' | 'NODE_ENV' | 'DATA_DIR' | 'ALIYUN_SMS_ENDPOINT' | 'TENCENT_SMS_HOST'
>;

export interface SmsSettingsDeps {
  db: Db;
  config: SmsSettingsConfig;
}

/** The development outbox writes messages to a file: never offered in production. */
export const outboxAvailable = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV !== 'production';

type SettingsRow = typeof smsSettings.$inferSelect;

/** The settings row, created (with its callback token) the first time anyone asks. */
export async function settingsRow(db: Db, orgId: string): Promise<SettingsRow> {
  const [row] = await db
    .insert(smsSettings)
    .values({ orgId, callbackToken: randomBytes(24).toString('base64url') })
    .onConflictDoNothing()
    .returning();
  if (row) return row;
  const [existing] = await db.select().from(smsSettings).where(eq(smsSettings.orgId, orgId));
  return existing!;
}

/** The organization whose callback token this is: the callback routes know no org otherwise. */
export async function settingsByToken(db: Db, token: string): Promise<SettingsRow | undefined> {
  // Instance-wide on purpose: the token is what names the organization.
  const [row] = await db.select().from(smsSettings).where(eq(smsSettings.callbackToken, token));
  return row;
}

const openAccount = (secretKey: string, account: StoredSmsAccount | null) => {
  const text = account ? openSecret(secretKey, SEAL_PURPOSE, account.sealed) : undefined;
  return text === undefined ? undefined : (JSON.parse(text) as { secret: string });
};

export const quietHoursOf = (row: SettingsRow): QuietHours => ({ start: row.quietStart, end: row.quietEnd });

/** What staff see: never the secret. */
export async function readSmsSettings(deps: SmsSettingsDeps, ctx: OrgContext) {
  const row = await settingsRow(deps.db, ctx.org.id);
  const base = `${deps.config.PUBLIC_URL}/api/sms/callbacks/${row.callbackToken}`;
  return {
    provider: row.provider,
    keyId: row.account?.keyId ?? null,
    sdkAppId: row.account?.sdkAppId ?? null,
    readable: row.provider === 'outbox' || Boolean(openAccount(deps.config.SECRET_KEY, row.account)),
    outboxAvailable: outboxAvailable(deps.config),
    quietHours: quietHoursOf(row),
    timezone: ctx.org.timezone,
    callbacks: { receipts: `${base}/receipts`, replies: `${base}/replies` },
  };
}

const missingSecret = (path: string) =>
  new AppError('VALIDATION_FAILED', 'Enter the key: none is saved yet', [
    { path, message: 'required the first time (later, leave it empty to keep the saved one)' },
  ]);

function sealAccount(secretKey: string, input: NonNullable<SmsSettingsInput['account']>, before: SettingsRow) {
  if (input.provider === 'outbox') return null;
  const keyId = input.provider === 'aliyun' ? input.accessKeyId : input.secretId;
  const given = input.provider === 'aliyun' ? input.accessKeySecret : input.secretKey;
  // The saved secret is kept only for the same vendor and key id: a new key id needs its own secret.
  const kept =
    before.provider === input.provider && before.account?.keyId === keyId
      ? openAccount(secretKey, before.account)?.secret
      : undefined;
  const secret = given ?? kept;
  if (!secret)
    throw missingSecret(input.provider === 'aliyun' ? 'body.account.accessKeySecret' : 'body.account.secretKey');
  return {
    keyId,
    ...(input.provider === 'tencent' ? { sdkAppId: input.sdkAppId } : {}),
    sealed: sealSecret(secretKey, SEAL_PURPOSE, JSON.stringify({ secret })),
  };
}

/** Sets what the input names; what it leaves out stays. The secret is sealed and never audited. */
export async function saveSmsSettings(deps: SmsSettingsDeps, ctx: OrgContext, input: SmsSettingsInput) {
  if (input.account?.provider === 'outbox' && !outboxAvailable(deps.config))
    throw new AppError('VALIDATION_FAILED', 'The outbox is for development only', [
      { path: 'body.account.provider', message: 'not available in production' },
    ]);
  await deps.db.transaction(async (tx) => {
    const before = await settingsRow(tx, ctx.org.id);
    const values: Partial<typeof smsSettings.$inferInsert> = { updatedAt: new Date() };
    if (input.account !== undefined) {
      values.provider = input.account?.provider ?? null;
      values.account = input.account ? sealAccount(deps.config.SECRET_KEY, input.account, before) : null;
    }
    if (input.quietHours) {
      values.quietStart = input.quietHours.start;
      values.quietEnd = input.quietHours.end;
    }
    await tx.update(smsSettings).set(values).where(eq(smsSettings.orgId, ctx.org.id));
    const audited = (r: Partial<SettingsRow>) => ({
      provider: r.provider ?? null,
      keyId: r.account?.keyId ?? null,
      sdkAppId: r.account?.sdkAppId ?? null,
      quietStart: r.quietStart,
      quietEnd: r.quietEnd,
    });
    const after = { ...before, ...values };
    await recordAudit(tx, ctx, {
      action: 'sms.settings',
      subjectType: 'organization',
      subjectId: ctx.org.id,
      data: {
        ...diffFields(audited(before), audited(after)),
        secretChanged: before.account?.sealed !== (after.account ?? null)?.sealed,
      },
    });
  });
  return readSmsSettings(deps, ctx);
}

export interface SmsProviderDeps {
  config: SmsSettingsConfig;
  clock: Clock;
  /** How vendors are reached; the global fetch unless a test gives another. */
  fetch?: Fetch;
}

/** The organization's provider, built from its settings; undefined when none is set or its keys cannot be read. */
export function providerFromSettings(deps: SmsProviderDeps, row: SettingsRow): SmsProvider | undefined {
  const { config, clock } = deps;
  const fetch = deps.fetch ?? globalThis.fetch;
  if (row.provider === 'outbox')
    return outboxAvailable(config)
      ? outboxSmsProvider({ directory: path.join(config.DATA_DIR, 'sms-outbox') }, { clock })
      : undefined;
  const secret = openAccount(config.SECRET_KEY, row.account)?.secret;
  if (!row.account || !secret) return undefined;
  if (row.provider === 'aliyun')
    return aliyunSmsProvider(
      { accessKeyId: row.account.keyId, accessKeySecret: secret, endpoint: config.ALIYUN_SMS_ENDPOINT },
      { fetch, clock },
    );
  if (row.provider === 'tencent')
    return tencentSmsProvider(
      {
        secretId: row.account.keyId,
        secretKey: secret,
        smsSdkAppId: row.account.sdkAppId ?? '',
        host: config.TENCENT_SMS_HOST,
      },
      { fetch, clock },
    );
  return undefined;
}

/** The organization's time zone, for quiet hours. */
export async function timezoneOf(db: Db, orgId: string) {
  const [org] = await db
    .select({ timezone: organizations.timezone, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org!;
}
