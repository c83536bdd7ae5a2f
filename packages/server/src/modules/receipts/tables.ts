import {
  bigint,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { gifts } from '../gifts/tables.ts';
import { organizations } from '../platform/tables.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/**
 * A donation acknowledgement (捐赠确认函) for one gift, numbered per organization and year without
 * gaps: 2026-000001, 2026-000002… It is not the government's official donation receipt (公益事业捐赠
 * 统一票据); when the organization issues one, its number is recorded here.
 */
export const receipts = pgTable(
  'receipts',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    giftId: bigint({ mode: 'number' }).notNull(),
    year: smallint().notNull(),
    serial: integer().notNull(),
    /** `<year>-<serial, six digits>`: what the receipt shows. */
    number: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    officialReceiptNo: text(),
    // Emailing (receipts/email.ts): claimed by a sweep, then sent or failed; five attempts at most.
    emailedAt: timestamp({ withTimezone: true }),
    emailError: text(),
    emailAttempts: integer().notNull().default(0),
    emailClaimedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('receipts_gift_key').on(t.orgId, t.giftId),
    uniqueIndex('receipts_number_key').on(t.orgId, t.year, t.serial),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
  ],
);

/** The last receipt serial of each organization and year, taken under the row's lock: no gaps, no repeats. */
export const receiptCounters = pgTable(
  'receipt_counters',
  {
    orgId: orgId(),
    year: smallint().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);
