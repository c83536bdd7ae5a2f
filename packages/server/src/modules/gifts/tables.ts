import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  smallint,
  foreignKey,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contactOrgId, contacts } from '../contacts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { giftKinds } from './enums.ts';

export { giftKinds };

export const giftKindEnum = pgEnum('gift_kind', giftKinds);

/** A gift. Money is integer minor units (fen) plus an ISO 4217 currency; in-kind gifts carry their value. */
export const gifts = pgTable(
  'gifts',
  {
    orgId: contactOrgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    kind: giftKindEnum().notNull().default('money'),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull().default('CNY'),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    channel: text().notNull(),
    campaign: text(),
    fund: text(),
    paymentReference: text(),
    inKindDescription: text(),
    // Deduplicates imports and platform transactions: the same external gift is recorded once.
    externalId: text(),
    source: text().notNull().default('manual'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('gifts_contact_idx').on(t.orgId, t.contactId, t.receivedAt),
    // contact_id rides along so that "who gave in this period" (segments, LYBUNT, donor counts) is an
    // index-only range scan; without it those queries probe gifts_contact_idx once per contact.
    index('gifts_received_idx').on(t.orgId, t.receivedAt, t.contactId),
    uniqueIndex('gifts_external_key')
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    // A campaign's page sums its gifts (online, offline and imported alike) by the campaign's slug.
    index('gifts_campaign_idx')
      .on(t.orgId, t.campaign)
      .where(sql`${t.campaign} is not null`),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
  ],
);

/**
 * Who gave in which calendar year (the organization's time zone): one row per contact and year with
 * at least one gift. Triggers on gifts keep it exact (migration 0003), set-based per statement, so
 * bulk inserts pay once per statement. "Gave in 2025 but not in 2026" (LYBUNT) is then two ordered
 * index-only scans and a merge, instead of hashing every gift of both years.
 * An organization's time zone is fixed at setup; if that ever changes, this table must be rebuilt.
 */
export const contactGiftYears = pgTable(
  'contact_gift_years',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.contactId] })],
);
