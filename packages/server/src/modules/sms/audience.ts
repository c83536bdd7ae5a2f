import { sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { audienceCondition, latestConsent, type MailingAudience } from '../mailings/index.ts';
import { rowsOf } from '../segments/index.ts';

/** A mainland mobile number in E.164: +86 1[3-9] and nine digits. */
const MAINLAND_MOBILE = '^\\+861[3-9][0-9]{9}$';

/**
 * Contact `c` may be texted for the purpose: a phone that is not a mainland landline, and SMS consent.
 * Other countries' numbers are checked with libphonenumber just before sending; a landline is skipped
 * there, with its reason.
 */
const reachable = (purpose: string) =>
  sql`(coalesce(c.phone, '') <> '' and (c.phone not like '+86%' or c.phone ~ ${MAINLAND_MOBILE})
       and ${latestConsent('sms', purpose)} = 'granted')`;

export async function countAudience(db: Db, clock: Clock, ctx: OrgContext, audience: MailingAudience, purpose: string) {
  const where = await audienceCondition(db, clock, ctx, audience);
  const [row] = await rowsOf<{ contacts: string | number; reachable: string | number }>(
    db,
    sql`select count(*) as contacts, count(*) filter (where ${reachable(purpose)}) as reachable
        from contacts c where ${where}`,
  );
  return { contacts: Number(row?.contacts ?? 0), reachable: Number(row?.reachable ?? 0) };
}

/** Writes one pending copy per reachable contact; the audience is fixed from then on. */
export async function listRecipients(db: Db, orgId: string, sendId: number, where: SQL, purpose: string) {
  await db.execute(sql`
    insert into sms_recipients (org_id, send_id, contact_id, phone)
    select c.org_id, ${sendId}, c.id, c.phone from contacts c where ${where} and ${reachable(purpose)}
    on conflict do nothing`);
}

export interface Textable {
  contactId: number;
  name: string | null;
  phone: string;
  /** Why this copy must not go out now, if it must not. */
  skip: string | null;
}

/** Just before a batch goes out: an opt-out, an erasure or a changed number during the send is honoured at once. */
export const textable = (db: Db, orgId: string, sendId: number, purpose: string, contactIds: number[]) =>
  rowsOf<Textable>(
    db,
    sql`select r.contact_id as "contactId", c.name, r.phone,
          case
            when c.erased_at is not null or c.merged_into_id is not null then 'contact erased or merged'
            when coalesce(c.phone, '') <> r.phone then 'number changed since the send started'
            when ${latestConsent('sms', purpose)} is distinct from 'granted' then 'consent withdrawn'
          end as skip
        from sms_recipients r join contacts c on c.org_id = r.org_id and c.id = r.contact_id
        where r.org_id = ${orgId} and r.send_id = ${sendId}
          and r.contact_id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb))`,
  );
