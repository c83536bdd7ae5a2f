import { bigint, char, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { organizations } from '../platform/tables.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/**
 * A promise to give (认捐): a company's or a foundation's commitment, a donor's pledge at an event. It
 * is not money, so it writes nothing to the ledger; the gifts that pay it do.
 */
export const pledges = pgTable(
  'pledges',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    pledgedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    campaign: text(),
    fund: text(),
    note: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('pledges_contact_idx').on(t.orgId, t.contactId),
    index('pledges_due_idx').on(t.orgId, t.dueOn),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
  ],
);

/** The gifts that pay a pledge; a gift pays one pledge at most. Deleting a gift unpays it. */
export const pledgePayments = pgTable(
  'pledge_payments',
  {
    orgId: orgId(),
    giftId: bigint({ mode: 'number' }).notNull(),
    pledgeId: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.giftId] }),
    index('pledge_payments_pledge_idx').on(t.orgId, t.pledgeId),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.pledgeId], foreignColumns: [pledges.orgId, pledges.id] }).onDelete('cascade'),
  ],
);
