import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { auditContactRead, loadContact } from '../contacts/index.ts';
import { gifts } from '../gifts/tables.ts';
import { receiptUrl } from './email.ts';
import { issueReceipt, receiptOfGift, type ReceiptRow } from './issue.ts';
import { statementToken } from './links.ts';
import { receipts } from './tables.ts';
import { statementView } from './view.ts';

type Links = Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>;

/** A receipt as staff see it, with the donor's link to it. */
export const presentReceipt = (row: ReceiptRow, config: Links) => ({
  id: row.id,
  giftId: row.giftId,
  number: row.number,
  issuedAt: row.issuedAt.toISOString(),
  officialReceiptNo: row.officialReceiptNo,
  emailedAt: row.emailedAt?.toISOString() ?? null,
  emailError: row.emailError,
  url: receiptUrl(config, row.orgId, row.id),
  pdfUrl: `${receiptUrl(config, row.orgId, row.id)}/pdf`,
});

async function giftOf(db: Db, orgId: string, giftId: number) {
  const [gift] = await db
    .select({ id: gifts.id })
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, giftId)));
  if (!gift) throw notFound('Gift');
  return gift;
}

/** Issues the acknowledgement of a gift (an online gift has one already); emailed by the next sweep. */
export async function receiptForGift(db: Db, ctx: OrgContext, giftId: number, now: Date) {
  await giftOf(db, ctx.org.id, giftId);
  return issueReceipt(db, ctx, giftId, now);
}

export async function findReceiptOfGift(db: Db, ctx: OrgContext, giftId: number) {
  await giftOf(db, ctx.org.id, giftId);
  const row = await receiptOfGift(db, ctx.org.id, giftId);
  if (!row) throw new AppError('NOT_FOUND', 'No receipt has been issued for this gift yet');
  return row;
}

/** Records the number of the official e-receipt (公益事业捐赠统一票据) the organization issued for the gift. */
export async function setOfficialReceiptNo(
  db: Db,
  ctx: OrgContext,
  receiptId: number,
  officialReceiptNo: string | null,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(receipts)
      .where(and(eq(receipts.orgId, ctx.org.id), eq(receipts.id, receiptId)))
      .for('update');
    if (!before) throw notFound('Receipt');
    const [row] = await tx
      .update(receipts)
      .set({ officialReceiptNo })
      .where(and(eq(receipts.orgId, ctx.org.id), eq(receipts.id, receiptId)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'receipt.update',
      subjectType: 'receipt',
      subjectId: receiptId,
      data: diffFields(before, { officialReceiptNo }),
    });
    return row!;
  });
}

/** A supporter's statement of one year, read by staff (an audited read), with the donor's own link. */
export async function contactStatement(db: Db, ctx: OrgContext, contactId: number, year: number, config: Links) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'statement');
    const view = (await statementView(tx, ctx.org.id, contactId, year))!;
    return {
      view,
      url: `${config.PUBLIC_URL}/s/${statementToken(config.SECRET_KEY, ctx.org.id, contactId)}?year=${year}`,
    };
  });
}
