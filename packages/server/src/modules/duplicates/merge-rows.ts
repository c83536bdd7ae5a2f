import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contactTags, relationships } from '../contacts/tables.ts';
import type { MergeMoved, RemovedRelationship } from './tables.ts';
import { rowsOf } from '../../db/rows.ts';

// One text parameter, however many ids: no bind-parameter limit for a donor with many gifts.
const idList = (ids: readonly number[]) => sql`any(string_to_array(${ids.join(',')}, ',')::bigint[])`;

/** Tables whose rows belong to one contact through contact_id and simply follow it. */
const followingTables = {
  gifts: 'gifts',
  consents: 'consents',
  notes: 'notes',
  activities: 'contact_activities',
  monthlyGifts: 'monthly_gifts',
  pledges: 'pledges',
} as const;
type Following = keyof typeof followingTables;

async function repoint(db: Db, table: string, column: string, orgId: string, from: number, to: number) {
  const result = await db.execute(sql`
    update ${sql.identifier(table)} set ${sql.identifier(column)} = ${to}
    where org_id = ${orgId} and ${sql.identifier(column)} = ${from} returning id`);
  return rowsOf<{ id: number }>(result).map((r) => Number(r.id));
}

async function repointBack(
  db: Db,
  table: string,
  column: string,
  orgId: string,
  ids: number[],
  from: number,
  to: number,
) {
  if (ids.length === 0) return;
  await db.execute(sql`
    update ${sql.identifier(table)} set ${sql.identifier(column)} = ${to}
    where org_id = ${orgId} and ${sql.identifier(column)} = ${from} and id = ${idList(ids)}`);
}

async function tagIdsOf(db: Db, orgId: string, contactId: number) {
  const rows = await db
    .select({ tagId: contactTags.tagId })
    .from(contactTags)
    .where(and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, contactId)));
  return rows.map((r) => r.tagId);
}

/** Moves everything the merged contact owns to the survivor and records exactly which rows moved. */
export async function moveContactRows(
  db: Db,
  orgId: string,
  survivorId: number,
  mergedId: number,
): Promise<MergeMoved> {
  const pair = [survivorId, mergedId];
  // A relationship between the two would relate the survivor to itself: set it aside, whole.
  const between = await db
    .delete(relationships)
    .where(
      and(
        eq(relationships.orgId, orgId),
        inArray(relationships.contactId, pair),
        inArray(relationships.relatedContactId, pair),
      ),
    )
    .returning();
  const relationshipsRemoved: RemovedRelationship[] = between.map((r) => ({
    id: r.id,
    contactId: r.contactId,
    relatedContactId: r.relatedContactId,
    type: r.type,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
  }));
  const moved: Partial<Record<Following, number[]>> = {};
  for (const [key, table] of Object.entries(followingTables) as [Following, string][]) {
    moved[key] = await repoint(db, table, 'contact_id', orgId, mergedId, survivorId);
  }
  const relationshipsFrom = await repoint(db, 'relationships', 'contact_id', orgId, mergedId, survivorId);
  const relationshipsTo = await repoint(db, 'relationships', 'related_contact_id', orgId, mergedId, survivorId);

  const mergedTagIds = await tagIdsOf(db, orgId, mergedId);
  const survivorTags = new Set(await tagIdsOf(db, orgId, survivorId));
  const tagsAddedToSurvivor = mergedTagIds.filter((id) => !survivorTags.has(id));
  if (tagsAddedToSurvivor.length > 0) {
    await db.insert(contactTags).values(tagsAddedToSurvivor.map((tagId) => ({ orgId, contactId: survivorId, tagId })));
  }
  await db.delete(contactTags).where(and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, mergedId)));

  return {
    gifts: moved.gifts ?? [],
    consents: moved.consents ?? [],
    notes: moved.notes ?? [],
    activities: moved.activities ?? [],
    monthlyGifts: moved.monthlyGifts ?? [],
    pledges: moved.pledges ?? [],
    relationshipsFrom,
    relationshipsTo,
    relationshipsRemoved,
    mergedTagIds,
    tagsAddedToSurvivor,
  };
}

/** Puts every recorded row back on the merged contact. Rows deleted since the merge stay deleted. */
export async function restoreContactRows(
  db: Db,
  orgId: string,
  survivorId: number,
  mergedId: number,
  moved: MergeMoved,
) {
  for (const [key, table] of Object.entries(followingTables) as [Following, string][]) {
    await repointBack(db, table, 'contact_id', orgId, moved[key] ?? [], survivorId, mergedId);
  }
  await repointBack(db, 'relationships', 'contact_id', orgId, moved.relationshipsFrom, survivorId, mergedId);
  await repointBack(db, 'relationships', 'related_contact_id', orgId, moved.relationshipsTo, survivorId, mergedId);
  for (const r of moved.relationshipsRemoved) {
    await db.execute(sql`
      insert into relationships (org_id, id, contact_id, related_contact_id, type, note, created_at)
      overriding system value
      values (${orgId}, ${r.id}, ${r.contactId}, ${r.relatedContactId}, ${r.type}, ${r.note}, ${r.createdAt}::timestamptz)
      on conflict do nothing`);
  }
  if (moved.tagsAddedToSurvivor.length > 0) {
    await db
      .delete(contactTags)
      .where(
        and(
          eq(contactTags.orgId, orgId),
          eq(contactTags.contactId, survivorId),
          inArray(contactTags.tagId, moved.tagsAddedToSurvivor),
        ),
      );
  }
  if (moved.mergedTagIds.length > 0) {
    // Tags deleted since the merge cannot come back; the others do.
    await db.execute(sql`
      insert into contact_tags (org_id, contact_id, tag_id)
      select org_id, ${mergedId}, id from tags where org_id = ${orgId} and id = ${idList(moved.mergedTagIds)}
      on conflict do nothing`);
  }
}
