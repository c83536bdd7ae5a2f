import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/tables.ts';
import { donorDataShares, partnershipStatuses } from './enums.ts';

/**
 * Joint fundraising (联合劝募): a host with public-fundraising qualification (公募资格) takes gifts for a
 * partner's projects. The money goes to the host's project named here, which the host then grants on.
 */
export const fundraisingPartnerships = pgTable(
  'fundraising_partnerships',
  {
    hostOrgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    partnerOrgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text({ enum: partnershipStatuses }).notNull().default('invited'),
    /** The host's project the partner's campaigns raise for. */
    projectId: bigint({ mode: 'number' }).notNull(),
    donorData: text({ enum: donorDataShares }).notNull().default('totals'),
    note: text(),
    acceptedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.hostOrgId, t.id] }),
    uniqueIndex('fundraising_partnerships_pair_key')
      .on(t.hostOrgId, t.partnerOrgId)
      .where(sql`${t.status} <> 'ended'`),
    index('fundraising_partnerships_partner_idx').on(t.partnerOrgId),
    foreignKey({ columns: [t.hostOrgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
  ],
);
