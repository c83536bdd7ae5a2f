import { sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import type { ConsentChannel } from '../consent/index.ts';
import {
  compileContext,
  contactQuery,
  getSegment,
  matchCondition,
  rowsOf,
  segmentDefinition,
  type SegmentNode,
} from '../segments/index.ts';
import type { MailingAudience } from './schemas.ts';

/** The current consent of contact `c` for the channel and purpose: its latest record. SMS sends use it too. */
export const latestConsent = (channel: ConsentChannel, purpose: string) =>
  sql`(select k.status from consents k
        where k.org_id = c.org_id and k.contact_id = c.id and k.channel = ${channel} and k.purpose = ${purpose}
        order by k.recorded_at desc, k.id desc limit 1)`;

const latestEmailConsent = (purpose: string) => latestConsent('email', purpose);

const suppressed = (email: SQL) =>
  sql`exists (select 1 from email_suppressions s where s.org_id = c.org_id and s.email = lower(${email}))`;

/** Contact `c` may be mailed for the purpose: an address, consent, and not suppressed. */
export const reachable = (purpose: string) =>
  sql`(coalesce(c.email, '') <> '' and ${latestEmailConsent(purpose)} = 'granted' and not ${suppressed(sql`c.email`)})`;

/** The audience as a condition over `contacts c`: in any of the segments, or with any of the tags. SMS sends use it too. */
export async function audienceCondition(
  db: Db,
  clock: Clock,
  ctx: OrgContext,
  audience: MailingAudience,
): Promise<SQL> {
  const any: SegmentNode[] = [];
  for (const [i, id] of audience.segmentIds.entries()) {
    try {
      any.push(segmentDefinition(await getSegment(db, ctx, id)));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      const path = `audience.segmentIds.${i}`;
      throw new AppError('VALIDATION_FAILED', 'This segment does not exist', [{ path, message: 'no such segment' }]);
    }
  }
  for (const tag of audience.tags) any.push({ field: 'tag', op: 'has', tag });
  if (any.length === 0) return sql`false`;
  return matchCondition(ctx.org.id, contactQuery(compileContext(ctx, clock), {}, { any }));
}

export async function countAudience(db: Db, clock: Clock, ctx: OrgContext, audience: MailingAudience, purpose: string) {
  const where = await audienceCondition(db, clock, ctx, audience);
  const [row] = await rowsOf<{ contacts: string | number; reachable: string | number }>(
    db,
    sql`select count(*) as contacts, count(*) filter (where ${reachable(purpose)}) as reachable
        from contacts c where ${where}`,
  );
  return { contacts: Number(row?.contacts ?? 0), reachable: Number(row?.reachable ?? 0) };
}

/** Writes one pending copy per reachable contact; the audience is fixed from then on. Returns how many. */
export async function listRecipients(db: Db, orgId: string, mailingId: number, where: SQL, purpose: string) {
  const rows = await rowsOf<{ n: string | number }>(
    db,
    sql`with listed as (
          insert into mailing_recipients (org_id, mailing_id, contact_id, email)
          select c.org_id, ${mailingId}, c.id, c.email from contacts c where ${where} and ${reachable(purpose)}
          on conflict do nothing returning 1)
        select count(*) as n from listed`,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface Deliverable {
  contactId: number;
  name: string | null;
  email: string;
  /** Why this copy must not go out now, if it must not. */
  skip: string | null;
}

/**
 * Just before a batch goes out: each copy's contact is read again, so an unsubscribe, an erasure, a
 * changed address or a new suppression made during the send is honoured at once.
 */
export async function deliverable(db: Db, orgId: string, mailingId: number, purpose: string, contactIds: number[]) {
  return rowsOf<Deliverable>(
    db,
    sql`select r.contact_id as "contactId", c.name, r.email,
          case
            when c.erased_at is not null or c.merged_into_id is not null then 'contact erased or merged'
            when lower(coalesce(c.email, '')) <> lower(r.email) then 'address changed since the send started'
            when ${latestEmailConsent(purpose)} is distinct from 'granted' then 'consent withdrawn'
            when ${suppressed(sql`r.email`)} then 'address suppressed'
          end as skip
        from mailing_recipients r join contacts c on c.org_id = r.org_id and c.id = r.contact_id
        where r.org_id = ${orgId} and r.mailing_id = ${mailingId}
          and r.contact_id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb))`,
  );
}
