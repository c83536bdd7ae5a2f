import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { consentChannels } from '../consent/tables.ts';
import { contactKinds } from '../contacts/tables.ts';
import { sortKeys } from './repo.ts';

const code = z.string().regex(/^\d{6}$/, 'a 6-digit division code');
const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');
// `tag=1&tag=2` arrives as an array, `tag=1,2` as one string; both mean "has every one of these tags".
const idList = z.preprocess(
  (v) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter(Boolean),
  z.array(idParam).max(20).optional(),
);

/** Filters shared by the list, the count and the export. */
export const contactFilters = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .describe(
      'search: a name prefix (汉字), pinyin or initials ("zhangs", "zsf"), phone digits (the start, or the last 4), an email, or #tag',
    ),
  province: code.optional(),
  city: code.optional(),
  district: code.optional(),
  category: z.string().max(200).optional(),
  kind: z.enum(contactKinds).optional(),
  tag: idList.describe('tag ids; a contact must have all of them'),
  hasGifts: boolText.optional(),
  consent: z
    .enum(consentChannels)
    .optional()
    .describe('only contacts whose current consent on this channel is granted'),
  consentPurpose: z.string().max(100).optional(),
});
export type ContactFilters = z.infer<typeof contactFilters>;

export const pageParams = z.object({
  sort: z.enum(sortKeys).default('name').describe('name = pinyin order'),
  dir: z.enum(['asc', 'desc']).optional().describe('default: asc for name, desc for the dates'),
  cursor: z.string().max(1000).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageParams = z.infer<typeof pageParams>;

export const listQuery = contactFilters.extend(pageParams.shape);

const money = z.object({ currency: z.string(), amount: z.number().describe('minor units (fen)') });

export const contactSummary = z.object({
  id: z.number(),
  kind: z.enum(contactKinds),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceLabel: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  placeLabel: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.object({ id: z.number(), name: z.string(), color: z.string().nullable() })),
  giftCount: z.number(),
  lastGiftAt: z.string().nullable(),
  totalGiven: z.array(money),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const contactPage = z.object({ items: z.array(contactSummary), nextCursor: z.string().nullable() });
export const countSchema = z.object({ count: z.number() });

export const segmentParams = z.object({ org: orgSlug, id: idParam });

const definitionDoc =
  'a filter tree: { all: [...] } | { any: [...] } | { not: ... } | a condition such as ' +
  '{ field: "gifts", op: "gave", period: { year: 2025 } }; see modules/segments/definition.ts';

export const segmentInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullish(),
  // Validated by the service, so that a bad definition is SEGMENT_INVALID (422) with paths inside it.
  definition: z.unknown().describe(definitionDoc),
});
export const segmentPatch = segmentInput.partial();
export const definitionInput = z.object({ definition: z.unknown().describe(definitionDoc) });

export const segmentSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  definition: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
