import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { contactOrgId, contacts } from '../contacts/tables.ts';
import { consentChannels, consentSources, consentStatuses } from './enums.ts';

export { consentChannels, consentSources, consentStatuses };

export const consentChannelEnum = pgEnum('consent_channel', consentChannels);
export const consentStatusEnum = pgEnum('consent_status', consentStatuses);

/**
 * Append-only consent records. The current state for a channel and purpose is the latest record;
 * history is kept as evidence (PIPL art. 14-15).
 */
export const consents = pgTable(
  'consents',
  {
    orgId: contactOrgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    channel: consentChannelEnum().notNull(),
    purpose: text().notNull(),
    status: consentStatusEnum().notNull(),
    source: text({ enum: consentSources }).notNull(),
    // What proves it: { type: 'form_submission' | 'import_file' | 'staff_entry', ref, text }.
    evidence: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('consents_contact_idx').on(t.orgId, t.contactId, t.channel, t.purpose, t.recordedAt),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);
