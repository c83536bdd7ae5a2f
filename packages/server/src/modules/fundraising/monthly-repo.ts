import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { donationOrders, monthlyGifts } from './tables.ts';

export type MonthlyGiftRow = typeof monthlyGifts.$inferSelect;

export async function findMonthlyGift(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(monthlyGifts)
    .where(and(eq(monthlyGifts.orgId, orgId), eq(monthlyGifts.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function monthlyGiftOfFirstOrder(db: Db, orgId: string, firstOrderId: number) {
  const [row] = await db
    .select()
    .from(monthlyGifts)
    .where(and(eq(monthlyGifts.orgId, orgId), eq(monthlyGifts.firstOrderId, firstOrderId)));
  return row;
}

/** The gift on a vendor's agreement, locked: a 解约 notice names only the agreement. */
export async function monthlyGiftOfAgreement(
  db: Db,
  orgId: string,
  provider: MonthlyGiftRow['provider'],
  agreementId: string,
) {
  const [row] = await db
    .select()
    .from(monthlyGifts)
    .where(
      and(
        eq(monthlyGifts.orgId, orgId),
        eq(monthlyGifts.provider, provider),
        eq(monthlyGifts.agreementId, agreementId),
      ),
    )
    .orderBy(desc(monthlyGifts.id))
    .limit(1)
    .for('update');
  return row;
}

export async function insertMonthlyGift(db: Db, values: typeof monthlyGifts.$inferInsert) {
  const [row] = await db.insert(monthlyGifts).values(values).returning();
  return row!;
}

export async function updateMonthlyGift(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<typeof monthlyGifts.$inferInsert>,
) {
  const [row] = await db
    .update(monthlyGifts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(monthlyGifts.orgId, orgId), eq(monthlyGifts.id, id)))
    .returning();
  return row!;
}

export async function listMonthlyGifts(
  db: Db,
  orgId: string,
  filter: { status?: MonthlyGiftRow['status']; campaignId?: number; contactId?: number; limit: number },
) {
  return db
    .select()
    .from(monthlyGifts)
    .where(
      and(
        eq(monthlyGifts.orgId, orgId),
        filter.status ? eq(monthlyGifts.status, filter.status) : undefined,
        filter.campaignId ? eq(monthlyGifts.campaignId, filter.campaignId) : undefined,
        filter.contactId ? eq(monthlyGifts.contactId, filter.contactId) : undefined,
      ),
    )
    .orderBy(desc(monthlyGifts.createdAt), desc(monthlyGifts.id))
    .limit(filter.limit);
}

/** Counts and the monthly total by status, in each currency: the figures above the console's list. */
export async function monthlySummary(db: Db, orgId: string) {
  return db
    .select({
      status: monthlyGifts.status,
      currency: monthlyGifts.currency,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${monthlyGifts.amount}), 0)::text`,
    })
    .from(monthlyGifts)
    .where(eq(monthlyGifts.orgId, orgId))
    .groupBy(monthlyGifts.status, monthlyGifts.currency);
}

/** Every charge of a monthly gift, its first payment included, newest first. */
export async function chargesOf(db: Db, gift: MonthlyGiftRow, limit = 120) {
  return db
    .select()
    .from(donationOrders)
    .where(
      and(
        eq(donationOrders.orgId, gift.orgId),
        sql`(${donationOrders.monthlyGiftId} = ${gift.id} or ${donationOrders.id} = ${gift.firstOrderId})`,
      ),
    )
    .orderBy(desc(donationOrders.createdAt), desc(donationOrders.id))
    .limit(limit);
}

/** Gifts whose charge (or the end of whose pause) is due: instance-wide, for the charging job. */
export async function dueMonthlyGifts(db: Db, now: Date, limit: number) {
  return db
    .select({ orgId: monthlyGifts.orgId, id: monthlyGifts.id })
    .from(monthlyGifts)
    .where(and(inArray(monthlyGifts.status, ['active', 'paused']), lte(monthlyGifts.nextChargeAt, now)))
    .orderBy(asc(monthlyGifts.nextChargeAt))
    .limit(limit);
}

export async function orderForPeriod(db: Db, orgId: string, monthlyGiftId: number, period: string) {
  const [row] = await db
    .select()
    .from(donationOrders)
    .where(
      and(
        eq(donationOrders.orgId, orgId),
        eq(donationOrders.monthlyGiftId, monthlyGiftId),
        eq(donationOrders.period, period),
      ),
    );
  return row;
}
