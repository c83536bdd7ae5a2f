import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { logKeys } from './log-key.ts';
import { ledgerLog } from './tables.ts';

/** The log's row: its identity, how far rows are numbered, and the latest signed checkpoint. */
export interface LogState {
  origin: string;
  signerKey: string;
  verifierKey: string;
  assignedSize: number;
  durableSize: number;
  checkpoint: string | null;
  rootHash: string | null;
  cosignedCheckpoint: string | null;
}

const columns = {
  origin: ledgerLog.origin,
  signerKey: ledgerLog.signerKey,
  verifierKey: ledgerLog.verifierKey,
  assignedSize: ledgerLog.assignedSize,
  durableSize: ledgerLog.durableSize,
  checkpoint: ledgerLog.checkpoint,
  rootHash: ledgerLog.rootHash,
  cosignedCheckpoint: ledgerLog.cosignedCheckpoint,
};

// The log is one per instance, not per organization: these queries have no org_id on purpose.
export async function readLogState(db: Db, options: { forUpdate?: boolean } = {}): Promise<LogState | undefined> {
  const query = db.select(columns).from(ledgerLog).where(eq(ledgerLog.id, 1));
  const [state] = options.forUpdate ? await query.for('update') : await query;
  return state;
}

/**
 * Creates the log's row on first start, with a new key unless one is configured. Later starts keep the
 * stored origin (a log's identity never changes); a configured key replaces the stored one.
 */
export async function ensureLogState(db: Db, origin: string, configuredSignerKey?: string): Promise<LogState> {
  const existing = await readLogState(db);
  if (!existing) {
    const keys = await logKeys(origin, configuredSignerKey);
    await db
      .insert(ledgerLog)
      .values({ id: 1, origin, ...keys })
      .onConflictDoNothing();
    return (await readLogState(db))!;
  }
  if (configuredSignerKey && configuredSignerKey !== existing.signerKey) {
    const keys = await logKeys(existing.origin, configuredSignerKey);
    await db
      .update(ledgerLog)
      .set({ ...keys, updatedAt: sql`now()` })
      .where(eq(ledgerLog.id, 1));
    return { ...existing, ...keys };
  }
  return existing;
}

/** Records a checkpoint made durable in storage; a smaller one never replaces a larger one. */
export async function recordCheckpoint(
  db: Db,
  checkpoint: { size: number; note: string; rootHash: string },
): Promise<void> {
  await db
    .update(ledgerLog)
    .set({
      durableSize: checkpoint.size,
      checkpoint: checkpoint.note,
      rootHash: checkpoint.rootHash,
      // Unless it is the same checkpoint again (reconciliation), its cosignatures were for an older one.
      cosignedCheckpoint: sql`case when ${ledgerLog.checkpoint} = ${checkpoint.note} then ${ledgerLog.cosignedCheckpoint} end`,
      updatedAt: sql`now()`,
    })
    .where(sql`${ledgerLog.id} = 1 and ${ledgerLog.durableSize} <= ${checkpoint.size}`);
}

/**
 * Records the witnesses' cosignatures of `note`, as `cosigned` (the note with their lines added), if `note`
 * is still the latest checkpoint; returns whether it was. A checkpoint signed meanwhile has none yet.
 */
export async function recordCosignedCheckpoint(db: Db, note: string, cosigned: string): Promise<boolean> {
  const updated = await db
    .update(ledgerLog)
    .set({ cosignedCheckpoint: cosigned })
    .where(sql`${ledgerLog.id} = 1 and ${ledgerLog.checkpoint} = ${note}`)
    .returning({ id: ledgerLog.id });
  return updated.length > 0;
}
