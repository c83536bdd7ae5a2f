import type { Db } from '../../db/client.ts';
import { firstEntriesOf } from '../ledger/index.ts';

export interface Tracking {
  code: string;
  leafIndex: number | null;
}

/** Rows of one kind with their entry's tracking code and leaf index. */
export async function withTracking<T extends { id: number }>(
  db: Db,
  orgId: string,
  subjectType: string,
  rows: T[],
): Promise<(T & { tracking: Tracking | null })[]> {
  const entries = await firstEntriesOf(
    db,
    orgId,
    subjectType,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const e = entries.get(r.id);
    return { ...r, tracking: e ? { code: e.code, leafIndex: e.leafIndex } : null };
  });
}

/** The fields every presented movement has: its entry, and whether it was voided. */
export const trackedFields = (t: Tracking | null, voidedAt: Date | null) => ({
  trackingCode: t?.code ?? null,
  leafIndex: t?.leafIndex ?? null,
  voidedAt: voidedAt?.toISOString() ?? null,
});
