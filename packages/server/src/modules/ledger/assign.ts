import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readLogState } from './log-state.ts';
import { canonicalEntry, entryObject } from './outbox.ts';
import { ledgerLog } from './tables.ts';

/** The log's assigned size after a round, and the canonical bodies of leaves [from, size) numbered in it. */
export interface AssignedLeaves {
  size: number;
  from: number;
  bodies: string[];
}

interface PendingRow {
  org_id: string;
  id: number;
  code: string;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Step 1 of integration: takes up to `limit` outbox rows off the queue, oldest first, and inserts their
 * leaves (the next leaf indexes, and their canonical bytes), in one transaction holding the log's row. The database decides the order;
 * the tiles are then a function of these rows alone. Returns the new assigned size, and the bodies just
 * fixed (committed when this returns), so that the caller need not read them back.
 */
export async function assignLeaves(db: Db, limit: number): Promise<AssignedLeaves> {
  return db.transaction(async (tx) => {
    // Even if the server or a session runs with synchronous_commit off, this commit waits for its WAL
    // flush, and WAL is flushed in order: the business rows numbered here (committed earlier) are durable
    // once this returns, before anything is signed over them.
    await tx.execute(sql`set local synchronous_commit to on`);
    const state = await readLogState(tx, { forUpdate: true });
    if (!state) throw new Error('the ledger log has not been created');
    // The queue is instance-wide: the one log orders every organization's entries. Rows leave it in
    // this transaction, which numbers them.
    // By ctid and a lateral lookup, so that each row is found through an index whatever the planner
    // guesses of the queue's length: never a scan of the queue or of the whole outbox.
    const pending = (await tx.execute(sql`
      with taken as (
        delete from ledger_pending
        where ctid = any(array(select ctid from ledger_pending order by id limit ${limit}))
        returning id, org_id)
      select e.org_id, e.id, e.code, e.type, e.payload
      from taken cross join lateral (
        select * from ledger_entries e where e.org_id = taken.org_id and e.id = taken.id) e
      order by e.id`)) as unknown as { rows: PendingRow[] };
    if (pending.rows.length === 0) return { size: state.assignedSize, from: state.assignedSize, bodies: [] };
    const from = state.assignedSize;
    const rows = pending.rows;
    const assigned = rows.map((r, i) => ({
      org_id: r.org_id,
      id: r.id,
      leaf_index: from + i,
      body: canonicalEntry(entryObject({ orgId: r.org_id, code: r.code, type: r.type, payload: r.payload })),
    }));
    // A few bytes a leaf, inserted: the wide outbox row is not rewritten.
    await tx.execute(sql`
      insert into ledger_leaves (leaf_index, org_id, entry_id, body)
      select leaf_index, org_id, id, body
      from json_to_recordset(${JSON.stringify(assigned)}::json) as v(org_id uuid, id bigint, leaf_index bigint, body text)`);
    const assignedSize = from + rows.length;
    await tx.update(ledgerLog).set({ assignedSize }).where(eq(ledgerLog.id, 1));
    return { size: assignedSize, from, bodies: assigned.map((a) => a.body) };
  });
}
