import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { mailingStatuses, recipientStatuses, suppressionOrigins, suppressionReasons } from './enums.ts';
import type { MailingAudience, MailingContent } from './schemas.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** A mass email (群发邮件): its template, audience and consent purpose, and where its send stands. */
export const mailings = pgTable(
  'mailings',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    subject: text().notNull().default(''),
    purpose: text().notNull(),
    fromName: text(),
    replyTo: text(),
    content: jsonb().$type<MailingContent>().notNull(),
    audience: jsonb().$type<MailingAudience>().notNull(),
    status: text({ enum: mailingStatuses }).notNull().default('draft'),
    scheduledAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Set once the recipients are written: the audience is fixed from then on. */
    recipientsListedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('mailings_due_idx').on(t.status, t.scheduledAt)],
);

/** One recipient's copy of a mailing: written once when the send starts, at most one per contact. */
export const mailingRecipients = pgTable(
  'mailing_recipients',
  {
    orgId: orgId(),
    mailingId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    email: text().notNull(),
    status: text({ enum: recipientStatuses }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** A temporary failure waits until then before the next try. */
    retryAt: timestamp({ withTimezone: true }),
    /** The slot of the sender that last claimed it (send_leases): whose copy it is while `sending`. */
    senderSlot: smallint(),
    sentAt: timestamp({ withTimezone: true }),
    reason: text(),
    /** Only when the organization tracks opens and clicks: the first of each. */
    openedAt: timestamp({ withTimezone: true }),
    clickedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.mailingId, t.contactId] }),
    index('mailing_recipients_status_idx').on(t.orgId, t.mailingId, t.status),
    foreignKey({ columns: [t.orgId, t.mailingId], foreignColumns: [mailings.orgId, mailings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);

/** Addresses never mailed again: hard bounces, complaints, and those staff add. Per organization. */
export const emailSuppressions = pgTable(
  'email_suppressions',
  {
    orgId: orgId(),
    /** Lower-cased. */
    email: text().notNull(),
    reason: text({ enum: suppressionReasons }).notNull(),
    origin: text({ enum: suppressionOrigins }).notNull().default('staff'),
    note: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email] })],
);
