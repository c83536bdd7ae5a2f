import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../platform/tables.ts';
import { outreachBookkeeping } from '../outreach/index.ts';
import { rowsOf } from '../segments/index.ts';
import { emailSuppressions, mailingRecipients, mailings } from './tables.ts';
import type { mailingStatuses, recipientStatuses } from './enums.ts';

export type MailingRow = typeof mailings.$inferSelect;
type MailingStatus = (typeof mailingStatuses)[number];
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

/** Moves a mailing only from one of the given states; undefined when it was in none of them. */
export async function transition(
  db: Db,
  orgId: string,
  id: number,
  from: readonly MailingStatus[],
  values: Partial<typeof mailings.$inferInsert> & { status: MailingStatus },
): Promise<MailingRow | undefined> {
  const [row] = await db
    .update(mailings)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        mailingKey(orgId, id),
        sql`${mailings.status} in (${sql.join(
          from.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      ),
    )
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

export async function recipientCounts(db: Db, orgId: string, ids: number[]): Promise<Map<number, StatusCounts>> {
  const counts = new Map<number, StatusCounts>();
  if (ids.length === 0) return counts;
  const rows = await rowsOf<{
    mailing_id: string | number;
    status: RecipientStatus;
    n: string | number;
    opened: string | number;
    clicked: string | number;
  }>(
    db,
    sql`select mailing_id, status, count(*) as n, count(opened_at) as opened, count(clicked_at) as clicked
        from mailing_recipients
        where org_id = ${orgId}
          and mailing_id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        group by mailing_id, status`,
  );
  for (const row of rows) {
    const id = Number(row.mailing_id);
    const entry = counts.get(id) ?? { ...noCounts };
    entry[row.status] = Number(row.n);
    entry.opened += Number(row.opened);
    entry.clicked += Number(row.clicked);
    counts.set(id, entry);
  }
  return counts;
}

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

export const recipientPage = (
  db: Db,
  orgId: string,
  mailingId: number,
  page: { status?: RecipientStatus; cursor?: number; limit: number },
) =>
  db
    .select({
      contactId: mailingRecipients.contactId,
      email: mailingRecipients.email,
      status: mailingRecipients.status,
      attempts: mailingRecipients.attempts,
      sentAt: mailingRecipients.sentAt,
      reason: mailingRecipients.reason,
      name: sql<
        string | null
      >`(select c.name from contacts c where c.org_id = ${orgId} and c.id = ${mailingRecipients.contactId})`,
    })
    .from(mailingRecipients)
    .where(
      and(
        eq(mailingRecipients.orgId, orgId),
        eq(mailingRecipients.mailingId, mailingId),
        page.status ? eq(mailingRecipients.status, page.status) : undefined,
        page.cursor ? sql`${mailingRecipients.contactId} > ${page.cursor}` : undefined,
      ),
    )
    .orderBy(mailingRecipients.contactId)
    .limit(page.limit + 1);

// --- the sender's bookkeeping (shared with SMS sends) ---

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
export const suppressBounced = (db: Db, orgId: string, mailingId: number, contactIds: number[]) =>
  db.execute(sql`
    insert into email_suppressions (org_id, email, reason, note)
    select r.org_id, lower(r.email), 'bounce', left(r.reason, 500) from mailing_recipients r
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
      set: { reason: values.reason, note: values.note ?? null, recordedAt: new Date() },
    })
    .returning();
  return row!;
}

export const deleteSuppression = (db: Db, orgId: string, email: string) =>
  db
    .delete(emailSuppressions)
    .where(and(eq(emailSuppressions.orgId, orgId), eq(emailSuppressions.email, email)))
    .returning({ email: emailSuppressions.email });
