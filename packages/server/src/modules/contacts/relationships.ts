import { aliasedTable, and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './repo.ts';
import { actorUserId, auditContactRead, loadContact, loadWritableContact } from './service.ts';
import { contacts, relationships as r, relationshipTypes } from './tables.ts';

type RelationshipType = (typeof relationshipTypes)[number];

/** How the other end sees a relationship: if B is A's employer, A is B's employee. */
export const inverseOf: Record<RelationshipType, RelationshipType> = {
  household: 'household',
  spouse: 'spouse',
  parent: 'child',
  child: 'parent',
  employer: 'employee',
  employee: 'employer',
  other: 'other',
};

const other = aliasedTable(contacts, 'other');

/**
 * Relationships of a contact, each seen from that contact: a row stored as (A, B, employer) reads
 * "B is A's employer" on A and "A is B's employee" on B.
 */
export async function relationshipRows(db: Db, orgId: string, contactId: number) {
  const rows = await db
    .select({ rel: r, other: { id: other.id, name: other.name, kind: other.kind } })
    .from(r)
    .innerJoin(
      other,
      and(
        eq(other.orgId, r.orgId),
        or(
          and(eq(r.contactId, contactId), eq(other.id, r.relatedContactId)),
          and(eq(r.relatedContactId, contactId), eq(other.id, r.contactId)),
        ),
      ),
    )
    .where(and(eq(r.orgId, orgId), or(eq(r.contactId, contactId), eq(r.relatedContactId, contactId))))
    .orderBy(desc(r.createdAt), desc(r.id));
  return rows.map(({ rel, other: o }) => ({
    id: rel.id,
    type: rel.contactId === contactId ? rel.type : inverseOf[rel.type],
    note: rel.note,
    contact: o,
    createdAt: rel.createdAt,
  }));
}
export type RelationshipView = Awaited<ReturnType<typeof relationshipRows>>[number];

export async function listRelationships(db: Db, ctx: OrgContext, contactId: number) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'relationships');
    return relationshipRows(tx, ctx.org.id, contactId);
  });
}

export async function addRelationship(
  db: Db,
  ctx: OrgContext,
  contactId: number,
  input: { relatedContactId: number; type: RelationshipType; note?: string | null },
) {
  if (input.relatedContactId === contactId) {
    throw new AppError('VALIDATION_FAILED', 'A contact cannot be related to itself', [
      { path: 'body.relatedContactId', message: 'must be another contact' },
    ]);
  }
  return db.transaction(async (tx) => {
    // Summaries name the other contact by id only: erasing one must not leave its name on the other.
    // Lock both ends in id order, so two requests relating the same pair cannot deadlock.
    const [first, second] = [contactId, input.relatedContactId].sort((x, y) => x - y);
    const a = await loadWritableContact(tx, ctx.org.id, first!);
    const b = await loadWritableContact(tx, ctx.org.id, second!).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND'
        ? new AppError('NOT_FOUND', 'Contact was not found', [
            { path: 'body.relatedContactId', message: 'no such contact' },
          ])
        : error;
    });
    const [self, related] = a.id === contactId ? [a, b] : [b, a];
    const existing = await relationshipRows(tx, ctx.org.id, contactId);
    if (existing.some((e) => e.contact.id === related.id && e.type === input.type)) {
      throw new AppError('CONFLICT', 'These contacts already have this relationship');
    }
    const [row] = await tx
      .insert(r)
      .values({
        orgId: ctx.org.id,
        contactId,
        relatedContactId: related.id,
        type: input.type,
        note: input.note ?? null,
      })
      .returning();
    const actor = actorUserId(ctx);
    const data = { relationshipId: row!.id, type: input.type };
    await repo.insertActivity(tx, ctx.org.id, self.id, {
      type: 'relationship_added',
      summary: `Relationship added: ${input.type} #${related.id}`,
      data: { ...data, contactId: related.id },
      actorUserId: actor,
    });
    await repo.insertActivity(tx, ctx.org.id, related.id, {
      type: 'relationship_added',
      summary: `Relationship added: ${inverseOf[input.type]} #${self.id}`,
      data: { ...data, type: inverseOf[input.type], contactId: self.id },
      actorUserId: actor,
    });
    await recordAudit(tx, ctx, {
      action: 'relationship.create',
      subjectType: 'contact',
      subjectId: contactId,
      data: { ...data, relatedContactId: related.id },
    });
    return (await relationshipRows(tx, ctx.org.id, contactId)).find((v) => v.id === row!.id)!;
  });
}

export async function removeRelationship(db: Db, ctx: OrgContext, contactId: number, relationshipId: number) {
  return db.transaction(async (tx) => {
    await loadWritableContact(tx, ctx.org.id, contactId);
    const [row] = await tx
      .delete(r)
      .where(
        and(
          eq(r.orgId, ctx.org.id),
          eq(r.id, relationshipId),
          or(eq(r.contactId, contactId), eq(r.relatedContactId, contactId)),
        ),
      )
      .returning();
    if (!row) throw notFound('Relationship');
    const actor = actorUserId(ctx);
    for (const [id, type] of [
      [row.contactId, row.type],
      [row.relatedContactId, inverseOf[row.type]],
    ] as const) {
      await repo.insertActivity(tx, ctx.org.id, id, {
        type: 'relationship_removed',
        summary: `Relationship removed: ${type}`,
        data: { relationshipId: row.id, type },
        actorUserId: actor,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'relationship.delete',
      subjectType: 'contact',
      subjectId: contactId,
      data: {
        relationshipId: row.id,
        type: row.type,
        contactId: row.contactId,
        relatedContactId: row.relatedContactId,
      },
    });
  });
}
