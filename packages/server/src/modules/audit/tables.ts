import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';

/** Every change, and every read of a contact's personal details: who, when, what. */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorTokenId: uuid(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    // For changes: { before, after } of the fields that changed. Merges store enough to undo them.
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ip: text(),
  },
  (t) => [index().on(t.orgId, t.at), index().on(t.orgId, t.subjectType, t.subjectId)],
);
