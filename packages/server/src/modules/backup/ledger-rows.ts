import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './sql.ts';

/**
 * Outbox rows of a restored organization. A restore makes a new organization, so its entries are
 * new to this instance's log: they keep their payloads and openings (every commitment still opens,
 * and `ledger audit` still matches them to their rows) but lose their place in the source log
 * (their leaves stay behind, and correctsLeaf, which named a leaf of that log, is cleared); the integrator logs them
 * again under the new organization. Tracking codes are kept, so donors' receipts still work after
 * a move to a new instance; only a code already used here (a copy beside its original) gets a new
 * one, and every payload that names it is rewritten.
 */
export async function rebaseLedgerRows(tx: Db, rows: Record<string, unknown>[], renamed: Map<string, string>) {
  const codes = rows.map((r) => String(r.code));
  const taken = new Set(
    rowsOf<{ code: string }>(
      await tx.execute(sql`select code from ledger_entries
        where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`),
    ).map((r) => r.code),
  );
  const fresh = rowsOf<{ code: string }>(
    await tx.execute(sql`select ledger_tracking_code() as code from generate_series(1, ${taken.size}::int)`),
  ).map((r) => r.code);
  for (const row of rows) {
    const code = String(row.code);
    if (taken.has(code)) {
      renamed.set(code, fresh.pop()!);
      row.code = renamed.get(code);
    }
    row.payload = rewriteCodes(row.payload, renamed);
  }
}

function rewriteCodes(value: unknown, renamed: Map<string, string>): unknown {
  if (typeof value === 'string') return renamed.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewriteCodes(v, renamed));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'correctsLeaf' ? null : rewriteCodes(v, renamed)]),
    );
  }
  return value;
}
