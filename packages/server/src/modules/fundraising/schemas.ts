import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { minorUnits } from '../projects/index.ts';
import { campaignStatuses, givingFrequencies, orderStatuses, paymentProviders } from './tables.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const planSchema = z.object({
  filingNumber: optionalText(100).describe('备案编号: the filing number of the fundraising plan'),
  purpose: optionalText(2000),
  region: optionalText(500),
  personInCharge: optionalText(200),
  beneficiaries: optionalText(2000),
  useOfFunds: optionalText(2000),
  leftoverPlan: optionalText(2000).describe('what happens to money left over'),
});

export const copyInput = z.object({
  title: z.string().trim().min(1).max(120),
  summary: z.string().trim().max(300).default(''),
  story: z.string().max(200_000).default('').describe('HTML; sanitized to paragraphs, headings, lists, links, images'),
  coverKey: z
    .string()
    .regex(/^media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|gif)$/, 'an image uploaded to /media')
    .nullish(),
});

/** Each field once, without defaults: a patch names only what changes, and the rest stays. */
const campaignFieldTypes = {
  copy: copyInput,
  plan: planSchema,
  projectId: idParam.describe('the project (fund) the gifts go to'),
  presetAmounts: z.array(minorUnits).min(1).max(6).describe('minor units, as the page offers them'),
  minAmount: minorUnits,
  maxAmount: minorUnits,
  allowMonthly: z.boolean(),
  goal: minorUnits.nullish(),
  startsAt: z.iso.datetime({ offset: true }).nullish(),
  endsAt: z.iso.datetime({ offset: true }).nullish(),
};

const campaignFields = z.object({
  ...campaignFieldTypes,
  plan: campaignFieldTypes.plan.default({}),
  presetAmounts: campaignFieldTypes.presetAmounts.default([2000, 5000, 10000, 50000]),
  minAmount: campaignFieldTypes.minAmount.default(100),
  maxAmount: campaignFieldTypes.maxAmount.default(5_000_000),
  allowMonthly: campaignFieldTypes.allowMonthly.default(true),
});

const checkRanges = (
  c: {
    minAmount?: number;
    maxAmount?: number;
    presetAmounts?: number[];
    startsAt?: string | null;
    endsAt?: string | null;
  },
  ctx: z.RefinementCtx,
) => {
  if (c.minAmount !== undefined && c.maxAmount !== undefined && c.minAmount > c.maxAmount)
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'must be at least the smallest amount' });
  for (const [i, amount] of (c.presetAmounts ?? []).entries()) {
    if ((c.minAmount !== undefined && amount < c.minAmount) || (c.maxAmount !== undefined && amount > c.maxAmount))
      ctx.addIssue({
        code: 'custom',
        path: ['presetAmounts', i],
        message: 'must lie between the smallest and largest amount',
      });
  }
  if (c.startsAt && c.endsAt && new Date(c.startsAt) >= new Date(c.endsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
};

const slugField = {
  slug: orgSlug
    .optional()
    .describe('public address: /c/<org>/<slug>; fixed once the campaign is live. Left out, the pinyin of the title'),
};

export const campaignInput = campaignFields.extend(slugField).superRefine(checkRanges);

/** A partner's campaign under a host's qualification: the project is the agreement's. */
export const hostedCampaignInput = campaignFields
  .omit({ projectId: true })
  .extend({ ...slugField, partnershipId: idParam.describe('the active partnership it runs under') })
  .superRefine(checkRanges);
export type CampaignInput = z.infer<typeof campaignInput>;

// Not campaignFields.partial(): zod applies a default even to an optional field left out, so a patch of
// the copy alone would reset the amounts and blank the plan.
export const campaignPatch = z
  .object(campaignFieldTypes)
  .partial()
  .extend({ slug: orgSlug.optional() })
  .superRefine(checkRanges);
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const reviewInput = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(2000).nullish().describe('why, for the staff who submitted it'),
});

export const campaignParams = z.object({ org: orgSlug, campaignId: idParam });

const copySchema = z.object({
  title: z.string(),
  summary: z.string(),
  story: z.string(),
  coverKey: z.string().nullable(),
  coverUrl: z.string().nullable(),
});

export const campaignSchema = z.object({
  id: z.number(),
  slug: z.string(),
  status: z.enum(campaignStatuses),
  copy: copySchema,
  pending: z
    .object({ copy: copySchema, plan: planSchema })
    .nullable()
    .describe("edits of a live campaign's public words, waiting for review"),
  plan: planSchema,
  projectId: z.number(),
  goal: z.number().nullable(),
  currency: z.string(),
  presetAmounts: z.array(z.number()),
  minAmount: z.number(),
  maxAmount: z.number(),
  allowMonthly: z.boolean(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  publicUrl: z.string(),
  partnerOrgId: z
    .string()
    .nullable()
    .describe('joint fundraising: the partner organization that runs this campaign under this one'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const campaignTotalsSchema = z.object({
  raised: z.number().describe('gifts to the campaign less their refunds, minor units, not counting matches'),
  matched: z.number().describe('what matching funds added'),
  gifts: z.number(),
  donors: z.number(),
  onlineOrders: z.object({ paid: z.number(), pending: z.number(), expired: z.number() }),
});

export const orderSchema = z.object({
  id: z.number(),
  orderNo: z.string(),
  campaignId: z.number(),
  amount: z.number(),
  currency: z.string(),
  frequency: z.enum(givingFrequencies),
  provider: z.enum(paymentProviders),
  status: z.enum(orderStatuses),
  anonymous: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  transactionId: z.string().nullable(),
  giftId: z.number().nullable(),
  contactId: z.number().nullable(),
});

export const orderListQuery = z.object({
  status: z.enum(orderStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const matchingFundSchema = z.object({
  id: z.number(),
  campaignId: z.number(),
  sponsorName: z.string(),
  giftId: z.number().describe("the sponsor's pooled gift"),
  ratio: z.object({ numerator: z.number(), denominator: z.number() }),
  cap: z.number(),
  matched: z.number(),
  remaining: z.number(),
  perDonorCap: z.number().nullable(),
  perDayCap: z.number().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});

export const matchingFundParams = z.object({ org: orgSlug, campaignId: idParam, fundId: idParam });
