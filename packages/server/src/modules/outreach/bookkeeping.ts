import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../segments/index.ts';

/**
 * Where a kind of send keeps its state. The sends' table has org_id, id, status, scheduled_at,
 * lease_until, finished_at and updated_at (and wait_until when `waits`); the recipients' table has
 * org_id, its send's id in `sendColumn`, contact_id, status, attempts, retry_at and reason.
 */
export interface OutreachTables {
  sends: string;
  recipients: string;
  sendColumn: string;
  /** The send may wait (quiet hours, the next retry) with no sender until wait_until. */
  waits?: boolean;
}

/** A copy a sender has claimed: it is `sending` from now until the sender settles it. */
export interface ClaimedCopy {
  contactId: number;
  attempts: number;
}

/**
 * The bookkeeping every sending engine shares (mailings, SMS sends): one sender per send holds its
 * lease; copies are claimed (`sending`) before they go and settled after; copies a stopped sender left
 * in flight become `uncertain` and are never sent again; a send is `sent` once no copy is to go.
 */
export function outreachBookkeeping(tables: OutreachTables) {
  const sends = sql.identifier(tables.sends);
  const recipients = sql.identifier(tables.recipients);
  const sendColumn = sql.identifier(tables.sendColumn);
  const clearWait = tables.waits ? sql`, wait_until = null` : sql``;
  const copiesOf = (orgId: string, id: number) => sql`org_id = ${orgId} and ${sendColumn} = ${id}`;
  const changed = async (db: Db, statement: ReturnType<typeof sql>) => (await rowsOf(db, statement)).length > 0;

  return {
    /** Takes the lease of a send that is sending and whose lease is free or lapsed. */
    takeLease: (db: Db, orgId: string, id: number, seconds: number) =>
      changed(
        db,
        sql`update ${sends} set lease_until = now() + make_interval(secs => ${seconds})
            where org_id = ${orgId} and id = ${id} and status = 'sending'
              and (lease_until is null or lease_until < now()) returning id`,
      ),

    /** False once the send has been paused or cancelled: the sender stops after its batch. */
    renewLease: (db: Db, orgId: string, id: number, seconds: number) =>
      changed(
        db,
        sql`update ${sends} set lease_until = now() + make_interval(secs => ${seconds})${clearWait}
            where org_id = ${orgId} and id = ${id} and status = 'sending' returning id`,
      ),

    releaseLease: (db: Db, orgId: string, id: number) =>
      db.execute(sql`update ${sends} set lease_until = null where org_id = ${orgId} and id = ${id}`),

    /** Copies a stopped sender had in flight may have gone out: they are never sent again. */
    markInFlightUncertain: (db: Db, orgId: string, id: number) =>
      db.execute(sql`
        update ${recipients} set status = 'uncertain', reason = 'in flight when the sender stopped; not sent again'
        where ${copiesOf(orgId, id)} and status = 'sending'`),

    /**
     * Claims the next copies due, in contact order. The claim is committed before anything is sent,
     * so it is the record of the attempt.
     */
    claimBatch: (db: Db, orgId: string, id: number, limit: number) =>
      rowsOf<ClaimedCopy>(
        db,
        // The ids come from an array, so the update finds each copy by its key whatever the planner
        // believes about a table that was empty when it last looked.
        sql`update ${recipients} r set status = 'sending', attempts = r.attempts + 1
            where r.org_id = ${orgId} and r.${sendColumn} = ${id}
              and r.contact_id = any(array(
                select contact_id from ${recipients}
                where ${copiesOf(orgId, id)} and status = 'pending' and (retry_at is null or retry_at <= now())
                order by contact_id limit ${limit}
                for update skip locked))
            returning r.contact_id as "contactId", r.attempts`,
      ),

    /** Sent once no copy is pending or in flight; false while some wait for a retry. */
    finishIfDone: (db: Db, orgId: string, id: number) =>
      changed(
        db,
        sql`update ${sends} set status = 'sent', finished_at = now(), updated_at = now()${clearWait}
            where org_id = ${orgId} and id = ${id} and status = 'sending'
              and not exists (select 1 from ${recipients}
                              where ${copiesOf(orgId, id)} and status in ('pending', 'sending'))
            returning id`,
      ),

    /** Pending copies of a cancelled send will not go. */
    skipPending: (db: Db, orgId: string, id: number, reason: string) =>
      db.execute(sql`
        update ${recipients} set status = 'skipped', reason = ${reason}
        where ${copiesOf(orgId, id)} and status = 'pending'`),

    /**
     * Each send's copies per status, from `zero` up; `dated` also counts the copies with these
     * timestamps set (a mailing's opened_at and clicked_at).
     */
    async recipientCounts<Counts extends Record<string, number>>(
      db: Db,
      orgId: string,
      ids: number[],
      zero: Counts,
      dated: Partial<Record<keyof Counts & string, string>> = {},
    ): Promise<Map<number, Counts>> {
      const counts = new Map<number, Counts>();
      if (ids.length === 0) return counts;
      const also = Object.entries(dated).map(
        ([key, column]) => sql`, count(${sql.identifier(column!)}) as ${sql.identifier(key)}`,
      );
      const rows = await rowsOf<Record<string, string | number>>(
        db,
        sql`select ${sendColumn} as send_id, status, count(*) as n${sql.join(also)} from ${recipients}
            where org_id = ${orgId}
              and ${sendColumn} in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
            group by ${sendColumn}, status`,
      );
      for (const row of rows) {
        const id = Number(row.send_id);
        const entry: Record<string, number> = counts.get(id) ?? { ...zero };
        entry[row.status!] = Number(row.n);
        for (const key of Object.keys(dated)) entry[key]! += Number(row[key]);
        counts.set(id, entry as Counts);
      }
      return counts;
    },

    /** Instance-wide: scheduled sends whose time has come. */
    dueScheduled: (db: Db, now: Date) =>
      rowsOf<{ org_id: string; id: string | number }>(
        db,
        sql`select org_id, id from ${sends} where status = 'scheduled' and scheduled_at <= ${now.toISOString()}::timestamptz`,
      ),

    /** Instance-wide: sends sending with no sender (never started, or it stopped), and not waiting. */
    unattended: (db: Db) =>
      rowsOf<{ org_id: string; id: string | number }>(
        db,
        sql`select org_id, id from ${sends} where status = 'sending' and (lease_until is null or lease_until < now())
            ${tables.waits ? sql`and (wait_until is null or wait_until <= now())` : sql``}`,
      ),
  };
}
