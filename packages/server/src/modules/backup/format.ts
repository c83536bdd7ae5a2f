import { z } from 'zod';

export const BACKUP_FORMAT = 'commonweal-backup';
export const BACKUP_VERSION = 1;

/** Money sums per table and currency, as decimal strings of minor units (exact at any size). */
export const moneySums = z.record(z.string(), z.record(z.string(), z.string().regex(/^-?\d+$/)));

/**
 * The first line of a backup. The file is gzip'd NDJSON: this header, then one line per member
 * (`{"t":"members","r":{…}}`), then one line per row (`{"t":"<table>","r":{…}}`, rows as
 * PostgreSQL's to_jsonb gives them), then `{"t":"end","rows":N}`. A file without that last line
 * was cut short.
 */
export const backupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  created: z.iso.datetime({ offset: true }),
  /** The newest migration applied where the backup was made. */
  schema: z.string(),
  org: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    timezone: z.string(),
    locale: z.string(),
    currency: z.string(),
    settings: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  }),
  tables: z.array(z.string()),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  sums: moneySums,
});
export type BackupHeader = z.infer<typeof backupHeader>;

export const memberLine = z.object({
  user_id: z.uuid(),
  email: z.string().min(3),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'fundraiser', 'coordinator', 'viewer']),
  created_at: z.string(),
});
export type MemberLine = z.infer<typeof memberLine>;

export const dataLine = z.object({ t: z.string(), r: z.record(z.string(), z.unknown()) });
export const endLine = z.object({ t: z.literal('end'), rows: z.number().int().nonnegative() });
