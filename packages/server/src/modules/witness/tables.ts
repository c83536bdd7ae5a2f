import { sql } from 'drizzle-orm';
import { check, numeric, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Instance-level tables, with no org_id on purpose: this instance witnesses other organizations' logs
 * for the whole network, as a service of the platform, not as data of one of its tenants.
 */

/**
 * The latest checkpoint this witness cosigned for each log (C2SP tlog-witness). Sizes are uint64, so
 * numeric(20): a signed int8 cannot hold every size a log may sign.
 */
export const witnessedLogs = pgTable('witnessed_logs', {
  origin: text().primaryKey(),
  /** The verifier key(s) that signed the checkpoint, as configured in WITNESS_LOGS. */
  verifierKey: text().notNull(),
  size: numeric({ precision: 20, scale: 0 }).notNull(),
  /** Base64 root hash of that tree. */
  rootHash: text().notNull(),
  /** The signed checkpoint note as the log submitted it. */
  checkpoint: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** This instance's cosigner key (cosignature/v1), generated on first use unless WITNESS_KEY is set. */
export const witnessIdentity = pgTable(
  'witness_identity',
  {
    id: smallint().primaryKey().default(1),
    signerKey: text().notNull(),
    verifierKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('witness_identity_single_row', sql`${t.id} = 1`)],
);
