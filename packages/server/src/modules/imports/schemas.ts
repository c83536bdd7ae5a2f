import { z } from 'zod';
import { orgSlug } from '../../http/params.ts';
import { mappingSchema } from './mapping.ts';
import { duplicatePolicies, importStatuses } from './tables.ts';

export { mappingSchema };

export const importParams = z.object({
  org: orgSlug,
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

const mappingOut = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.string() })),
  policy: z.enum(duplicatePolicies),
  amountUnit: z.enum(['yuan', 'fen']),
  currency: z.string(),
  defaultChannel: z.string(),
  consentPurpose: z.string(),
});

const rejectionSample = z.object({ line: z.number(), endLine: z.number().nullable(), reason: z.string() });

export const reportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.object({ total: z.number(), staged: z.number(), rejected: z.number() }),
  contacts: z.object({
    created: z.number(),
    updated: z.number(),
    skipped: z.number(),
    duplicateRowsInFile: z.number(),
  }),
  gifts: z.object({ created: z.number(), alreadyImported: z.number() }),
  tagsLinked: z.number(),
  consentsRecorded: z.number(),
  notesAdded: z.number(),
  sampleRejections: z.array(rejectionSample),
});

export const importSchema = z.object({
  id: z.number(),
  status: z.enum(importStatuses),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  headers: z.array(z.string()),
  /** The giving platform whose export this file is, recognized by its columns; null for other files. */
  platform: z.object({ id: z.string(), label: z.string() }).nullable(),
  mapping: mappingOut.nullable(),
  progress: z.object({
    processedRows: z.number(),
    totalRows: z.number().nullable(),
    /** 0-100, for a progress bar: reading the file is most of the work, applying the rest. */
    percent: z.number(),
  }),
  dryRunReport: reportSchema.nullable(),
  report: reportSchema.nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const stagedValues = z.record(z.string(), z.unknown());

export const previewRowSchema = z.object({
  line: z.number(),
  cells: z.array(z.string()),
  values: stagedValues.nullable(),
  problems: z.array(
    z.object({ field: z.string(), header: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) }),
  ),
  error: z.string().nullable(),
});

export const importWithPreview = z.object({ import: importSchema, preview: z.array(previewRowSchema) });

export const previewQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const rejectionsQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const savedMappingInput = z.object({ name: z.string().trim().min(1).max(100), mapping: mappingSchema });
export const savedMappingSchema = z.object({
  id: z.number(),
  name: z.string(),
  mapping: mappingOut,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const savedMappingParams = importParams;
