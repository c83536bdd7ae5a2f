import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { organizations } from '../platform/tables.ts';
import { duplicateStatuses } from './enums.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export { duplicateStatuses };
export type DuplicateStatus = (typeof duplicateStatuses)[number];

/**
 * A pair of contacts that may be one person. The pair is stored once, lower id first, so a scan can
 * upsert it; a dismissed pair stays dismissed when later scans find it again.
 */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    contactAId: bigint({ mode: 'number' }).notNull(),
    contactBId: bigint({ mode: 'number' }).notNull(),
    confidence: smallint().notNull(),
    reasons: text().array().notNull(),
    status: text({ enum: duplicateStatuses }).notNull().default('pending'),
    lastScanId: uuid(),
    mergeId: bigint({ mode: 'number' }),
    reviewedBy: uuid(),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('duplicate_candidates_pair_key').on(t.orgId, t.contactAId, t.contactBId),
    index('duplicate_candidates_queue_idx').on(t.orgId, t.status, t.confidence.desc(), t.id),
    index('duplicate_candidates_b_idx').on(t.orgId, t.contactBId),
  ],
);

export const scanStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

/** One run of duplicate detection over an organization's contacts. */
export const duplicateScans = pgTable(
  'duplicate_scans',
  {
    orgId: orgId(),
    id: uuid().notNull().defaultRandom(),
    jobId: text(),
    status: text({ enum: scanStatuses }).notNull().default('queued'),
    pairsFound: integer(),
    stats: jsonb().$type<Record<string, number>>().notNull().default({}),
    error: text(),
    requestedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('duplicate_scans_created_idx').on(t.orgId, t.createdAt)],
);

export interface RemovedRelationship {
  id: number;
  contactId: number;
  relatedContactId: number;
  type: string;
  note: string | null;
  createdAt: string;
}

/** What a merge moved and what it overwrote: enough to put both contacts back exactly. */
export interface MergeMoved {
  gifts: number[];
  consents: number[];
  notes: number[];
  activities: number[];
  /** Absent from merges made before monthly giving existed. */
  monthlyGifts?: number[];
  /** Absent from merges made before pledges existed. */
  pledges?: number[];
  relationshipsFrom: number[]; // relationships.contact_id was the merged contact
  relationshipsTo: number[]; // relationships.related_contact_id was the merged contact
  /** Relationships between the two contacts, removed so the survivor is not related to itself. */
  relationshipsRemoved: RemovedRelationship[];
  /** Every tag the merged contact had, and those of them the survivor gained. */
  mergedTagIds: number[];
  tagsAddedToSurvivor: number[];
}

export const contactMerges = pgTable(
  'contact_merges',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    survivorId: bigint({ mode: 'number' }).notNull(),
    mergedId: bigint({ mode: 'number' }).notNull(),
    candidateId: bigint({ mode: 'number' }),
    /** The field choices as resolved: { name: 'survivor' | 'merged', ... }. */
    choices: jsonb().$type<Record<string, 'survivor' | 'merged'>>().notNull(),
    /** The survivor's columns the merge changed: { column: { before, after } }. */
    survivorChanges: jsonb().$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    moved: jsonb().$type<MergeMoved>().notNull(),
    mergedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('contact_merges_survivor_idx').on(t.orgId, t.survivorId),
    index('contact_merges_merged_idx').on(t.orgId, t.mergedId),
    uniqueIndex('contact_merges_active_key')
      .on(t.orgId, t.mergedId)
      .where(sql`${t.undoneAt} is null`),
  ],
);
