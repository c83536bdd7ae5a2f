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
 * Step 1 of integration: gives up to `limit` outbox rows, oldest first, the next leaf indexes and fixes
 * their canonical bytes, in one transaction holding the log's row. The database decides the order;
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
    // The queue is instance-wide: the one log orders every organization's entries.
    const pending = (await tx.execute(sql`
      select org_id, id, code, type, payload from ledger_entries
      where leaf_index is null order by id limit ${limit}`)) as unknown as { rows: PendingRow[] };
    if (pending.rows.length === 0) return { size: state.assignedSize, from: state.assignedSize, bodies: [] };
    const from = state.assignedSize;
    const rows = pending.rows;
    const assigned = rows.map((r, i) => ({
      org_id: r.org_id,
      id: r.id,
      leaf_index: from + i,
      body: canonicalEntry(entryObject({ orgId: r.org_id, code: r.code, type: r.type, payload: r.payload })),
    }));
    await tx.execute(sql`
      update ledger_entries e set leaf_index = v.leaf_index, body = v.body
      from json_to_recordset(${JSON.stringify(assigned)}::json) as v(org_id uuid, id bigint, leaf_index bigint, body text)
      where e.org_id = v.org_id and e.id = v.id`);
    const assignedSize = from + rows.length;
    await tx.update(ledgerLog).set({ assignedSize }).where(eq(ledgerLog.id, 1));
    return { size: assignedSize, from, bodies: assigned.map((a) => a.body) };
  });
}
