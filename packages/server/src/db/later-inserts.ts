import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** An INSERT … SELECT of rows passed as one JSON array (the statement's only parameter). */
export type JsonInsert = (rowsJson: string) => SQL;

const pendingByTransaction = new WeakMap<Db, Map<JsonInsert, unknown[]>>();

/**
 * Writes rows now, or, inside insertsAtEnd(tx, …) on the same transaction, with the other rows held
 * there, all in one statement at the end. For log-like rows nothing reads back in the meantime (audit
 * events, timeline lines): a batch of gifts wrote eight such statements, each a round trip.
 * `insert` must be one function per statement (a module constant), so that its rows go together.
 */
export async function insertLater(db: Db, insert: JsonInsert, rows: readonly unknown[]): Promise<void> {
  if (rows.length === 0) return;
  const pending = pendingByTransaction.get(db);
  if (!pending) {
    await db.execute(insert(JSON.stringify(rows)));
    return;
  }
  const held = pending.get(insert);
  if (held) held.push(...rows);
  else pending.set(insert, [...rows]);
}

/**
 * Runs `work` in the transaction `tx`, holding back what it gives insertLater(tx, …) until it is done,
 * then writes it all in one statement (one data-modifying CTE per kind of row). If `work` throws,
 * nothing held is written and the caller's transaction rolls back as usual.
 */
export async function insertsAtEnd<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  if (pendingByTransaction.has(tx)) return work();
  const pending = new Map<JsonInsert, unknown[]>();
  pendingByTransaction.set(tx, pending);
  try {
    const result = await work();
    const inserts = [...pending].map(([insert, rows]) => insert(JSON.stringify(rows)));
    if (inserts.length === 1) await tx.execute(inserts[0]!);
    else if (inserts.length > 1) {
      const ctes = inserts.map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert})`);
      await tx.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
    }
    return result;
  } finally {
    pendingByTransaction.delete(tx);
  }
}
