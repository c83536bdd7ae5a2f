import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '../platform/tables.ts';

/**
 * A saved segment: a dynamic query over contacts. `definition` is the validated filter tree
 * (see segments/definition.ts); it is compiled to SQL each time, so membership is always current.
 */
export const segments = pgTable(
  'segments',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    name: text().notNull(),
    description: text(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('segments_name_key').on(t.orgId, t.name)],
);
