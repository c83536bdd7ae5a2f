import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../segments/index.ts';

/**
 * Where a kind of send keeps its state. The sends' table has org_id, id, status, scheduled_at,
 * finished_at and updated_at (and wait_until when `waits`); the recipients' table has org_id, its
 * send's id in `sendColumn`, contact_id, status, attempts, retry_at, sender_slot and reason. Senders
 * hold their slots in send_leases (tables.ts).
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

/** A sender's hold on one slot of a send: renewed every batch, released when it stops. */
export interface Lease {
  slot: number;
  holder: string;
}

/**
 * The bookkeeping every sending engine shares (mailings, SMS sends): each sender of a send holds one of
 * its slots (as many senders at once as the send allows); copies are claimed (`sending`, with the
 * sender's slot) before they go and settled after; copies a stopped sender left in flight become
 * `uncertain` and are never sent again; a send is `sent` once no copy is to go.
 */
export function outreachBookkeeping(tables: OutreachTables) {
  const sends = sql.identifier(tables.sends);
  const recipients = sql.identifier(tables.recipients);
  const sendColumn = sql.identifier(tables.sendColumn);
  const clearWait = tables.waits ? sql`, wait_until = null` : sql``;
  const copiesOf = (orgId: string, id: number) => sql`org_id = ${orgId} and ${sendColumn} = ${id}`;
  const leasesOf = (orgId: string, id: number) =>
    sql`l.org_id = ${orgId} and l.sends = ${tables.sends} and l.send_id = ${id}`;
  const changed = async (db: Db, statement: ReturnType<typeof sql>) => (await rowsOf(db, statement)).length > 0;

  /** Takes this slot of a send that is sending, if the slot is free or its lease lapsed. */
  const takeSlot = (db: Db, orgId: string, id: number, slot: number, holder: string, seconds: number) =>
    changed(
      db,
      sql`insert into send_leases as l (org_id, sends, send_id, slot, holder, lease_until)
          select ${orgId}, ${tables.sends}, ${id}, ${slot}, ${holder}, now() + make_interval(secs => ${seconds})
          where exists (select 1 from ${sends} where org_id = ${orgId} and id = ${id} and status = 'sending')
          on conflict (org_id, sends, send_id, slot) do update
            set holder = excluded.holder, lease_until = excluded.lease_until
            where l.lease_until < now()
          returning slot`,
    );

  return {
    /**
     * Takes the first free (or lapsed) of the send's `slots` slots; undefined when every slot has a
     * live sender or the send is not sending.
     */
    async takeLease(db: Db, orgId: string, id: number, seconds: number, slots = 1): Promise<Lease | undefined> {
      const holder = randomUUID();
      for (let slot = 0; slot < slots; slot++) {
        if (await takeSlot(db, orgId, id, slot, holder, seconds)) return { slot, holder };
      }
      return undefined;
    },

    /** False once the send has been paused or cancelled, or another sender took the slot over. */
    renewLease: (db: Db, orgId: string, id: number, lease: Lease, seconds: number) =>
      changed(
        db,
        sql`with send as (${tables.waits ? sql`update ${sends} set wait_until = null` : sql`select id from ${sends}`}
                          where org_id = ${orgId} and id = ${id} and status = 'sending'${tables.waits ? sql` returning id` : sql``})
            update send_leases l set lease_until = now() + make_interval(secs => ${seconds})
            where ${leasesOf(orgId, id)} and l.slot = ${lease.slot} and l.holder = ${lease.holder}
              and exists (select 1 from send)
            returning l.slot`,
      ),

    releaseLease: (db: Db, orgId: string, id: number, lease: Lease) =>
      db.execute(sql`delete from send_leases l
                     where ${leasesOf(orgId, id)} and l.slot = ${lease.slot} and l.holder = ${lease.holder}`),

    /**
     * Copies a stopped sender had in flight may have gone out: they are never sent again. Those are the
     * copies in flight in the slot just taken, and in any slot without a live sender.
     */
    markInFlightUncertain: (db: Db, orgId: string, id: number, lease: Lease) =>
      db.execute(sql`
        update ${recipients} r set status = 'uncertain', reason = 'in flight when the sender stopped; not sent again'
        where r.org_id = ${orgId} and r.${sendColumn} = ${id} and r.status = 'sending'
          and (coalesce(r.sender_slot, 0) = ${lease.slot}
               or not exists (select 1 from send_leases l
                              where ${leasesOf(orgId, id)} and l.slot = coalesce(r.sender_slot, 0)
                                and l.lease_until >= now()))`),

    /**
     * Claims the next copies due, in contact order, for this sender's slot. Senders of the same send
     * skip each other's rows. The claim is committed before anything is sent, so it is the record of
     * the attempt.
     */
    claimBatch: (db: Db, orgId: string, id: number, lease: Lease, limit: number) =>
      rowsOf<ClaimedCopy>(
        db,
        // The ids come from an array, so the update finds each copy by its key whatever the planner
        // believes about a table that was empty when it last looked.
        sql`update ${recipients} r set status = 'sending', attempts = r.attempts + 1, sender_slot = ${lease.slot}
            where r.org_id = ${orgId} and r.${sendColumn} = ${id}
              and r.contact_id = any(array(
                select contact_id from ${recipients}
                where ${copiesOf(orgId, id)} and status = 'pending' and (retry_at is null or retry_at <= now())
                order by contact_id limit ${limit}
                for update skip locked))
              and r.status = 'pending'
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

    /**
     * Instance-wide: sends sending with fewer live senders than `slots` (never started, or some
     * stopped), and not waiting; `free` is how many more senders each may take.
     */
    unattended: (db: Db, slots = 1) =>
      rowsOf<{ org_id: string; id: string | number; free: string | number }>(
        db,
        sql`select s.org_id, s.id, ${slots} - count(l.slot) as free from ${sends} s
            left join send_leases l on l.org_id = s.org_id and l.sends = ${tables.sends} and l.send_id = s.id
              and l.slot < ${slots} and l.lease_until >= now()
            where s.status = 'sending'
            ${tables.waits ? sql`and (s.wait_until is null or s.wait_until <= now())` : sql``}
            group by s.org_id, s.id having count(l.slot) < ${slots}`,
      ),
  };
}
