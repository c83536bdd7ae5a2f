import {
  bytesEqual,
  consistencyProofFromTiles,
  decodeEntryBundle,
  ed25519NoteVerifier,
  entryBundlePath,
  merkleRoot,
  openCheckpoint,
  TILE_WIDTH,
  treeRootFromTiles,
  verifyConsistency,
  type Checkpoint,
} from '@commonweal/ledger';
import { asc } from 'drizzle-orm';
import type { LogStorage } from '../adapters/log-storage.ts';
import type { Db } from '../db/client.ts';
import { leafHash } from '../modules/ledger/materialize.ts';
import { logTiles } from '../modules/ledger/log-tiles.ts';
import { readLogState } from '../modules/ledger/log-state.ts';
import { selectEntries } from '../modules/ledger/entries.ts';
import { ledgerLeaves } from '../modules/ledger/tables.ts';

/**
 * Checks a log in storage against the database, the way an outside verifier and an auditor would:
 * the stored checkpoint verifies with the log's key; the tree recomputed from the entry bundles and
 * the tiles both give its root; the logged entries are exactly the database rows' bodies, in leaf
 * order, and every row is logged. Returns the checkpoint.
 */
export async function checkLogAgainstDatabase(db: Db, storage: LogStorage): Promise<Checkpoint & { codes: string[] }> {
  const state = await readLogState(db);
  if (!state) throw new Error('no log state');
  const note = await storage.read('checkpoint');
  if (!note) throw new Error('no checkpoint in storage');
  const { checkpoint } = await openCheckpoint(note, [ed25519NoteVerifier(state.verifierKey)], state.origin);
  const size = Number(checkpoint.size);

  const logged: Uint8Array[] = [];
  for (let n = 0; n * TILE_WIDTH < size; n++) {
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const bundle = await storage.read(entryBundlePath(BigInt(n), width));
    if (!bundle) throw new Error(`missing ${entryBundlePath(BigInt(n), width)}`);
    logged.push(...decodeEntryBundle(bundle));
  }
  if (logged.length !== size) throw new Error(`bundles hold ${logged.length} entries, checkpoint says ${size}`);
  if (!bytesEqual(merkleRoot(logged.map(leafHash)), checkpoint.rootHash)) {
    throw new Error('the entry bundles do not give the signed root');
  }
  const tiles = logTiles(storage);
  if (!bytesEqual(await treeRootFromTiles(tiles.readerAt(checkpoint.size), checkpoint.size), checkpoint.rootHash)) {
    throw new Error('the tiles do not give the signed root');
  }

  // Leaf indexes are instance-wide: the whole outbox, every organization.
  const rows = await selectEntries(db).orderBy(asc(ledgerLeaves.leafIndex));
  if (rows.length !== size) throw new Error(`the database holds ${rows.length} entries, the log ${size}`);
  const decoder = new TextDecoder();
  rows.forEach((row, i) => {
    if (row.leafIndex !== i) throw new Error(`row ${row.code} has leaf index ${row.leafIndex}, expected ${i}`);
    if (row.body !== decoder.decode(logged[i])) throw new Error(`leaf ${i} differs from its database row`);
  });
  return { ...checkpoint, codes: rows.map((r) => r.code) };
}

/** Verifies that the log in storage is consistent with an earlier checkpoint (no fork, no rewrite). */
export async function checkConsistentWith(storage: LogStorage, earlier: Checkpoint, later: Checkpoint): Promise<void> {
  if (earlier.size === 0n) return;
  const proof = await consistencyProofFromTiles(logTiles(storage).readerAt(later.size), earlier.size, later.size);
  verifyConsistency(earlier.size, later.size, proof, earlier.rootHash, later.rootHash);
}
