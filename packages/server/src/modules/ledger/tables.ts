import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';

/**
 * The ledger outbox: one row per fund-flow event, written in the same transaction as the business
 * row it describes. The integrator later gives each row its place in the instance's one log
 * (leaf_index) and fixes its canonical bytes (body); until then both are null.
 *
 * payload holds the event's public fields only. openings holds what opens its commitments (salts);
 * it is never logged or published, and erasing a person deletes it.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    /** The public tracking code: 16 upper-case hex digits, unique in the instance. */
    code: text().notNull(),
    type: text().notNull(),
    subjectType: text().notNull(),
    subjectId: bigint({ mode: 'number' }).notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    openings: jsonb().$type<Record<string, string>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leafIndex: bigint({ mode: 'number' }),
    body: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('ledger_entries_code_key').on(t.code),
    // Partial: a row written by a business transaction has no leaf yet, so its insert skips this index.
    uniqueIndex('ledger_entries_leaf_key')
      .on(t.leafIndex)
      .where(sql`${t.leafIndex} is not null`),
    index('ledger_entries_subject_idx').on(t.orgId, t.subjectType, t.subjectId),
    // The integrator's queue: rows not yet in the log, oldest first.
    index('ledger_entries_pending_idx')
      .on(t.id)
      .where(sql`${t.leafIndex} is null`),
  ],
);

/**
 * The instance's one log: a single row (id = 1). assigned_size counts outbox rows that have a leaf
 * index; durable_size is the size of the latest signed checkpoint, whose tiles were made durable
 * before it was signed. The signer key is generated on first start unless configured.
 */
export const ledgerLog = pgTable(
  'ledger_log',
  {
    id: smallint().primaryKey().default(1),
    origin: text().notNull(),
    signerKey: text().notNull(),
    verifierKey: text().notNull(),
    assignedSize: bigint({ mode: 'number' }).notNull().default(0),
    durableSize: bigint({ mode: 'number' }).notNull().default(0),
    /** The latest signed checkpoint note, for durable_size; null before the first one. */
    checkpoint: text(),
    /** Hex root hash of the tree of durable_size. */
    rootHash: text(),
    /** That same checkpoint with the witnesses' cosignature lines added; null until a witness cosigns it. */
    cosignedCheckpoint: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ledger_log_single_row', sql`${t.id} = 1`),
    check('ledger_log_sizes', sql`0 <= ${t.durableSize} and ${t.durableSize} <= ${t.assignedSize}`),
  ],
);
