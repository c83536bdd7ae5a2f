import { z } from 'zod';
import { totalsGroups } from './repo.ts';

const year = z.coerce.number().int().min(1900).max(2200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const yearQuery = z.object({
  year: year.optional().describe('default: this year on the organization calendar'),
});
export const yearRangeQuery = z
  .object({ from: year.optional(), to: year.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.to - q.from <= 50, { message: 'at most 50 years at a time', path: ['to'] });
export const totalsQuery = z
  .object({ groupBy: z.enum(totalsGroups).default('year'), from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });

const money = z.object({ currency: z.string(), amount: z.number().describe('minor units (fen)') });
const donorTotals = z.object({ donors: z.number(), given: z.array(money) });

export const lapsedReport = donorTotals.extend({
  year: z.number(),
  definition: z.string(),
});

export const donorsByYearReport = z.array(z.object({ year: z.number(), firstTime: donorTotals, repeat: donorTotals }));

export const totalsReport = z.object({
  groupBy: z.enum(totalsGroups),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      currency: z.string(),
      amount: z.number(),
      gifts: z.number(),
      donors: z.number(),
    }),
  ),
});

export const overviewReport = z.object({
  contacts: z.number(),
  newContactsThisMonth: z.number(),
  donorsThisYear: z.number(),
  raisedThisYear: z.array(money),
  raisedLastYear: z.array(money),
  raisedLastYearToDate: z.array(money),
  recentGifts: z.array(
    z.object({
      id: z.number(),
      contactId: z.number(),
      contactName: z.string(),
      amount: z.number(),
      currency: z.string(),
      kind: z.string(),
      channel: z.string(),
      campaign: z.string().nullable(),
      receivedAt: z.string(),
    }),
  ),
});
