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
 * row it describes, and never updated by the log: the integrator gives it its place in the instance's
 * one log by inserting its leaf into ledger_leaves.
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
    /**
     * The public tracking code: 16 upper-case hex digits, unique in the instance, from
     * ledger_tracking_code() (migration 0033): the second it was made, then a number drawn from a
     * sequence. Codes made together sort together, so the unique index takes new codes at its right
     * edge rather than on a random page.
     */
    code: text()
      .notNull()
      .default(sql`ledger_tracking_code()`),
    type: text().notNull(),
    subjectType: text().notNull(),
    subjectId: bigint({ mode: 'number' }).notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    openings: jsonb().$type<Record<string, string>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('ledger_entries_code_key').on(t.code),
    index('ledger_entries_subject_idx').on(t.orgId, t.subjectType, t.subjectId),
  ],
);

/**
 * The log's leaves, insert-only: leaf leaf_index is the outbox row (org_id, entry_id), and body its
 * canonical bytes, fixed when it was numbered. Numbering writes these few bytes a leaf rather than
 * rewriting the wide outbox row. Instance-wide (the one log orders every organization's entries), so
 * a backup leaves it out and a restored organization's entries are logged again.
 */
export const ledgerLeaves = pgTable(
  'ledger_leaves',
  {
    leafIndex: bigint({ mode: 'number' }).primaryKey(),
    orgId: uuid().notNull(),
    entryId: bigint({ mode: 'number' }).notNull(),
    body: text().notNull(),
  },
  // An outbox row is logged at most once.
  (t) => [uniqueIndex('ledger_leaves_entry_key').on(t.orgId, t.entryId)],
);

/**
 * The integrator's queue: outbox rows not yet in the log, oldest first. A statement trigger on
 * ledger_entries (migration 0030) adds every row inserted there, in the inserting
 * transaction, so every writer (business code, imports, restores, the demo seed) queues its rows;
 * the integrator deletes them in the transaction that numbers them.
 */
export const ledgerPending = pgTable(
  'ledger_pending',
  {
    id: bigint({ mode: 'number' }).notNull(),
    orgId: uuid().notNull(),
  },
  // id first, for the queue's order; org_id too, because a restored organization keeps its rows' ids.
  (t) => [primaryKey({ columns: [t.id, t.orgId] })],
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
