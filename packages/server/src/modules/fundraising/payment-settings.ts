import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { orgPaymentProviders, type PaymentProvider, type PaymentProviders } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { paymentSettings } from './tables.ts';

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

export const paymentSettingsInput = z.object({ bankAccount: bankAccountInput.nullable() });
export type PaymentSettingsInput = z.infer<typeof paymentSettingsInput>;

export async function readPaymentSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.orgId, orgId));
  return { bankAccount: row?.bankAccount ?? null };
}

export async function savePaymentSettings(db: Db, ctx: OrgContext, input: PaymentSettingsInput) {
  return db.transaction(async (tx) => {
    const before = await readPaymentSettings(tx, ctx.org.id);
    await tx
      .insert(paymentSettings)
      .values({ orgId: ctx.org.id, bankAccount: input.bankAccount, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: paymentSettings.orgId,
        set: { bankAccount: input.bankAccount, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'payments.settings',
      subjectType: 'organization',
      subjectId: ctx.org.id,
      data: diffFields(before, { bankAccount: input.bankAccount }),
    });
    return readPaymentSettings(tx, ctx.org.id);
  });
}

/** The providers this organization's giving pages offer. */
export async function providersOf(
  deps: { db: Db; payments: PaymentProviders; config: { SECRET_KEY: string } },
  orgId: string,
): Promise<PaymentProviders> {
  return orgPaymentProviders(deps.payments, await readPaymentSettings(deps.db, orgId), deps.config.SECRET_KEY);
}

/**
 * One provider this organization's pages offer. Only bank transfer depends on the organization (its
 * account); the instance's providers are answered without reading its settings.
 */
export async function paymentProviderOf(
  deps: { db: Db; payments: PaymentProviders; config: { SECRET_KEY: string } },
  orgId: string,
  name: PaymentProvider['name'],
): Promise<PaymentProvider | undefined> {
  if (name !== 'bank-transfer') return deps.payments.get(name);
  return (await providersOf(deps, orgId)).get(name);
}
