import { sql } from 'drizzle-orm';
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';
import { contactKinds, customFieldTypes, relationshipTypes } from './enums.ts';

export { contactKinds, customFieldTypes, relationshipTypes };

export const contactKindEnum = pgEnum('contact_kind', contactKinds);

// Tenant tables lead every key and index with org_id: queries stay scoped, and a platform-scale
// install can distribute them by org_id (Citus) without a redesign.
const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
/**
 * org_id of a row that belongs to a contact: its foreign key to contacts(org_id, id) already proves
 * the organization exists, and a second check per row costs an import of 1M rows seconds.
 */
export const contactOrgId = () => uuid().notNull();

export const contacts = pgTable(
  'contacts',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    kind: contactKindEnum().notNull().default('person'),
    name: text().notNull(),
    // "zhang san wei" -> namePinyin "zhangsanwei", nameInitials "zsw": prefix search and sort.
    namePinyin: text().notNull().default(''),
    nameInitials: text().notNull().default(''),
    gender: text(),
    phone: text(), // E.164
    email: text(), // lower case
    wechatId: text(),
    provinceCode: text(), // national division codes, 6 digits
    cityCode: text(),
    districtCode: text(),
    address: text(),
    postalCode: text(),
    category: text(),
    source: text(),
    custom: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Erasure keeps the row (gifts still point at it) but removes the identity.
    erasedAt: timestamp({ withTimezone: true }),
    // A merged contact stays, hidden, so that the merge can be undone.
    mergedIntoId: bigint({ mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Name and initials searches fetch all their matches and sort them by pinyin (see SearchBranch):
    // these cover the sort key and id and hold only listed contacts, so that is an index-only scan.
    index('contacts_name_idx')
      .on(t.orgId, sql`${t.name} text_pattern_ops`, sql`${t.namePinyin} text_pattern_ops`, t.id)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    index('contacts_pinyin_idx').on(t.orgId, sql`${t.namePinyin} text_pattern_ops`),
    index('contacts_initials_idx')
      .on(t.orgId, sql`${t.nameInitials} text_pattern_ops`, sql`${t.namePinyin} text_pattern_ops`, t.id)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    // Prefix search (LIKE 'x%') needs pattern ops whatever the database collation.
    index('contacts_phone_idx').on(t.orgId, sql`${t.phone} text_pattern_ops`),
    // Searching by the last digits of a phone ("尾号 5678") is a prefix search on the reversed number.
    index('contacts_phone_reverse_idx').on(t.orgId, sql`reverse(${t.phone}) text_pattern_ops`),
    index('contacts_email_idx').on(t.orgId, sql`${t.email} text_pattern_ops`),
    // A one-character name search ("王") lists its matches in pinyin order straight from this index.
    index('contacts_name_first_idx').on(t.orgId, sql`left(${t.name}, 1)`, sql`${t.namePinyin} text_pattern_ops`),
    // The listed contacts in id order: counts of segments (LYBUNT: who gave last year and not this
    // year) merge this with the yearly giving summary instead of reading every contact row.
    index('contacts_listed_idx')
      .on(t.orgId, t.id)
      .where(sql`${t.mergedIntoId} is null and ${t.erasedAt} is null`),
    index('contacts_province_idx').on(t.orgId, t.provinceCode),
    index('contacts_created_idx').on(t.orgId, t.createdAt),
    index('contacts_updated_idx').on(t.orgId, t.updatedAt),
  ],
);

export const tags = pgTable(
  'tags',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    color: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('tags_name_key').on(t.orgId, t.name)],
);

export const contactTags = pgTable(
  'contact_tags',
  {
    orgId: contactOrgId(),
    contactId: bigint({ mode: 'number' }).notNull(),
    tagId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactId, t.tagId] }),
    index().on(t.orgId, t.tagId),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.tagId], foreignColumns: [tags.orgId, tags.id] }).onDelete('cascade'),
  ],
);

export const customFields = pgTable(
  'custom_fields',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    key: text().notNull(),
    label: text().notNull(),
    type: text({ enum: customFieldTypes }).notNull(),
    options: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('custom_fields_key').on(t.orgId, t.key)],
);

export const relationships = pgTable(
  'relationships',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    relatedContactId: bigint({ mode: 'number' }).notNull(),
    type: text({ enum: relationshipTypes }).notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.contactId),
    index().on(t.orgId, t.relatedContactId),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.relatedContactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const notes = pgTable(
  'notes',
  {
    orgId: contactOrgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    body: text().notNull(),
    authorUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.contactId),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);

/** The contact's timeline: one row per thing that happened (created, gift, consent, note, merge…). */
export const contactActivities = pgTable(
  'contact_activities',
  {
    orgId: contactOrgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactId: bigint({ mode: 'number' }).notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    type: text().notNull(),
    summary: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.contactId, t.at),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);
