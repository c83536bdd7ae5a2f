import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { auditContactRead } from '../contacts/index.ts';
import { contacts } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { duplicateCandidates, type DuplicateStatus } from './tables.ts';

const ca = alias(contacts, 'ca');
const cb = alias(contacts, 'cb');

/** The fields a reviewer compares side by side. */
const sideFields = (c: typeof ca | typeof cb) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  gender: c.gender,
  phone: c.phone,
  email: c.email,
  wechatId: c.wechatId,
  provinceCode: c.provinceCode,
  cityCode: c.cityCode,
  districtCode: c.districtCode,
  address: c.address,
  category: c.category,
  source: c.source,
  createdAt: c.createdAt,
});

export interface QueueQuery {
  status: DuplicateStatus;
  page: number;
  pageSize: number;
}

async function giftCounts(db: Db, orgId: string, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ contactId: gifts.contactId, n: count() })
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), inArray(gifts.contactId, ids)))
    .groupBy(gifts.contactId);
  return new Map(rows.map((r) => [r.contactId, r.n]));
}

/**
 * The review queue, most likely duplicates first. Pending pairs whose contacts have since been merged
 * away or erased are left out: there is nothing left to decide.
 */
export async function listCandidates(db: Db, ctx: OrgContext, query: QueueQuery) {
  const orgId = ctx.org.id;
  const where = and(
    eq(duplicateCandidates.orgId, orgId),
    eq(duplicateCandidates.status, query.status),
    ...(query.status === 'pending'
      ? [isNull(ca.mergedIntoId), isNull(cb.mergedIntoId), isNull(ca.erasedAt), isNull(cb.erasedAt)]
      : []),
  );
  const base = db
    .select({
      candidate: {
        id: duplicateCandidates.id,
        confidence: duplicateCandidates.confidence,
        reasons: duplicateCandidates.reasons,
        status: duplicateCandidates.status,
        createdAt: duplicateCandidates.createdAt,
        reviewedAt: duplicateCandidates.reviewedAt,
        mergeId: duplicateCandidates.mergeId,
      },
      a: sideFields(ca),
      b: sideFields(cb),
    })
    .from(duplicateCandidates)
    .innerJoin(ca, and(eq(ca.orgId, duplicateCandidates.orgId), eq(ca.id, duplicateCandidates.contactAId)))
    .innerJoin(cb, and(eq(cb.orgId, duplicateCandidates.orgId), eq(cb.id, duplicateCandidates.contactBId)));
  const rows = await base
    .where(where)
    .orderBy(desc(duplicateCandidates.confidence), asc(duplicateCandidates.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(duplicateCandidates)
    .innerJoin(ca, and(eq(ca.orgId, duplicateCandidates.orgId), eq(ca.id, duplicateCandidates.contactAId)))
    .innerJoin(cb, and(eq(cb.orgId, duplicateCandidates.orgId), eq(cb.id, duplicateCandidates.contactBId)))
    .where(where);
  const contactIds = rows.flatMap((r) => [r.a.id, r.b.id]);
  const counts = await giftCounts(db, orgId, contactIds);
  for (const contactId of new Set(contactIds)) await auditContactRead(db, ctx, contactId, 'duplicates');
  const items = rows.map((r) => ({
    ...r.candidate,
    a: { ...r.a, giftCount: counts.get(r.a.id) ?? 0 },
    b: { ...r.b, giftCount: counts.get(r.b.id) ?? 0 },
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** A reviewer decided the pair are two people; later scans leave the pair dismissed. */
export async function dismissCandidate(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const [candidate] = await tx
      .select()
      .from(duplicateCandidates)
      .where(and(eq(duplicateCandidates.orgId, ctx.org.id), eq(duplicateCandidates.id, id)))
      .for('update');
    if (!candidate) throw notFound('Duplicate candidate');
    if (candidate.status !== 'pending') {
      throw new AppError('CONFLICT', `This pair was already ${candidate.status}`);
    }
    const [dismissed] = await tx
      .update(duplicateCandidates)
      .set({
        status: 'dismissed',
        reviewedAt: new Date(),
        reviewedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        updatedAt: new Date(),
      })
      .where(and(eq(duplicateCandidates.orgId, ctx.org.id), eq(duplicateCandidates.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'duplicate.dismiss',
      subjectType: 'duplicate_candidate',
      subjectId: id,
      data: { contactIds: [candidate.contactAId, candidate.contactBId] },
    });
    return dismissed!;
  });
}
