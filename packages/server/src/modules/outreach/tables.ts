import { bigint, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';

/**
 * The senders of a send (a mailing, an SMS send): one row per slot taken, renewed every batch. A send
 * may have as many senders at once as it allows slots; a lapsed row means its sender stopped, and the
 * copies it left in flight (claimed with its slot) become uncertain.
 */
export const sendLeases = pgTable(
  'send_leases',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The sends' table: `mailings` or `sms_sends`. */
    sends: text().notNull(),
    sendId: bigint({ mode: 'number' }).notNull(),
    slot: smallint().notNull(),
    /** The run holding the slot, so that only it renews or releases it. */
    holder: uuid().notNull(),
    leaseUntil: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sends, t.sendId, t.slot] })],
);
