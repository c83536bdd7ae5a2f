import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { afterCursor, decodeCursor, microsOf, pageOf } from '../contacts/index.ts';
import { gifts } from './tables.ts';

export type NewGift = Omit<typeof gifts.$inferInsert, 'orgId' | 'id' | 'createdAt'>;
export type GiftChanges = Partial<Omit<NewGift, 'contactId' | 'source'>>;

export async function lockGift(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, id)))
    .for('update');
  return row;
}

export async function giftByExternalId(db: Db, orgId: string, externalId: string) {
  const [row] = await db
    .select({ id: gifts.id })
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.externalId, externalId)));
  return row;
}

/** Inserts gifts in one statement; the rows come back in the order given. */
export async function insertGifts(db: Db, orgId: string, values: NewGift[]) {
  return insertRows(
    db,
    gifts,
    values.map((v) => ({ ...v, orgId })),
  );
}

export async function updateGift(db: Db, orgId: string, id: number, values: GiftChanges) {
  const [row] = await db
    .update(gifts)
    .set(values)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, id)))
    .returning();
  return row!;
}

export async function deleteGift(db: Db, orgId: string, id: number) {
  const [row] = await db
    .delete(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, id)))
    .returning();
  return row;
}

/** A contact's gifts, most recently received first. */
export async function giftsOfContact(
  db: Db,
  orgId: string,
  contactId: number,
  page: { limit: number; cursor?: string },
) {
  const after = page.cursor ? afterCursor(gifts.receivedAt, gifts.id, decodeCursor(page.cursor)) : undefined;
  const rows = await db
    .select({ gift: gifts, micros: microsOf(gifts.receivedAt), id: gifts.id })
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.contactId, contactId), after))
    .orderBy(desc(gifts.receivedAt), desc(gifts.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = pageOf(rows, page.limit);
  return { items: items.map((r) => r.gift), nextCursor };
}

/**
 * How much of a gift allocations and refunds have drawn on. Those tables belong to the flows module,
 * which depends on this one; plain SQL keeps the dependency one way.
 */
export async function drawnFromGift(db: Db, orgId: string, giftId: number): Promise<number> {
  const result = (await db.execute(sql`select
      (select coalesce(sum(s.amount), 0) from allocation_sources s join allocations a
        on a.org_id = s.org_id and a.id = s.allocation_id and a.voided_at is null
        where s.org_id = ${orgId} and s.gift_id = ${giftId}) +
      (select coalesce(sum(amount), 0) from refunds where org_id = ${orgId} and gift_id = ${giftId} and voided_at is null) as n`)) as unknown as {
    rows: { n: number | string }[];
  };
  return Number(result.rows[0]?.n ?? 0);
}
