import {
  bigint,
  char,
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

export const projectStatuses = ['active', 'closed'] as const;

/**
 * A project (fund): money is allocated to it from gifts, spent from it and published about it. Its
 * slug is public (transparency pages, log entries) and never changes once set. Campaigns build on it.
 */
export const projects = pgTable(
  'projects',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text(),
    currency: char({ length: 3 }).notNull(),
    status: text({ enum: projectStatuses }).notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('projects_slug_key').on(t.orgId, t.slug)],
);

/** A line of a project's budget: what the money is planned for, and how much. */
export const budgetLines = pgTable(
  'budget_lines',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    projectId: bigint({ mode: 'number' }).notNull(),
    name: text().notNull(),
    /** Planned amount in the project's currency, minor units; spending on the line may not exceed it. */
    amount: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('budget_lines_project_idx').on(t.orgId, t.projectId),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
  ],
);
