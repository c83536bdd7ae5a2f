import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { currencySchema, giftFields } from '../gifts/index.ts';
import { pledgeStatuses } from './enums.ts';

const day = z.iso.date().describe('YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const amount = z
  .number()
  .int('an integer number of minor units (fen), not yuan with decimals')
  .positive('must be more than zero')
  .max(Number.MAX_SAFE_INTEGER)
  .describe('minor units: 10000 = 100.00 CNY');

export const pledgeInput = z
  .object({
    contactId: idParam,
    amount,
    currency: currencySchema.optional().describe("defaults to the organization's currency"),
    pledgedOn: day,
    dueOn: day.describe('when the whole amount is expected'),
    campaign: optionalText(200),
    fund: optionalText(200),
    note: optionalText(2000).describe('private, for staff'),
  })
  .refine((p) => p.dueOn >= p.pledgedOn, { path: ['dueOn'], message: 'on or after the day it was pledged' });

export const pledgePatch = z.object({
  amount: amount.optional(),
  dueOn: day.optional(),
  campaign: optionalText(200),
  fund: optionalText(200),
  note: optionalText(2000),
});

export const pledgeCancel = z.object({ reason: z.string().trim().min(1).max(500) });

/** A gift that pays the pledge: one already recorded, or a new one recorded with it, in one transaction. */
export const pledgePaymentInput = z.union([
  z.object({ giftId: idParam }),
  z.object({ gift: giftFields.omit({ contactId: true, kind: true, currency: true, inKindDescription: true }) }),
]);

export const pledgeParams = z.object({ org: orgSlug, id: idParam });
export const pledgeGiftParams = z.object({ org: orgSlug, id: idParam, giftId: idParam });

export const pledgeSchema = z.object({
  id: z.number(),
  contactId: z.number(),
  contactName: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  paid: z.number().describe('the sum of the gifts that pay it, less their refunds'),
  balance: z.number().describe('what is still to come; 0 once fulfilled'),
  pledgedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(pledgeStatuses),
  campaign: z.string().nullable(),
  fund: z.string().nullable(),
  note: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});

export type PledgeInput = z.infer<typeof pledgeInput>;
export type PledgePatch = z.infer<typeof pledgePatch>;
export type PledgePaymentInput = z.infer<typeof pledgePaymentInput>;
