import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { contactKinds, customFieldTypes, relationshipTypes } from './tables.ts';

export const contactParams = z.object({ org: orgSlug, id: idParam });

const text = (max: number) => z.string().max(max).nullish();
const tagName = z.string().trim().min(1, 'a tag needs a name').max(50);

/**
 * The writable fields of a contact. Structure only: normalizeContactInput() does the cleaning and
 * the checks that need reference data (division codes, the org's custom fields).
 */
export const contactFields = z.object({
  kind: z.enum(contactKinds),
  name: z.string().max(200),
  gender: text(20),
  phone: text(50),
  email: text(254),
  wechatId: text(100),
  provinceCode: text(12),
  cityCode: text(12),
  districtCode: text(12),
  address: text(500),
  postalCode: text(20),
  category: text(100),
  source: text(100),
  custom: z.record(z.string().max(50), z.unknown()).optional().describe('custom field key -> value; null removes'),
});

export const contactInput = contactFields.partial({ kind: true }).extend({
  tags: z.array(tagName).max(100).optional(),
});
export const contactPatch = contactFields.partial().extend({ tags: z.array(tagName).max(100).optional() });
export const contactTagsInput = z.object({ tags: z.array(tagName).max(100) });

export type ContactInput = z.infer<typeof contactInput>;
export type ContactPatch = z.infer<typeof contactPatch>;

export const tagSchema = z.object({ id: z.number(), name: z.string(), color: z.string().nullable() });
export const tagWithCount = tagSchema.extend({ contactCount: z.number() });
export const tagInput = z.object({ name: tagName, color: z.string().max(30).nullish() });
export const tagPatch = tagInput.partial();
export const tagParams = z.object({ org: orgSlug, tagId: idParam });

export const contactSchema = z.object({
  id: z.number(),
  kind: z.enum(contactKinds),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  gender: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechatId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  placeLabel: z.string().describe('"四川省 成都市 武侯区"'),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  category: z.string().nullable(),
  source: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  tags: z.array(tagSchema),
  giftCount: z.number(),
  totalGiven: z.array(z.object({ currency: z.string(), amount: z.number().describe('minor units (fen)') })),
  firstGiftAt: z.string().nullable(),
  lastGiftAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  erasedAt: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
});

export const customFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and underscores, starting with a letter');
const fieldOptions = z.array(z.string().trim().min(1).max(100)).max(200);
export const customFieldInput = z.object({
  key: customFieldKey,
  label: z.string().trim().min(1).max(100),
  type: z.enum(customFieldTypes),
  options: fieldOptions.default([]),
});
export const customFieldPatch = z.object({
  label: z.string().trim().min(1).max(100).optional(),
  options: fieldOptions.optional(),
});
export const customFieldSchema = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  createdAt: z.string(),
});
export const customFieldParams = z.object({ org: orgSlug, fieldId: idParam });

export const categorySchema = z.object({ category: z.string(), contactCount: z.number() });

export const relationshipInput = z.object({
  relatedContactId: idParam,
  type: z.enum(relationshipTypes),
  note: z.string().trim().max(500).nullish(),
});
export const relationshipSchema = z.object({
  id: z.number(),
  type: z
    .enum(relationshipTypes)
    .describe("seen from this contact: 'employer' means the other contact is the employer"),
  note: z.string().nullable(),
  contact: z.object({ id: z.number(), name: z.string(), kind: z.enum(contactKinds) }),
  createdAt: z.string(),
});
export const relationshipParams = z.object({ org: orgSlug, id: idParam, relationshipId: idParam });

export const noteInput = z.object({ body: z.string().trim().min(1, 'a note cannot be empty').max(10_000) });
export const noteSchema = z.object({
  id: z.number(),
  body: z.string(),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().describe('nextCursor of the previous page'),
});
export const activitySchema = z.object({
  id: z.number(),
  at: z.string(),
  type: z.string(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
});
export const timelinePage = z.object({ items: z.array(activitySchema), nextCursor: z.string().nullable() });

export const exportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const eraseInput = z.object({ reason: z.string().trim().max(500).optional() });
