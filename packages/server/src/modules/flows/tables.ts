import { bigint, char, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gifts } from '../gifts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { budgetLines, projects } from '../projects/tables.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
const id = () => bigint({ mode: 'number' }).generatedAlwaysAsIdentity();
const money = () => bigint({ mode: 'number' }).notNull();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
/** Set when a mistake is voided: the row stays, a `correction` entry says so, and balances leave it out. */
const voidedAt = () => timestamp({ withTimezone: true });

/** A private file (invoice, receipt, acknowledgement) kept in the FileStore; only its SHA-256 is logged. */
export const attachments = pgTable(
  'attachments',
  {
    orgId: orgId(),
    id: id(),
    storageKey: text().notNull(),
    fileName: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: char({ length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** Money given back to a donor, against one gift; never more than what is left of the gift. */
export const refunds = pgTable(
  'refunds',
  {
    orgId: orgId(),
    id: id(),
    giftId: bigint({ mode: 'number' }).notNull(),
    amount: money(),
    currency: char({ length: 3 }).notNull(),
    refundedAt: timestamp({ withTimezone: true }).notNull(),
    /** Private: why, for staff. */
    reason: text(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('refunds_gift_idx').on(t.orgId, t.giftId),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
  ],
);

/** Money put into a project (optionally one budget line), drawn from gifts. */
export const allocations = pgTable(
  'allocations',
  {
    orgId: orgId(),
    id: id(),
    projectId: bigint({ mode: 'number' }).notNull(),
    budgetLineId: bigint({ mode: 'number' }),
    amount: money(),
    currency: char({ length: 3 }).notNull(),
    allocatedAt: timestamp({ withTimezone: true }).notNull(),
    note: text(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('allocations_project_idx').on(t.orgId, t.projectId, t.allocatedAt),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
    foreignKey({ columns: [t.orgId, t.budgetLineId], foreignColumns: [budgetLines.orgId, budgetLines.id] }),
  ],
);

/** Which gifts an allocation drew on, and how much of each. */
export const allocationSources = pgTable(
  'allocation_sources',
  {
    orgId: orgId(),
    allocationId: bigint({ mode: 'number' }).notNull(),
    giftId: bigint({ mode: 'number' }).notNull(),
    amount: money(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.allocationId, t.giftId] }),
    index('allocation_sources_gift_idx').on(t.orgId, t.giftId),
    foreignKey({ columns: [t.orgId, t.allocationId], foreignColumns: [allocations.orgId, allocations.id] }),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
  ],
);

/** Money spent by a project, with its invoice or receipt kept privately. */
export const expenses = pgTable(
  'expenses',
  {
    orgId: orgId(),
    id: id(),
    projectId: bigint({ mode: 'number' }).notNull(),
    budgetLineId: bigint({ mode: 'number' }),
    payeeCategory: text().notNull(),
    amount: money(),
    currency: char({ length: 3 }).notNull(),
    paidAt: timestamp({ withTimezone: true }).notNull(),
    /** Private: the payee and details, for staff and auditors. */
    description: text(),
    invoiceId: bigint({ mode: 'number' }).notNull(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('expenses_project_idx').on(t.orgId, t.projectId, t.paidAt),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
    foreignKey({ columns: [t.orgId, t.budgetLineId], foreignColumns: [budgetLines.orgId, budgetLines.id] }),
    foreignKey({ columns: [t.orgId, t.invoiceId], foreignColumns: [attachments.orgId, attachments.id] }),
  ],
);

export const transferDirections = ['sent', 'received'] as const;

/** Money sent to or received from a partner organization, for a project. */
export const transfers = pgTable(
  'transfers',
  {
    orgId: orgId(),
    id: id(),
    direction: text({ enum: transferDirections }).notNull(),
    projectId: bigint({ mode: 'number' }).notNull(),
    partnerName: text().notNull(),
    partnerUscc: text(),
    amount: money(),
    currency: char({ length: 3 }).notNull(),
    transferredAt: timestamp({ withTimezone: true }).notNull(),
    /** The partner's log entry for the other side, and that log's origin when it is another instance. */
    counterpartCode: text(),
    counterpartOrigin: text(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('transfers_project_idx').on(t.orgId, t.projectId, t.transferredAt),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
  ],
);

export const goodsDirections = ['in', 'out'] as const;

/** In-kind goods into or out of a store; the stock of an item in a store never goes below zero. */
export const goodsMovements = pgTable(
  'goods_movements',
  {
    orgId: orgId(),
    id: id(),
    direction: text({ enum: goodsDirections }).notNull(),
    item: text().notNull(),
    unit: text().notNull(),
    quantity: bigint({ mode: 'number' }).notNull(),
    /** Value in minor units. */
    value: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    store: text().notNull(),
    projectId: bigint({ mode: 'number' }),
    movedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('goods_movements_stock_idx').on(t.orgId, t.store, t.item, t.unit),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
  ],
);

/** Aid delivered to a beneficiary. Who it was stays private: the log holds a commitment. */
export const deliveries = pgTable(
  'deliveries',
  {
    orgId: orgId(),
    id: id(),
    projectId: bigint({ mode: 'number' }).notNull(),
    /** Private: the organization's own reference for the beneficiary (case number), never a name. */
    beneficiaryRef: text().notNull(),
    aid: text().notNull(),
    quantity: bigint({ mode: 'number' }),
    value: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    deliveredAt: timestamp({ withTimezone: true }).notNull(),
    acknowledgementId: bigint({ mode: 'number' }),
    /** Private: a signed acknowledgement written out, when there is no file. */
    acknowledgementText: text(),
    createdAt: createdAt(),
    voidedAt: voidedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('deliveries_project_idx').on(t.orgId, t.projectId, t.deliveredAt),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
    foreignKey({ columns: [t.orgId, t.acknowledgementId], foreignColumns: [attachments.orgId, attachments.id] }),
  ],
);
