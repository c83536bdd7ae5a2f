import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { campaignSchema, campaignTotalsSchema } from '../fundraising/index.ts';
import { donorDataShares, partnershipStatuses } from './enums.ts';

export const qualificationInput = z.object({
  certificate: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .describe("the public-fundraising qualification (公募资格) certificate's number, or null to withdraw it"),
});

export const inviteInput = z.object({
  partnerSlug: orgSlug.describe("the partner organization's address in Commonweal"),
  projectId: idParam.describe("the host's project the partner's campaigns raise for"),
  donorData: z.enum(donorDataShares).default('totals'),
  note: z.string().trim().max(2000).nullish(),
});

export const partnershipParams = z.object({ org: orgSlug, id: idParam });

const orgName = z.object({ name: z.string(), slug: z.string() });

export const partnershipSchema = z.object({
  id: z.number(),
  role: z.enum(['host', 'partner']).describe('which side of it the caller is'),
  status: z.enum(partnershipStatuses),
  host: orgName,
  partner: orgName,
  project: z.object({ id: z.number(), name: z.string() }),
  donorData: z.enum(donorDataShares),
  note: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const figuresSchema = campaignTotalsSchema
  .pick({ raised: true, matched: true, gifts: true, donors: true })
  .extend({
    lastUpdateAt: z.string().nullable().describe('its last project update, or its publication before any'),
    updateOverdue: z.boolean().describe('live with no update for 90 days: the Charity Law asks for regular disclosure'),
  });

export const hostedCampaignSchema = campaignSchema.extend({
  host: orgName,
  donorData: z.enum(donorDataShares),
  figures: figuresSchema,
});

export const overviewItemSchema = z.object({
  campaign: campaignSchema,
  partner: orgName,
  figures: figuresSchema,
});
