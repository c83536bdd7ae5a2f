import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { mergeFieldNames, type MergeField } from './merge.ts';
import { reasonCodes } from './scoring.ts';
import { duplicateStatuses, scanStatuses } from './tables.ts';

export const scanParams = z.object({ org: orgSlug, scanId: z.uuid() });

export const scanSchema = z.object({
  id: z.uuid(),
  jobId: z.string().nullable(),
  status: z.enum(scanStatuses),
  pairsFound: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const queueQuery = z.object({
  status: z.enum(duplicateStatuses).default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const sideSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechatId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  address: z.string().nullable(),
  category: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
  giftCount: z.number().int(),
});

export const candidateSchema = z.object({
  id: z.number().int(),
  confidence: z.number().int().min(0).max(100),
  reasons: z.array(z.enum(reasonCodes)),
  status: z.enum(duplicateStatuses),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  mergeId: z.number().int().nullable(),
  a: sideSchema,
  b: sideSchema,
});

export const queueSchema = z.object({
  items: z.array(candidateSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const dismissedSchema = z.object({ id: z.number().int(), status: z.enum(duplicateStatuses) });

const side = z.enum(['survivor', 'merged']);
const fieldShape = Object.fromEntries(mergeFieldNames.map((f) => [f, side.optional()])) as Record<
  MergeField,
  z.ZodOptional<typeof side>
>;

export const mergeInput = z.object({
  survivorId: idParam,
  mergedId: idParam,
  /** Which contact each field is taken from; unchosen fields keep the survivor's value unless it is empty. */
  fields: z.strictObject(fieldShape).default({}),
});

const choicesSchema = z.object(
  Object.fromEntries(mergeFieldNames.map((f) => [f, side])) as Record<MergeField, typeof side>,
);

export const mergeSchema = z.object({
  id: z.number().int(),
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  choices: choicesSchema,
  changedFields: z.array(z.string()),
  moved: z.object({
    gifts: z.number().int(),
    consents: z.number().int(),
    notes: z.number().int(),
    activities: z.number().int(),
    relationships: z.number().int(),
    tags: z.number().int(),
  }),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});

export const undoSchema = mergeSchema.extend({
  /** Survivor fields edited after the merge: undo keeps the edit instead of the pre-merge value. */
  keptFields: z.array(z.string()),
});
