import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { consents } from '../consent/tables.ts';
import { emailSuppressions, mailingRecipients, mailings } from '../mailings/tables.ts';

/** One recipient's copy of a mailing, as a report about it needs it. */
export interface Copy {
  orgId: string;
  mailingId: number;
  contactId: number;
  email: string;
  status: string;
}

const copyColumns = {
  orgId: mailingRecipients.orgId,
  mailingId: mailingRecipients.mailingId,
  contactId: mailingRecipients.contactId,
  email: mailingRecipients.email,
  status: mailingRecipients.status,
};

/**
 * The organization of a mailing named in an X-Commonweal-Send-Id. No org_id: the report names no
 * organization, and mailing ids come from one identity sequence, so the id alone names it.
 */
export async function orgOfMailing(db: Db, mailingId: number): Promise<string | undefined> {
  const [row] = await db.select({ orgId: mailings.orgId }).from(mailings).where(eq(mailings.id, mailingId));
  return row?.orgId;
}

/** The first copy of one mailing that also meets `condition`. */
async function copyInMailing(db: Db, orgId: string, mailingId: number, condition: SQL): Promise<Copy | undefined> {
  const [row] = await db
    .select(copyColumns)
    .from(mailingRecipients)
    .where(and(eq(mailingRecipients.orgId, orgId), eq(mailingRecipients.mailingId, mailingId), condition))
    .limit(1);
  return row;
}

export const copyByIds = (db: Db, orgId: string, mailingId: number, contactId: number) =>
  copyInMailing(db, orgId, mailingId, eq(mailingRecipients.contactId, contactId));

/** A copy of one mailing by its address. */
export const copyInMailingTo = async (db: Db, orgId: string, mailingId: number, emails: string[]) =>
  emails.length === 0
    ? undefined
    : copyInMailing(db, orgId, mailingId, inArray(sql`lower(${mailingRecipients.email})`, emails));

/**
 * The copies sent to these addresses, in every organization: candidates for a returned Message-ID,
 * which the caller recomputes from each copy's ids. No org_id: only that hash says which is meant.
 * Only for a notice without the send id; it reads every copy to these addresses.
 */
export const copiesTo = (db: Db, emails: string[]): Promise<Copy[]> =>
  emails.length === 0
    ? Promise.resolve([])
    : db
        .select(copyColumns)
        .from(mailingRecipients)
        .where(inArray(sql`lower(${mailingRecipients.email})`, emails))
        .orderBy(desc(mailingRecipients.mailingId))
        .limit(1000);

/** A copy that went out becomes `bounced` with the notice's words; false when it was not `sent` or `uncertain`. */
export async function markBounced(db: Db, copy: Copy, reason: string): Promise<boolean> {
  const rows = await db
    .update(mailingRecipients)
    .set({ status: 'bounced', reason: reason.slice(0, 500) })
    .where(
      and(
        eq(mailingRecipients.orgId, copy.orgId),
        eq(mailingRecipients.mailingId, copy.mailingId),
        eq(mailingRecipients.contactId, copy.contactId),
        inArray(mailingRecipients.status, ['sent', 'uncertain']),
      ),
    )
    .returning({ contactId: mailingRecipients.contactId });
  return rows.length > 0;
}

export async function suppressionOf(db: Db, orgId: string, email: string) {
  const [row] = await db
    .select({ reason: emailSuppressions.reason })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.orgId, orgId), eq(emailSuppressions.email, email.toLowerCase())));
  return row;
}

/** The status of the contact's latest consent record for the channel and purpose, if any. */
export async function latestConsentStatus(
  db: Db,
  orgId: string,
  contactId: number,
  channel: (typeof consents.$inferSelect)['channel'],
  purpose: string,
) {
  const [row] = await db
    .select({ status: consents.status })
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.contactId, contactId),
        eq(consents.channel, channel),
        eq(consents.purpose, purpose),
      ),
    )
    .orderBy(desc(consents.recordedAt), desc(consents.id))
    .limit(1);
  return row?.status;
}
