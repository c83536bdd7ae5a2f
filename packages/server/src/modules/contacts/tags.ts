import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { actorUserId } from './service.ts';
import { contactActivities, contacts, contactTags, tags } from './tables.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const nameTaken = () =>
  new AppError('CONFLICT', 'A tag with this name already exists', [{ path: 'body.name', message: 'already exists' }]);

/** Every tag with the number of contacts carrying it. */
export async function listTags(db: Db, orgId: string) {
  return db
    .select({ id: tags.id, name: tags.name, color: tags.color, contactCount: count(contactTags.contactId) })
    .from(tags)
    .leftJoin(contactTags, and(eq(contactTags.orgId, tags.orgId), eq(contactTags.tagId, tags.id)))
    .where(eq(tags.orgId, orgId))
    .groupBy(tags.orgId, tags.id)
    .orderBy(asc(tags.name));
}

async function findTag(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.orgId, orgId), eq(tags.id, id)));
  if (!row) throw notFound('Tag');
  return row;
}

export async function createTag(db: Db, ctx: OrgContext, input: { name: string; color?: string | null }) {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.orgId, ctx.org.id), eq(tags.name, input.name)));
    if (existing) throw nameTaken();
    const [row] = await tx
      .insert(tags)
      .values({ orgId: ctx.org.id, name: input.name, color: input.color ?? null })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'tag.create',
      subjectType: 'tag',
      subjectId: row!.id,
      data: { name: row!.name },
    });
    return row!;
  });
}

export async function updateTag(db: Db, ctx: OrgContext, id: number, input: { name?: string; color?: string | null }) {
  try {
    return await db.transaction(async (tx) => {
      const before = await findTag(tx, ctx.org.id, id);
      const [row] = await tx
        .update(tags)
        .set(input)
        .where(and(eq(tags.orgId, ctx.org.id), eq(tags.id, id)))
        .returning();
      await recordAudit(tx, ctx, {
        action: 'tag.update',
        subjectType: 'tag',
        subjectId: id,
        data: diffFields(before, input),
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Deletes a tag; every contact that carried it gets a "tag removed" line on its timeline. */
export async function deleteTag(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const tag = await findTag(tx, ctx.org.id, id);
    // One statement for all carriers, however many there are.
    const data = JSON.stringify({ tagId: tag.id, tag: tag.name, tagDeleted: true });
    await tx.execute(sql`
      insert into ${contactActivities} (org_id, contact_id, type, summary, data, actor_user_id)
      select org_id, contact_id, 'tag_removed', ${`Tag removed: ${tag.name}`}, ${data}::jsonb, ${actorUserId(ctx)}::uuid
      from ${contactTags} where org_id = ${ctx.org.id} and tag_id = ${id}`);
    await tx.delete(tags).where(and(eq(tags.orgId, ctx.org.id), eq(tags.id, id)));
    await recordAudit(tx, ctx, { action: 'tag.delete', subjectType: 'tag', subjectId: id, data: { name: tag.name } });
  });
}

/** Categories in use (the contacts' `category` column), with how many contacts are in each. */
export async function listCategories(db: Db, orgId: string) {
  return db
    .select({ category: sql<string>`${contacts.category}`, contactCount: count() })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        isNotNull(contacts.category),
        isNull(contacts.erasedAt),
        isNull(contacts.mergedIntoId),
      ),
    )
    .groupBy(contacts.category)
    .orderBy(asc(contacts.category));
}
