import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ledgerEntries, ledgerLeaves } from './tables.ts';

/**
 * Outbox rows with their place in the log: leafIndex and body (the logged bytes) are null until the
 * integrator has numbered the row.
 */
export const selectEntries = (db: Db) =>
  db
    .select({ ...getTableColumns(ledgerEntries), leafIndex: ledgerLeaves.leafIndex, body: ledgerLeaves.body })
    .from(ledgerEntries)
    .leftJoin(
      ledgerLeaves,
      and(eq(ledgerLeaves.orgId, ledgerEntries.orgId), eq(ledgerLeaves.entryId, ledgerEntries.id)),
    );

export type LedgerEntryRow = Awaited<ReturnType<typeof selectEntries>>[number];

/** A business row's entries, oldest first: its first event, then any corrections. */
export async function entriesOfSubject(db: Db, orgId: string, subjectType: string, subjectId: number) {
  return selectEntries(db)
    .where(
      and(
        eq(ledgerEntries.orgId, orgId),
        eq(ledgerEntries.subjectType, subjectType),
        eq(ledgerEntries.subjectId, subjectId),
      ),
    )
    .orderBy(asc(ledgerEntries.id));
}

/** The first entry of each of the given rows (its tracking code and place in the log), by row id. */
export async function firstEntriesOf(db: Db, orgId: string, subjectType: string, subjectIds: number[]) {
  const found = new Map<number, { code: string; leafIndex: number | null; openings: Record<string, string> | null }>();
  if (subjectIds.length === 0) return found;
  const rows = await db
    .select({
      subjectId: ledgerEntries.subjectId,
      code: ledgerEntries.code,
      leafIndex: ledgerLeaves.leafIndex,
      openings: ledgerEntries.openings,
    })
    .from(ledgerEntries)
    .leftJoin(
      ledgerLeaves,
      and(eq(ledgerLeaves.orgId, ledgerEntries.orgId), eq(ledgerLeaves.entryId, ledgerEntries.id)),
    )
    .where(
      and(
        eq(ledgerEntries.orgId, orgId),
        eq(ledgerEntries.subjectType, subjectType),
        inArray(ledgerEntries.subjectId, subjectIds),
      ),
    )
    .orderBy(asc(ledgerEntries.id));
  for (const r of rows) if (!found.has(r.subjectId)) found.set(r.subjectId, r);
  return found;
}

/** An entry by its public tracking code, in any organization of the instance. */
export async function entryByCode(db: Db, code: string) {
  // Tracking codes are unique in the instance; the public /t/<code> page has no organization yet.
  const [row] = await selectEntries(db).where(eq(ledgerEntries.code, code));
  return row;
}

/**
 * Serializes every movement of an organization's money and goods: balances are checked and written
 * under this lock, so two concurrent spends cannot both see the same balance.
 */
export async function lockFundsOf(db: Db, orgId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`commonweal.funds:${orgId}`}))`);
}

/**
 * Erasure: the salts that open the donor commitments of a contact's gifts are deleted, so nobody,
 * the organization included, can show any more that those entries name this person.
 */
export async function forgetDonorOpenings(db: Db, orgId: string, contactId: number) {
  await db.execute(sql`update ledger_entries set openings = openings - 'donor'
    where org_id = ${orgId} and subject_type = 'gift' and openings ? 'donor'
      and subject_id in (select id from gifts where org_id = ${orgId} and contact_id = ${contactId})`);
}
