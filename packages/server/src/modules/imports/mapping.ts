import { z } from 'zod';
import { standardFields } from './enums.ts';
import { duplicatePolicies } from './tables.ts';

export { standardFields };
export type StandardField = (typeof standardFields)[number];

const fieldName = z
  .string()
  .refine((f) => (standardFields as readonly string[]).includes(f) || /^custom\.[a-z][a-z0-9_]{0,62}$/.test(f), {
    message: `one of ${standardFields.join(', ')}, or custom.<key>`,
  });

export const mappingSchema = z.object({
  /** Column header (as in the file) -> field. Headers not listed are ignored. */
  columns: z
    .array(z.object({ header: z.string().min(1).max(200), field: fieldName }))
    .max(500)
    .refine((cols) => new Set(cols.map((c) => c.field)).size === cols.length, {
      message: 'each field can be filled by one column only',
    }),
  policy: z.enum(duplicatePolicies).default('skip'),
  /** "yuan" for 100.50, "fen" for 10050. */
  amountUnit: z.enum(['yuan', 'fen']).default('yuan'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  defaultChannel: z.string().min(1).max(100).default('import'),
  /** What consent columns agree to, e.g. "newsletter" or "fundraising". */
  consentPurpose: z.string().min(1).max(100).default('communications'),
});
export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** A mapping resolved against one file's header row: field -> column index. */
export type ColumnIndex = Map<string, number>;

export function resolveColumns(mapping: Mapping, headers: string[]): { index: ColumnIndex; missing: string[] } {
  const index: ColumnIndex = new Map();
  const missing: string[] = [];
  for (const { header, field } of mapping.columns) {
    const at = headers.findIndex((h) => h === header.trim());
    if (at < 0) missing.push(header);
    else index.set(field, at);
  }
  return { index, missing };
}
