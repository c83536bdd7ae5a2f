import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outreachBookkeeping, sendRecords, type RecipientPageQuery } from '../outreach/index.ts';
import { rowsOf } from '../segments/index.ts';
import type { smsRecipientStatuses } from './enums.ts';
import { smsRecipients, smsSends, smsTemplates } from './tables.ts';

export type SmsSendRow = typeof smsSends.$inferSelect;
export type SmsTemplateRow = typeof smsTemplates.$inferSelect;
type RecipientStatus = (typeof smsRecipientStatuses)[number];

const templateKey = (orgId: string, id: number) => and(eq(smsTemplates.orgId, orgId), eq(smsTemplates.id, id));
const sendKey = (orgId: string, id: number) => and(eq(smsSends.orgId, orgId), eq(smsSends.id, id));

// --- templates ---

export const listTemplates = (db: Db, orgId: string) =>
  db.select().from(smsTemplates).where(eq(smsTemplates.orgId, orgId)).orderBy(desc(smsTemplates.id));

export async function findTemplate(db: Db, orgId: string, id: number): Promise<SmsTemplateRow | undefined> {
  const [row] = await db.select().from(smsTemplates).where(templateKey(orgId, id));
  return row;
}

export async function insertTemplate(db: Db, values: typeof smsTemplates.$inferInsert) {
  const [row] = await db.insert(smsTemplates).values(values).returning();
  return row!;
}

export async function updateTemplate(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<typeof smsTemplates.$inferInsert>,
) {
  const [row] = await db
    .update(smsTemplates)
    .set({ ...values, updatedAt: new Date() })
    .where(and(templateKey(orgId, id), sql`not exists (${sendsGoingOut(orgId, id)})`))
    .returning();
  return row;
}

/** The sends naming a template that may still send a copy: what they send must not change under them. */
const sendsGoingOut = (orgId: string, templateId: number) =>
  sql`select 1 from sms_sends s where s.org_id = ${orgId} and s.template_id = ${templateId}
      and s.status in ('scheduled', 'sending', 'paused')`;

/** A template a send still names is kept: its report shows what went out. */
export const deleteTemplate = (db: Db, orgId: string, id: number) =>
  db
    .delete(smsTemplates)
    .where(
      and(
        templateKey(orgId, id),
        sql`not exists (select 1 from sms_sends s where s.org_id = ${orgId} and s.template_id = ${id})`,
      ),
    )
    .returning({ id: smsTemplates.id });

// --- sends ---

export const listSends = (db: Db, orgId: string) =>
  db.select().from(smsSends).where(eq(smsSends.orgId, orgId)).orderBy(desc(smsSends.id));

export async function findSend(db: Db, orgId: string, id: number): Promise<SmsSendRow | undefined> {
  const [row] = await db.select().from(smsSends).where(sendKey(orgId, id));
  return row;
}

export async function insertSend(db: Db, values: typeof smsSends.$inferInsert) {
  const [row] = await db.insert(smsSends).values(values).returning();
  return row!;
}

export async function updateSend(db: Db, orgId: string, id: number, values: Partial<typeof smsSends.$inferInsert>) {
  const [row] = await db
    .update(smsSends)
    .set({ ...values, updatedAt: new Date() })
    .where(sendKey(orgId, id))
    .returning();
  return row;
}

export const deleteSend = (db: Db, orgId: string, id: number) =>
  db
    .delete(smsSends)
    .where(and(sendKey(orgId, id), eq(smsSends.status, 'draft')))
    .returning({ id: smsSends.id });

export type StatusCounts = Record<RecipientStatus, number>;
export const noCounts: StatusCounts = {
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  undelivered: 0,
  failed: 0,
  skipped: 0,
  uncertain: 0,
};

// --- shared with mailings: the sender's bookkeeping, state moves and the report ---

const books = outreachBookkeeping({
  sends: 'sms_sends',
  recipients: 'sms_recipients',
  sendColumn: 'send_id',
  waits: true,
});
export const {
  takeLease,
  renewLease,
  releaseLease,
  markInFlightUncertain,
  claimBatch,
  finishIfDone,
  skipPending,
  dueScheduled,
  unattended,
} = books;

export const recipientCounts = (db: Db, orgId: string, ids: number[]) =>
  books.recipientCounts(db, orgId, ids, noCounts);

const records = sendRecords(smsSends, smsRecipients, smsRecipients.sendId);
export const { transition } = records;

export const recipientPage = (db: Db, orgId: string, sendId: number, page: RecipientPageQuery<RecipientStatus>) =>
  records.recipientPage(
    db,
    orgId,
    sendId,
    {
      contactId: smsRecipients.contactId,
      phone: smsRecipients.phone,
      status: smsRecipients.status,
      attempts: smsRecipients.attempts,
      sentAt: smsRecipients.sentAt,
      deliveredAt: smsRecipients.deliveredAt,
      carrierCode: smsRecipients.carrierCode,
      reason: smsRecipients.reason,
    },
    page,
  );

/** Nothing goes before then (quiet hours, or the earliest retry); the minute tick starts a sender after. */
export const waitUntil = (db: Db, orgId: string, id: number, until: Date) =>
  db.update(smsSends).set({ waitUntil: until }).where(sendKey(orgId, id));

/** When the next pending copy may be retried. */
export async function nextRetry(db: Db, orgId: string, id: number): Promise<Date | undefined> {
  const [row] = await rowsOf<{ at: string | Date | null }>(
    db,
    sql`select min(retry_at) as at from sms_recipients
        where org_id = ${orgId} and send_id = ${id} and status = 'pending'`,
  );
  return row?.at ? new Date(row.at) : undefined;
}

// --- callbacks ---

/** A carrier's report on one copy, found by the vendor's message id. Only a copy that went out changes. */
export const recordReceipt = (
  db: Db,
  orgId: string,
  receipt: { providerMessageId: string; delivered: boolean; statusCode: string; description?: string; at: Date },
) =>
  db
    .update(smsRecipients)
    .set({
      status: receipt.delivered ? 'delivered' : 'undelivered',
      deliveredAt: receipt.delivered ? receipt.at : null,
      carrierCode: receipt.statusCode.slice(0, 50),
      reason: receipt.delivered ? null : (receipt.description ?? receipt.statusCode).slice(0, 500),
    })
    .where(
      and(
        eq(smsRecipients.orgId, orgId),
        eq(smsRecipients.providerMessageId, receipt.providerMessageId),
        sql`${smsRecipients.status} in ('sent', 'delivered', 'undelivered', 'uncertain')`,
      ),
    )
    .returning({ contactId: smsRecipients.contactId });

/** The organization's contacts with this phone, and the purposes for which SMS is granted now. */
export const grantedSmsPurposes = (db: Db, orgId: string, phone: string) =>
  rowsOf<{ contact_id: string | number; purpose: string }>(
    db,
    sql`select latest.contact_id, latest.purpose from (
          select distinct on (k.contact_id, k.purpose) k.contact_id, k.purpose, k.status
          from consents k join contacts c on c.org_id = k.org_id and c.id = k.contact_id
          where k.org_id = ${orgId} and k.channel = 'sms' and c.phone = ${phone}
            and c.erased_at is null and c.merged_into_id is null
          order by k.contact_id, k.purpose, k.recorded_at desc, k.id desc) latest
        where latest.status = 'granted'`,
  );
