import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
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
    return await db.transaction(async (tx) => {
      const year = yearIn(now, ctx.org.timezone);
      const [counter] = await tx
        .insert(receiptCounters)
        .values({ orgId: ctx.org.id, year, last: 1 })
        .onConflictDoUpdate({
          target: [receiptCounters.orgId, receiptCounters.year],
          set: { last: sql`${receiptCounters.last} + 1` },
        })
        .returning({ last: receiptCounters.last });
      const [row] = await tx
        .insert(receipts)
        .values({
          orgId: ctx.org.id,
          giftId,
          year,
          serial: counter!.last,
          number: receiptNumber(year, counter!.last),
          issuedAt: now,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'receipt.issue',
        subjectType: 'receipt',
        subjectId: row!.id,
        data: { giftId, number: row!.number },
      });
      return row!;
    });
  } catch (error) {
    // Issued at the same moment by another request: that one stands.
    if (!isUniqueViolation(error, 'receipts_gift_key')) throw error;
    return (await receiptOfGift(db, ctx.org.id, giftId))!;
  }
}
