import { createHash } from 'node:crypto';
import {
  appendLeaves,
  encodeEntryBundle,
  entryBundlePath,
  tilePath,
  TILE_WIDTH,
  tileWidthAt,
} from '@commonweal/ledger';
import { sql } from 'drizzle-orm';
import type { LogFile } from '../../adapters/log-storage.ts';
import type { Db } from '../../db/client.ts';
import type { LogTiles } from './log-tiles.ts';

/** Thrown when the database and the log disagree in a way that no rewrite can repair. Nothing is signed then. */
export class LogIntegrityError extends Error {
  override name = 'LogIntegrityError';
}

/** RFC 6962 leaf hash, with node's native SHA-256 (the hot path of integration). */
export const leafHash = (body: Uint8Array) =>
  new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(body).digest());

/** Canonical bodies of leaves [from, to), in order; every index must be there exactly once. */
export async function leafBodies(db: Db, from: number, to: number): Promise<Uint8Array[]> {
  // Leaf indexes are instance-wide, so this read is not scoped by organization.
  const result = (await db.execute(sql`
    select leaf_index, body from ledger_leaves
    where leaf_index >= ${from} and leaf_index < ${to} order by leaf_index`)) as unknown as {
    rows: { leaf_index: number | string; body: string | null }[];
  };
  const bodies = result.rows.map((r, i) => {
    if (Number(r.leaf_index) !== from + i || r.body === null)
      throw new LogIntegrityError(`leaf ${from + i} has no database row`);
    return Buffer.from(r.body, 'utf8');
  });
  if (bodies.length !== to - from)
    throw new LogIntegrityError(`leaves ${from + bodies.length}..${to} have no database rows`);
  return bodies;
}

/**
 * Bodies of leaves [from, to): those just numbered (`known`, committed) as they are, the rest read from
 * the database. Saves the integrator reading back, every round, the rows it has just written.
 */
async function bodiesOf(
  db: Db,
  from: number,
  to: number,
  known?: { from: number; bodies: readonly string[] },
): Promise<Uint8Array[]> {
  if (!known || known.from < from || known.from + known.bodies.length !== to) return leafBodies(db, from, to);
  const earlier = known.from > from ? await leafBodies(db, from, known.from) : [];
  return [...earlier, ...known.bodies.map((body) => Buffer.from(body, 'utf8'))];
}

/**
 * Step 2 of integration: writes, durably, every tile and entry bundle that grows when leaves
 * [from, to) join a tree of `from` leaves whose tiles are in storage. The bytes depend only on the
 * rows, so writing them again after a crash gives the same files. Returns the paths of the tiles and
 * bundles that became full, whose partial versions may go once a checkpoint covers them. `known`: bodies of
 * the leaves that end at `to`, committed by the caller, which are then not read back.
 */
export async function writeTiles(
  db: Db,
  tiles: LogTiles,
  from: number,
  to: number,
  known?: { from: number; bodies: readonly string[] },
): Promise<string[]> {
  if (to <= from) return [];
  const bundleStart = Math.floor(from / TILE_WIDTH) * TILE_WIDTH;
  const bodies = await bodiesOf(db, bundleStart, to, known);
  const tileWrites = await appendLeaves(
    tiles.readerAt(BigInt(from)),
    BigInt(from),
    bodies.slice(from - bundleStart).map(leafHash),
  );
  const files: LogFile[] = tileWrites.map((w) => ({ path: tilePath(w.tile), data: w.data }));
  for (let start = bundleStart; start < to; start += TILE_WIDTH) {
    const entries = bodies.slice(start - bundleStart, Math.min(start + TILE_WIDTH, to) - bundleStart);
    files.push({ path: entryBundlePath(BigInt(start / TILE_WIDTH), entries.length), data: encodeEntryBundle(entries) });
  }
  await tiles.writeDurably(files);
  const completedTiles = tileWrites
    .filter((w) => w.tile.width === TILE_WIDTH && tileWidthAt(w.tile.level, w.tile.index, BigInt(from)) > 0)
    .map((w) => tilePath(w.tile));
  const firstBundle = bundleStart / TILE_WIDTH;
  const completedBundle =
    from > bundleStart && to >= bundleStart + TILE_WIDTH ? [entryBundlePath(BigInt(firstBundle), TILE_WIDTH)] : [];
  return [...completedTiles, ...completedBundle];
}
