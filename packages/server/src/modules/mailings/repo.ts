import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../platform/tables.ts';
import { outreachBookkeeping, sendRecords, type RecipientPageQuery } from '../outreach/index.ts';
import { rowsOf } from '../segments/index.ts';
import { emailSuppressions, mailingRecipients, mailings } from './tables.ts';
import type { recipientStatuses } from './enums.ts';

export type MailingRow = typeof mailings.$inferSelect;
type RecipientStatus = (typeof recipientStatuses)[number];

const mailingKey = (orgId: string, id: number) => and(eq(mailings.orgId, orgId), eq(mailings.id, id));

export const listMailings = (db: Db, orgId: string) =>
  db.select().from(mailings).where(eq(mailings.orgId, orgId)).orderBy(desc(mailings.id));

export async function findMailing(db: Db, orgId: string, id: number): Promise<MailingRow | undefined> {
  const [row] = await db.select().from(mailings).where(mailingKey(orgId, id));
  return row;
}

export async function insertMailing(db: Db, values: typeof mailings.$inferInsert): Promise<MailingRow> {
  const [row] = await db.insert(mailings).values(values).returning();
  return row!;
}

export async function updateMailing(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<typeof mailings.$inferInsert>,
): Promise<MailingRow | undefined> {
  const [row] = await db
    .update(mailings)
    .set({ ...values, updatedAt: new Date() })
    .where(mailingKey(orgId, id))
    .returning();
  return row;
}

export const deleteMailing = (db: Db, orgId: string, id: number) =>
  db
    .delete(mailings)
    .where(and(mailingKey(orgId, id), eq(mailings.status, 'draft')))
    .returning({ id: mailings.id });

export type StatusCounts = Record<RecipientStatus | 'opened' | 'clicked', number>;

export const noCounts: StatusCounts = {
  pending: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  bounced: 0,
  skipped: 0,
  uncertain: 0,
  opened: 0,
  clicked: 0,
};

// --- shared with SMS sends: the sender's bookkeeping, state moves and the report ---

const books = outreachBookkeeping({ sends: 'mailings', recipients: 'mailing_recipients', sendColumn: 'mailing_id' });
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
  books.recipientCounts(db, orgId, ids, noCounts, { opened: 'opened_at', clicked: 'clicked_at' });

/** Recipients whose latest consent record for the purpose is a withdrawal made after the send started. */
export async function unsubscribedSince(db: Db, row: MailingRow): Promise<number> {
  if (!row.startedAt) return 0;
  const [result] = await rowsOf<{ n: string | number }>(
    db,
    sql`select count(*) as n from mailing_recipients r
        where r.org_id = ${row.orgId} and r.mailing_id = ${row.id}
          and exists (select 1 from consents k
                      where k.org_id = r.org_id and k.contact_id = r.contact_id and k.channel = 'email'
                        and k.purpose = ${row.purpose} and k.status = 'withdrawn'
                        and k.recorded_at >= ${row.startedAt.toISOString()}::timestamptz)`,
  );
  return Number(result?.n ?? 0);
}

const records = sendRecords(mailings, mailingRecipients, mailingRecipients.mailingId);
export const { transition } = records;

export const recipientPage = (db: Db, orgId: string, mailingId: number, page: RecipientPageQuery<RecipientStatus>) =>
  records.recipientPage(
    db,
    orgId,
    mailingId,
    {
      contactId: mailingRecipients.contactId,
      email: mailingRecipients.email,
      status: mailingRecipients.status,
      attempts: mailingRecipients.attempts,
      sentAt: mailingRecipients.sentAt,
      reason: mailingRecipients.reason,
    },
    page,
  );

export async function senderOf(db: Db, orgId: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, emailTracking: organizations.emailTracking })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org!;
}

/** The first open or click of a copy; a click is an open too (images are often blocked). */
export const recordEngagement = (
  db: Db,
  copy: { orgId: string; mailingId: number; contactId: number },
  click: boolean,
) =>
  db.execute(sql`
    update mailing_recipients set opened_at = coalesce(opened_at, now()),
      clicked_at = case when ${click} then coalesce(clicked_at, now()) else clicked_at end
    where org_id = ${copy.orgId} and mailing_id = ${copy.mailingId} and contact_id = ${copy.contactId}`);

/** Hard bounces: their addresses are suppressed for every later mailing of the organization. */
export const suppressBounced = (
  db: Db,
  orgId: string,
  mailingId: number,
  contactIds: number[],
  origin: 'send' | 'bounce-notice',
) =>
  db.execute(sql`
    insert into email_suppressions (org_id, email, reason, origin, note)
    select r.org_id, lower(r.email), 'bounce', ${origin}, left(r.reason, 500) from mailing_recipients r
    where r.org_id = ${orgId} and r.mailing_id = ${mailingId}
      and r.contact_id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb))
    on conflict do nothing`);

// --- suppressions ---

export const listSuppressions = (db: Db, orgId: string) =>
  db
    .select()
    .from(emailSuppressions)
    .where(eq(emailSuppressions.orgId, orgId))
    .orderBy(desc(emailSuppressions.recordedAt));

export async function upsertSuppression(db: Db, values: typeof emailSuppressions.$inferInsert) {
  const [row] = await db
    .insert(emailSuppressions)
    .values(values)
    .onConflictDoUpdate({
      target: [emailSuppressions.orgId, emailSuppressions.email],
      set: {
        reason: values.reason,
        origin: values.origin ?? 'staff',
        note: values.note ?? null,
        recordedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export const deleteSuppression = (db: Db, orgId: string, email: string) =>
  db
    .delete(emailSuppressions)
    .where(and(eq(emailSuppressions.orgId, orgId), eq(emailSuppressions.email, email)))
    .returning({ email: emailSuppressions.email });
