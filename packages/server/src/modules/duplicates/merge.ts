import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { addActivity } from '../contacts/index.ts';
import { contacts } from '../contacts/tables.ts';
import { mergeFieldNames } from './enums.ts';
import { moveContactRows, restoreContactRows } from './merge-rows.ts';
import { contactMerges, duplicateCandidates, type MergeMoved } from './tables.ts';

type ContactRow = typeof contacts.$inferSelect;
type Column = keyof ContactRow;

/** The fields a reviewer chooses between; some travel as a group (a name with its pinyin keys). */
export const mergeFields = {
  name: ['name', 'namePinyin', 'nameInitials'],
  kind: ['kind'],
  gender: ['gender'],
  phone: ['phone'],
  email: ['email'],
  wechatId: ['wechatId'],
  address: ['provinceCode', 'cityCode', 'districtCode', 'address', 'postalCode'],
  category: ['category'],
  source: ['source'],
  custom: ['custom'],
} as const satisfies Record<(typeof mergeFieldNames)[number], readonly Column[]>;
export type MergeField = keyof typeof mergeFields;
export { mergeFieldNames };
export type Side = 'survivor' | 'merged';
export type MergeChoices = Record<MergeField, Side>;

export interface MergeInput {
  survivorId: number;
  mergedId: number;
  fields?: Partial<MergeChoices>;
}

export type MergeRecord = typeof contactMerges.$inferSelect;

const isBlank = (value: unknown) =>
  value == null || value === '' || (typeof value === 'object' && Object.keys(value as object).length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const userOf = (ctx: OrgContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Unchosen fields keep the survivor's value, unless the survivor has none and the merged contact does. */
export function resolveChoices(
  survivor: ContactRow,
  merged: ContactRow,
  requested: Partial<MergeChoices> = {},
): MergeChoices {
  const entries = mergeFieldNames.map((field) => {
    const first = mergeFields[field][0];
    const fallback: Side = isBlank(survivor[first]) && !isBlank(merged[first]) ? 'merged' : 'survivor';
    return [field, requested[field] ?? fallback] as const;
  });
  return Object.fromEntries(entries) as MergeChoices;
}

/** Locks both contacts in id order, so two merges of the same pair queue up instead of deadlocking. */
async function lockPair(db: Db, orgId: string, ids: [number, number]) {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)))
    .orderBy(asc(contacts.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
}

function assertMergeable(row: ContactRow) {
  if (row.mergedIntoId != null) {
    throw new AppError(
      'MERGE_CONFLICT',
      `Contact #${row.id} has already been merged into contact #${row.mergedIntoId}`,
    );
  }
  if (row.erasedAt) throw new AppError('CONTACT_ERASED', `Contact #${row.id} has been erased and cannot be merged`);
}

export const countsOf = (moved: MergeMoved) => ({
  gifts: moved.gifts.length,
  consents: moved.consents.length,
  notes: moved.notes.length,
  activities: moved.activities.length,
  relationships: moved.relationshipsFrom.length + moved.relationshipsTo.length + moved.relationshipsRemoved.length,
  tags: moved.mergedTagIds.length,
});

/**
 * Merges one contact into another in one transaction: the chosen field values go to the survivor,
 * every row of the merged contact follows it, and the merged contact stays, hidden, so the merge
 * can be undone exactly.
 */
export async function mergeContacts(db: Db, ctx: OrgContext, input: MergeInput): Promise<MergeRecord> {
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId) throw invalidField('body.mergedId', 'A contact cannot be merged into itself');
  const orgId = ctx.org.id;
  return db.transaction(async (tx) => {
    const locked = await lockPair(tx, orgId, [survivorId, mergedId]);
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor || !merged) throw notFound('Contact');
    assertMergeable(survivor);
    assertMergeable(merged);

    const choices = resolveChoices(survivor, merged, input.fields);
    const survivorChanges: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of mergeFieldNames) {
      if (choices[field] !== 'merged') continue;
      for (const column of mergeFields[field]) {
        if (!same(survivor[column], merged[column]))
          survivorChanges[column] = { before: survivor[column], after: merged[column] };
      }
    }
    const now = new Date();
    const updates = Object.fromEntries(
      Object.entries(survivorChanges).map(([column, change]) => [column, change.after]),
    );
    await tx
      .update(contacts)
      .set({ ...updates, updatedAt: now })
      .where(and(eq(contacts.orgId, orgId), eq(contacts.id, survivorId)));
    const moved = await moveContactRows(tx, orgId, survivorId, mergedId);
    await tx
      .update(contacts)
      .set({ mergedIntoId: survivorId, updatedAt: now })
      .where(and(eq(contacts.orgId, orgId), eq(contacts.id, mergedId)));

    const [record] = await tx
      .insert(contactMerges)
      .values({ orgId, survivorId, mergedId, choices, survivorChanges, moved, mergedBy: userOf(ctx) })
      .returning();
    await tx
      .update(duplicateCandidates)
      .set({ status: 'merged', mergeId: record!.id, reviewedAt: now, reviewedBy: userOf(ctx), updatedAt: now })
      .where(
        and(
          eq(duplicateCandidates.orgId, orgId),
          eq(duplicateCandidates.contactAId, Math.min(survivorId, mergedId)),
          eq(duplicateCandidates.contactBId, Math.max(survivorId, mergedId)),
        ),
      );
    const counts = countsOf(moved);
    await addActivity(tx, orgId, survivorId, {
      type: 'contact.merged',
      summary: `合并了联系人 #${mergedId}（${merged.name}）`,
      data: { mergeId: record!.id, mergedId, mergedName: merged.name, moved: counts },
      actorUserId: userOf(ctx),
    });
    await recordAudit(tx, ctx, {
      action: 'contact.merge',
      subjectType: 'contact',
      subjectId: survivorId,
      data: { mergeId: record!.id, mergedId, choices, changedFields: Object.keys(survivorChanges), moved: counts },
    });
    return record!;
  });
}

export async function findMerge(db: Db, orgId: string, id: number, lock = false): Promise<MergeRecord> {
  const query = db
    .select()
    .from(contactMerges)
    .where(and(eq(contactMerges.orgId, orgId), eq(contactMerges.id, id)));
  const [record] = lock ? await query.for('update') : await query;
  if (!record) throw notFound('Merge');
  return record;
}

const notReversible = (message: string) => new AppError('MERGE_NOT_REVERSIBLE', message);

/**
 * Undoes a merge: the merged contact comes back with every row that moved, and the survivor gets back
 * each field value the merge overwrote (unless someone has edited that field since; it keeps the edit).
 */
export async function undoMerge(
  db: Db,
  ctx: OrgContext,
  id: number,
): Promise<{ merge: MergeRecord; keptFields: string[] }> {
  const orgId = ctx.org.id;
  return db.transaction(async (tx) => {
    const record = await findMerge(tx, orgId, id, true);
    if (record.undoneAt) throw notReversible('This merge has already been undone');
    const { survivorId, mergedId } = record;
    const locked = await lockPair(tx, orgId, [survivorId, mergedId]);
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor || !merged) throw notReversible('One of the two contacts no longer exists');
    if (survivor.erasedAt || merged.erasedAt) throw notReversible('One of the two contacts has since been erased');
    if (survivor.mergedIntoId != null) {
      throw notReversible(
        `The surviving contact has since been merged into contact #${survivor.mergedIntoId}; undo that merge first`,
      );
    }
    if (merged.mergedIntoId !== survivorId) throw notReversible('The merged contact is no longer part of this merge');

    const restore: Record<string, unknown> = {};
    const keptFields: string[] = [];
    for (const [column, change] of Object.entries(record.survivorChanges)) {
      if (same(survivor[column as Column], change.after)) restore[column] = change.before;
      else keptFields.push(column);
    }
    const now = new Date();
    await tx
      .update(contacts)
      .set({ ...(restore as Partial<ContactRow>), updatedAt: now })
      .where(and(eq(contacts.orgId, orgId), eq(contacts.id, survivorId)));
    await restoreContactRows(tx, orgId, survivorId, mergedId, record.moved);
    await tx
      .update(contacts)
      .set({ mergedIntoId: null, updatedAt: now })
      .where(and(eq(contacts.orgId, orgId), eq(contacts.id, mergedId)));
    await tx
      .update(duplicateCandidates)
      .set({ status: 'pending', mergeId: null, reviewedAt: null, reviewedBy: null, updatedAt: now })
      .where(and(eq(duplicateCandidates.orgId, orgId), eq(duplicateCandidates.mergeId, id)));
    const [undone] = await tx
      .update(contactMerges)
      .set({ undoneAt: now, undoneBy: userOf(ctx) })
      .where(and(eq(contactMerges.orgId, orgId), eq(contactMerges.id, id), isNull(contactMerges.undoneAt)))
      .returning();
    await addActivity(tx, orgId, survivorId, {
      type: 'contact.merge_undone',
      summary: `撤销了与联系人 #${mergedId}（${merged.name}）的合并`,
      data: { mergeId: id, mergedId },
      actorUserId: userOf(ctx),
    });
    await recordAudit(tx, ctx, {
      action: 'contact.merge_undo',
      subjectType: 'contact',
      subjectId: survivorId,
      data: { mergeId: id, mergedId, restoredFields: Object.keys(restore), keptFields },
    });
    return { merge: undone!, keptFields };
  });
}
