import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { giftKinds } from './tables.ts';

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isoCurrencies.has(c), 'an ISO 4217 currency code such as CNY');
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const giftFields = z.object({
  contactId: idParam,
  kind: z.enum(giftKinds).default('money'),
  amount: z
    .number()
    .int('an integer number of minor units (fen), not yuan with decimals')
    .positive('must be more than zero')
    .max(Number.MAX_SAFE_INTEGER)
    .describe('minor units: 10000 = 100.00 CNY; for in-kind gifts, their value'),
  currency: currencySchema.optional().describe("defaults to the organization's currency"),
  receivedAt: z.iso.datetime({ offset: true }).describe('ISO 8601 with a time zone'),
  channel: z.string().trim().min(1).max(50).describe('bank_transfer, wechat_pay, alipay, cash, tencent_gongyi…'),
  campaign: optionalText(200),
  fund: optionalText(200),
  paymentReference: optionalText(200),
  inKindDescription: optionalText(2000),
  externalId: optionalText(200).describe('unique per organization: the same external gift is recorded once'),
});

export const giftInput = giftFields.superRefine((gift, ctx) => {
  if (gift.kind === 'in_kind' && !gift.inKindDescription) {
    ctx.addIssue({ code: 'custom', path: ['inKindDescription'], message: 'describe what was given' });
  }
});
export const giftPatch = giftFields
  .omit({ contactId: true })
  .partial()
  .extend({ kind: z.enum(giftKinds).optional() });

export type GiftInput = z.infer<typeof giftInput>;
export type GiftPatch = z.infer<typeof giftPatch>;

export const giftSchema = z.object({
  id: z.number(),
  contactId: z.number(),
  kind: z.enum(giftKinds),
  amount: z.number(),
  currency: z.string(),
  receivedAt: z.string(),
  channel: z.string(),
  campaign: z.string().nullable(),
  fund: z.string().nullable(),
  paymentReference: z.string().nullable(),
  inKindDescription: z.string().nullable(),
  externalId: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  trackingCode: z.string().nullable().describe('the donation.received entry: /t/<code> shows where the gift went'),
  leafIndex: z.number().nullable().describe('its place in the transparency log; null until integrated'),
});
export const giftPage = z.object({ items: z.array(giftSchema), nextCursor: z.string().nullable() });
export const giftParams = z.object({ org: orgSlug, giftId: idParam });
