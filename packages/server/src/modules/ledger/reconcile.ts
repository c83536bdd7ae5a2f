import {
  bytesEqual,
  ed25519NoteVerifier,
  entryBundlePath,
  hexDecode,
  hexEncode,
  openCheckpoint,
  tilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  tileWidthAt,
  treeRootFromTiles,
  type Checkpoint,
} from '@commonweal/ledger';
import { sql } from 'drizzle-orm';
import type { LogStorage } from '../../adapters/log-storage.ts';
import type { Database, Db } from '../../db/client.ts';
import type { LedgerLog } from './log.ts';
import { readLogState, recordCheckpoint, type LogState } from './log-state.ts';
import { LogIntegrityError, writeTiles } from './materialize.ts';

/** What reconciliation found and repaired, for the log and the tests. */
export interface ReconcileReport {
  adoptedCheckpoint: boolean;
  rebuiltTiles: boolean;
  rewroteCheckpoint: boolean;
}

const REBUILD_CHUNK = 65_536;

/**
 * Brings the database and the log storage back into agreement after any crash, before integration
 * resumes: storage ahead (a checkpoint written but not recorded) is adopted once the tiles behind it
 * are rewritten from the rows and give its root; missing or damaged tiles are rewritten from the rows;
 * a stale or missing checkpoint file is rewritten from the database. Tiles for rows numbered but not
 * yet signed are rewritten by the next integration round. Anything that would need a different tree
 * than the signed one (lost or altered rows) stops with LogIntegrityError, and nothing is signed.
 */
export async function reconcileLog(database: Database, log: LedgerLog): Promise<ReconcileReport> {
  const { db } = database;
  const { storage } = log.tiles;
  await storage.cleanUp();
  let state = await readLogState(db);
  if (!state) throw new Error('the ledger log has not been created');
  await checkNumbering(db, state);

  const stored = await storedCheckpoint(storage, state);
  const adoptedCheckpoint = stored !== undefined && Number(stored.checkpoint.size) > state.durableSize;
  if (adoptedCheckpoint) {
    const size = Number(stored.checkpoint.size);
    if (size > state.assignedSize) {
      throw new LogIntegrityError(
        `the published checkpoint covers ${size} entries but the database numbers only ${state.assignedSize}`,
      );
    }
    await writeTiles(db, log.tiles, state.durableSize, size);
    await expectRoot(log, size, stored.checkpoint.rootHash);
    await recordCheckpoint(db, { size, note: stored.note, rootHash: hexEncode(stored.checkpoint.rootHash) });
    state = (await readLogState(db))!;
  }

  let rebuiltTiles = false;
  if (state.rootHash) {
    const root = hexDecode(state.rootHash);
    if (!(await tilesComplete(storage, state.durableSize)) || !(await rootMatches(log, state.durableSize, root))) {
      await rebuildTiles(db, log, state.durableSize);
      await expectRoot(log, state.durableSize, root);
      rebuiltTiles = true;
    }
  }

  const rewroteCheckpoint = state.checkpoint !== null && stored?.note !== state.checkpoint;
  if (rewroteCheckpoint) {
    await storage.writeDurably([{ path: 'checkpoint', data: new TextEncoder().encode(state.checkpoint!) }]);
  }
  return { adoptedCheckpoint, rebuiltTiles, rewroteCheckpoint };
}

// Every leaf is there exactly once (indexes 0 .. assigned_size - 1), each the leaf of an outbox row;
// an outbox row with neither a leaf nor a place in the queue (a queue row deleted by hand) is queued again.
async function checkNumbering(db: Db, state: LogState): Promise<void> {
  const result = (await db.execute(sql`
    select (select count(*) from ledger_leaves)::bigint as numbered,
      (select coalesce(max(leaf_index), -1) from ledger_leaves) as last,
      (select count(*) from ledger_leaves l where not exists (
        select 1 from ledger_entries e where e.org_id = l.org_id and e.id = l.entry_id))::bigint as rowless`)) as unknown as {
    rows: { numbered: number | string; last: number | string; rowless: number | string }[];
  };
  // node-postgres answers int8 as text through drizzle's execute(); PGlite as a number.
  const [numbered, last, rowless] = [result.rows[0]!.numbered, result.rows[0]!.last, result.rows[0]!.rowless].map(
    Number,
  ) as [number, number, number];
  if (numbered !== state.assignedSize || last !== state.assignedSize - 1 || rowless !== 0) {
    throw new LogIntegrityError(
      `the log numbers ${state.assignedSize} entries but the database holds ${numbered} leaves ` +
        `(last index ${last}, ${rowless} without their outbox row)`,
    );
  }
  await db.execute(sql`
    insert into ledger_pending (id, org_id)
    select e.id, e.org_id from ledger_entries e
    where not exists (select 1 from ledger_leaves l where l.org_id = e.org_id and l.entry_id = e.id)
      and not exists (select 1 from ledger_pending p where p.id = e.id and p.org_id = e.org_id)`);
}

// The checkpoint file, if it is one this log signed; anything else is replaced.
async function storedCheckpoint(
  storage: LogStorage,
  state: LogState,
): Promise<{ note: string; checkpoint: Checkpoint } | undefined> {
  const data = await storage.read('checkpoint');
  if (!data) return undefined;
  const note = new TextDecoder().decode(data);
  try {
    const { checkpoint } = await openCheckpoint(note, [ed25519NoteVerifier(state.verifierKey)], state.origin);
    return { note, checkpoint };
  } catch {
    return undefined;
  }
}

/** True when every tile and entry bundle of the tree of `size` is in storage, with the right length. */
export async function tilesComplete(storage: LogStorage, size: number): Promise<boolean> {
  const expected: { path: string; length?: number }[] = [];
  for (let level = 0; Math.floor(size / 2 ** (TILE_HEIGHT * level)) > 0; level++) {
    const count = Math.ceil(Math.floor(size / 2 ** (TILE_HEIGHT * level)) / TILE_WIDTH);
    for (let n = 0; n < count; n++) {
      const width = tileWidthAt(level, BigInt(n), BigInt(size));
      expected.push({ path: tilePath({ level, index: BigInt(n), width }), length: width * 32 });
      if (level === 0) expected.push({ path: entryBundlePath(BigInt(n), width) });
    }
  }
  for (let i = 0; i < expected.length; i += 256) {
    const lengths = await Promise.all(expected.slice(i, i + 256).map((e) => storage.size(e.path)));
    const bad = lengths.some((length, j) => {
      const want = expected[i + j]!.length;
      return length === undefined || (want === undefined ? length === 0 : length !== want);
    });
    if (bad) return false;
  }
  return true;
}

async function rootMatches(log: LedgerLog, size: number, root: Uint8Array): Promise<boolean> {
  try {
    return bytesEqual(await treeRootFromTiles(log.tiles.readerAt(BigInt(size)), BigInt(size)), root);
  } catch {
    return false;
  }
}

async function expectRoot(log: LedgerLog, size: number, root: Uint8Array): Promise<void> {
  if (!(await rootMatches(log, size, root))) {
    throw new LogIntegrityError(`the database rows do not give the signed root of the tree of ${size}`);
  }
}

/** Rewrites every tile and entry bundle of the tree of `size` from the database rows. */
async function rebuildTiles(db: Db, log: LedgerLog, size: number): Promise<void> {
  log.tiles.forget();
  for (let from = 0; from < size; from += REBUILD_CHUNK) {
    await writeTiles(db, log.tiles, from, Math.min(from + REBUILD_CHUNK, size));
  }
}
