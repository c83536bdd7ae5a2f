import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudits } from '../audit/index.ts';
import { receiptCounters, receipts } from './tables.ts';

export type ReceiptRow = typeof receipts.$inferSelect;

const yearIn = (at: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));

export const receiptNumber = (year: number, serial: number) => `${year}-${String(serial).padStart(6, '0')}`;

export async function receiptOfGift(db: Db, orgId: string, giftId: number) {
  const [row] = await db
    .select()
    .from(receipts)
    .where(and(eq(receipts.orgId, orgId), eq(receipts.giftId, giftId)));
  return row;
}

/**
 * The gift's acknowledgement, issued once: the next serial of the organization's year (its local
 * calendar), taken from the counter row under its lock, so numbers never repeat and, since a rolled
 * back issue gives its number back, never skip. Asking again answers the receipt already issued.
 */
export async function issueReceipt(db: Db, ctx: OrgContext, giftId: number, now: Date): Promise<ReceiptRow> {
  const existing = await receiptOfGift(db, ctx.org.id, giftId);
  if (existing) return existing;
  try {
    return await db.transaction(async (tx) => (await issueReceipts(tx, ctx, [giftId], now))[0]!);
  } catch (error) {
    // Issued at the same moment by another request: that one stands.
    if (!isUniqueViolation(error, 'receipts_gift_key')) throw error;
    return (await receiptOfGift(db, ctx.org.id, giftId))!;
  }
}

/**
 * Receipts for gifts that have none yet, numbered in the order given with one turn of the counter,
 * in the caller's transaction; each with its audit event.
 */
export async function issueReceipts(tx: Db, ctx: OrgContext, giftIds: readonly number[], now: Date) {
  if (giftIds.length === 0) return [];
  const year = yearIn(now, ctx.org.timezone);
  const [counter] = await tx
    .insert(receiptCounters)
    .values({ orgId: ctx.org.id, year, last: giftIds.length })
    .onConflictDoUpdate({
      target: [receiptCounters.orgId, receiptCounters.year],
      set: { last: sql`${receiptCounters.last} + ${giftIds.length}` },
    })
    .returning({ last: receiptCounters.last });
  const first = counter!.last - giftIds.length + 1;
  const rows = await insertRows(
    tx,
    receipts,
    giftIds.map((giftId, i) => ({
      orgId: ctx.org.id,
      giftId,
      year,
      serial: first + i,
      number: receiptNumber(year, first + i),
      issuedAt: now,
    })),
  );
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => ({
      action: 'receipt.issue',
      subjectType: 'receipt',
      subjectId: row.id,
      data: { giftId: row.giftId, number: row.number },
    })),
  );
  return rows;
}
