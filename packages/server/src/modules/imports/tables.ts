import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { duplicatePolicies, importStatuses } from './enums.ts';

export { duplicatePolicies, importStatuses };

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** One uploaded file and its journey: mapping, dry run, staging, apply, report. */
export const imports = pgTable(
  'imports',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    status: text({ enum: importStatuses }).notNull().default('uploaded'),
    fileName: text().notNull(),
    fileKey: text().notNull(),
    fileSize: bigint({ mode: 'number' }).notNull(),
    format: text({ enum: ['csv', 'xlsx'] }).notNull(),
    encoding: text().notNull(),
    headers: jsonb().$type<string[]>().notNull(),
    mapping: jsonb().$type<Record<string, unknown>>(),
    policy: text({ enum: duplicatePolicies }).notNull().default('skip'),
    estimatedRows: integer(),
    // Checkpoint: every row up to this line is staged (or rejected); a resumed job skips them.
    stagedThroughLine: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    totalRows: integer(),
    bytesRead: bigint({ mode: 'number' }).notNull().default(0),
    dryRunReport: jsonb().$type<Record<string, unknown>>(),
    report: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    createdBy: uuid(),
    createdByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('imports_created_idx').on(t.orgId, t.createdAt)],
);

/** A staged, validated and normalized row, waiting for the single apply transaction. */
export const importRows = pgTable(
  'import_rows',
  {
    orgId: uuid().notNull(),
    importId: bigint({ mode: 'number' }).notNull(),
    line: integer().notNull(),
    name: text().notNull(),
    namePinyin: text().notNull(),
    nameInitials: text().notNull(),
    gender: text(),
    phone: text(),
    email: text(),
    wechatId: text(),
    provinceCode: text(),
    cityCode: text(),
    districtCode: text(),
    address: text(),
    postalCode: text(),
    category: text(),
    custom: jsonb().$type<Record<string, unknown>>(),
    tags: jsonb().$type<string[]>(),
    note: text(),
    giftAmount: bigint({ mode: 'number' }),
    giftCurrency: text(),
    // Wall-clock time as written in the file; the organization's time zone is applied in SQL.
    giftLocalTime: text(),
    giftChannel: text(),
    giftCampaign: text(),
    giftExternalId: text(),
    consents: jsonb().$type<{ channel: string; status: string }[]>(),
    /** A platform donor's identity when the row has no phone or email (see normalize-row.ts). */
    donorKey: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.line] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);

/** Every row that could not be imported, with its line and a reason a person understands. */
export const importRejections = pgTable(
  'import_rejections',
  {
    orgId: uuid().notNull(),
    importId: bigint({ mode: 'number' }).notNull(),
    line: integer().notNull(),
    endLine: integer(),
    reason: text().notNull(),
    raw: text(),
    dryRun: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.dryRun, t.line] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);

/**
 * Contacts created from rows with neither phone nor email, by a fingerprint of the row's identity,
 * so that importing the same file again finds them instead of creating them twice.
 */
export const importRowKeys = pgTable(
  'import_row_keys',
  {
    orgId: uuid().notNull(),
    key: text().notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key] }),
    index().on(t.orgId, t.contactId),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);

/** A mapping saved for reuse (for example "Tencent Gongyi export"). */
export const importMappings = pgTable(
  'import_mappings',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    mapping: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('import_mappings_name_key').on(t.orgId, t.name)],
);
