import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';
import { formStatuses, responseStatuses } from './enums.ts';
import type { FieldDef, FormSettings } from './schemas.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** A form (表单): its questions and settings; public at /f/<org>/<slug> while open. */
export const forms = pgTable(
  'forms',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    fields: jsonb().$type<FieldDef[]>().notNull(),
    settings: jsonb().$type<FormSettings>().notNull(),
    status: text({ enum: formStatuses }).notNull().default('draft'),
    /** Staff have been told of the responses up to this id; claimed while a notice is being sent. */
    notifiedThroughId: bigint({ mode: 'number' }).notNull().default(0),
    notifyClaimedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), unique('forms_slug_key').on(t.orgId, t.slug)],
);

/**
 * Captcha solutions already accepted, kept until they expire so that none is accepted twice, whichever
 * process sees it again. Not an organization's data: a challenge is handed out for no one in particular.
 */
export const captchaSolutions = pgTable(
  'captcha_solutions',
  {
    id: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('captcha_solutions_expires_idx').on(t.expiresAt)],
);

/** One submission: the answers as given, and the contact they went to or matched. */
export const formResponses = pgTable(
  'form_responses',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    formId: bigint({ mode: 'number' }).notNull(),
    answers: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: responseStatuses }).notNull(),
    /** The contact the answers were stored on. */
    contactId: bigint({ mode: 'number' }),
    /** A contact already listed with the same phone or email, waiting for staff to sync or ignore. */
    matchedContactId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('form_responses_form_idx').on(t.orgId, t.formId, t.id),
    foreignKey({ columns: [t.orgId, t.formId], foreignColumns: [forms.orgId, forms.id] }).onDelete('cascade'),
  ],
);
