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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import type { MailingAudience } from '../mailings/index.ts';
import { organizations } from '../platform/tables.ts';
import { smsProviderNames, smsRecipientStatuses, smsSendStatuses } from './enums.ts';
import type { TemplateParam } from './schemas.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** The vendor account's public part; its secret (AccessKey secret / SecretKey) is in `sealed`. */
export interface StoredSmsAccount {
  /** Aliyun AccessKey ID or Tencent SecretId. */
  keyId: string;
  /** Tencent's 短信 SdkAppId. */
  sdkAppId?: string;
  /** Sealed with SECRET_KEY: { secret }. */
  sealed: string;
}

/** An organization's SMS settings (短信设置): its vendor account, quiet hours and callback token. */
export const smsSettings = pgTable(
  'sms_settings',
  {
    orgId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    provider: text({ enum: smsProviderNames }),
    account: jsonb().$type<StoredSmsAccount>(),
    /** "HH:MM" in the organization's time zone; equal means no quiet hours. */
    quietStart: text().notNull().default('21:00'),
    quietEnd: text().notNull().default('08:00'),
    /** The secret path segment of the receipt and reply callbacks: vendors do not sign their pushes. */
    callbackToken: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sms_settings_callback_token_idx').on(t.callbackToken)],
);

/** An approved template (短信模板): its 签名, code, text and what fills each placeholder. */
export const smsTemplates = pgTable(
  'sms_templates',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    signName: text().notNull(),
    templateCode: text().notNull(),
    text: text().notNull(),
    params: jsonb().$type<TemplateParam[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A mass text (短信群发): its template, audience and consent purpose, and where its send stands. */
export const smsSends = pgTable(
  'sms_sends',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    templateId: bigint({ mode: 'number' }),
    purpose: text().notNull(),
    audience: jsonb().$type<MailingAudience>().notNull(),
    status: text({ enum: smsSendStatuses }).notNull().default('draft'),
    scheduledAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Quiet hours or retries: no sender is started before then. */
    waitUntil: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('sms_sends_due_idx').on(t.status, t.scheduledAt),
    foreignKey({ columns: [t.orgId, t.templateId], foreignColumns: [smsTemplates.orgId, smsTemplates.id] }),
  ],
);

/** One recipient's copy of a send: written once when the send starts, at most one per contact. */
export const smsRecipients = pgTable(
  'sms_recipients',
  {
    orgId: orgId(),
    sendId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    phone: text().notNull(),
    status: text({ enum: smsRecipientStatuses }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    retryAt: timestamp({ withTimezone: true }),
    /** The slot of the sender that last claimed it (send_leases): whose copy it is while `sending`. */
    senderSlot: smallint(),
    sentAt: timestamp({ withTimezone: true }),
    providerMessageId: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    /** The carrier's status code from the delivery receipt, e.g. DELIVRD or MK:0001. */
    carrierCode: text(),
    reason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sendId, t.contactId] }),
    index('sms_recipients_status_idx').on(t.orgId, t.sendId, t.status),
    index('sms_recipients_message_idx').on(t.orgId, t.providerMessageId),
    foreignKey({ columns: [t.orgId, t.sendId], foreignColumns: [smsSends.orgId, smsSends.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);
