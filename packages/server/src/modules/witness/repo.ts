import { and, eq, sql } from 'drizzle-orm';
import { base64Decode, base64Encode, type WitnessStore } from '@commonweal/ledger';
import type { Db } from '../../db/client.ts';
import { witnessedLogs, witnessIdentity } from './tables.ts';

// Both tables are instance-level (see tables.ts), so no query here takes an org_id.

/**
 * The witness's state in the database. `replace` is one conditional statement (insert-or-update where
 * the size is still the expected one), so two concurrent submissions cannot both advance from one size.
 */
export function witnessStore(db: Db, verifierKeyOf: (origin: string) => string, now: () => Date): WitnessStore {
  return {
    async latest(origin) {
      const [row] = await db
        .select({ size: witnessedLogs.size, rootHash: witnessedLogs.rootHash })
        .from(witnessedLogs)
        .where(eq(witnessedLogs.origin, origin));
      return row ? { size: BigInt(row.size), rootHash: base64Decode(row.rootHash) } : undefined;
    },
    async replace(origin, expectedSize, next) {
      const values = {
        verifierKey: verifierKeyOf(origin),
        size: next.size.toString(),
        rootHash: base64Encode(next.rootHash),
        checkpoint: next.checkpoint,
        updatedAt: now(),
      };
      const returning = { origin: witnessedLogs.origin };
      const rows =
        expectedSize === 0n
          ? await db
              .insert(witnessedLogs)
              .values({ origin, ...values })
              .onConflictDoUpdate({
                target: witnessedLogs.origin,
                set: values,
                setWhere: sql`${witnessedLogs.size} = 0`,
              })
              .returning(returning)
          : await db
              .update(witnessedLogs)
              .set(values)
              .where(and(eq(witnessedLogs.origin, origin), eq(witnessedLogs.size, expectedSize.toString())))
              .returning(returning);
      return rows.length === 1;
    },
  };
}

/** The stored cosigner key, creating it with `make` when there is none (concurrent first uses agree on one). */
export async function storedWitnessKey(
  db: Db,
  make: () => Promise<{ signerKey: string; verifierKey: string }>,
): Promise<{ signerKey: string; verifierKey: string }> {
  const read = () => db.select().from(witnessIdentity).where(eq(witnessIdentity.id, 1));
  const [existing] = await read();
  if (existing) return existing;
  await db
    .insert(witnessIdentity)
    .values({ id: 1, ...(await make()) })
    .onConflictDoNothing();
  const [created] = await read();
  return created!;
}

/** Every log this witness has cosigned, for the public list. */
export async function listWitnessedLogs(db: Db) {
  return db
    .select({
      origin: witnessedLogs.origin,
      size: witnessedLogs.size,
      rootHash: witnessedLogs.rootHash,
      updatedAt: witnessedLogs.updatedAt,
    })
    .from(witnessedLogs)
    .orderBy(witnessedLogs.origin);
}
