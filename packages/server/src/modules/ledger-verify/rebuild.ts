// Recomputing a tree from its entry bundles and comparing every hash tile the log serves with it.
import {
  decodeEntryBundle,
  entryBundlePath,
  HASH_SIZE,
  TILE_WIDTH,
  tilePath,
  tileWidthAt,
  type TileId,
} from '@commonweal/ledger';
import { VerifyFailure } from './errors.ts';
import { forEachConcurrently, type LogSource } from './source.ts';
import {
  firstDifferentHash,
  FULL_TILE_BYTES,
  hashLeavesInto,
  perfectRoot,
  storedHashCount,
  upperLevels,
} from './tree.ts';

/** A served hash tile that differs from the recomputed one. */
export interface TileMismatch {
  path: string;
  /** Leaf index (level 0) or hash index within the level of the first difference. */
  firstDifference: bigint;
  level: number;
}

export interface RebuiltTree {
  /** Recomputed level-0 tiles that were asked to be kept (the ones a root computation needs). */
  level0: Map<bigint, Uint8Array>;
  /** Recomputed hashes of every tile level above 0 (index 0 unused). */
  levels: Uint8Array[];
  mismatches: TileMismatch[];
  counts: { entryBundles: number; hashTiles: number; entries: number };
}

export interface RebuildOptions {
  size: bigint;
  /** First level-0 tile to fetch; the roots of the full tiles before it come from `level1Prefix`. */
  startTile: bigint;
  level1Prefix: Uint8Array;
  /** Level-0 tiles to keep in the result. */
  keep: readonly bigint[];
  concurrency: number;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const range = function* (from: bigint, to: bigint) {
  for (let i = from; i < to; i++) yield i;
};

/** Fetches `path` or, for a partial tile that is gone, the full tile it grew into (tlog-tiles allows both). */
async function fetchTileBytes(source: LogSource, path: (width: number) => string, width: number) {
  const exact = await source.get(path(width));
  if (exact) return { bytes: exact, path: path(width), full: width === TILE_WIDTH };
  if (width < TILE_WIDTH) {
    const full = await source.get(path(TILE_WIDTH));
    if (full) return { bytes: full, path: path(TILE_WIDTH), full: true };
  }
  throw new VerifyFailure('TILE_MISSING', `The log does not serve ${path(width)}`);
}

async function fetchHashTile(source: LogSource, tile: TileId): Promise<Uint8Array> {
  const got = await fetchTileBytes(source, (width) => tilePath({ ...tile, width }), tile.width);
  const expected = got.full ? FULL_TILE_BYTES : tile.width * HASH_SIZE;
  if (got.bytes.length !== expected) {
    throw new VerifyFailure(
      'HASH_TILE_ALTERED',
      `${got.path} is ${got.bytes.length} bytes long; a tile of ${expected / HASH_SIZE} hashes is ${expected}`,
    );
  }
  return got.bytes.subarray(0, tile.width * HASH_SIZE);
}

async function fetchEntries(source: LogSource, index: bigint, width: number): Promise<Uint8Array[]> {
  const got = await fetchTileBytes(source, (w) => entryBundlePath(index, w), width);
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(got.bytes);
  } catch (error) {
    throw new VerifyFailure(
      'ENTRY_BUNDLE_ALTERED',
      `${got.path} is not a valid entry bundle: ${(error as Error).message}`,
    );
  }
  const expected = got.full ? TILE_WIDTH : width;
  if (entries.length !== expected) {
    throw new VerifyFailure(
      'ENTRY_BUNDLE_ALTERED',
      `${got.path} holds ${entries.length} entries; it should hold ${expected}`,
    );
  }
  return entries.slice(0, width);
}

/** Rebuilds the tree of `size` from entry bundles (from `startTile` on) and checks every hash tile against it. */
export async function rebuildTree(source: LogSource, options: RebuildOptions): Promise<RebuiltTree> {
  const { size, startTile } = options;
  const keep = new Set(options.keep);
  const level0 = new Map<bigint, Uint8Array>();
  const level1 = new Uint8Array(storedHashCount(1, size) * HASH_SIZE);
  level1.set(options.level1Prefix);
  const mismatches: TileMismatch[] = [];
  const counts = { entryBundles: 0, hashTiles: 0, entries: 0 };

  await forEachConcurrently(range(startTile, ceilDiv(size, BigInt(TILE_WIDTH))), options.concurrency, async (index) => {
    const width = tileWidthAt(0, index, size);
    const [entries, served] = await Promise.all([
      fetchEntries(source, index, width),
      fetchHashTile(source, { level: 0, index, width }),
    ]);
    const leaves = new Uint8Array(width * HASH_SIZE);
    hashLeavesInto(entries, leaves);
    const differs = firstDifferentHash(leaves, served);
    if (differs >= 0) {
      mismatches.push({
        path: tilePath({ level: 0, index, width }),
        level: 0,
        firstDifference: index * 256n + BigInt(differs),
      });
    }
    if (width === TILE_WIDTH) level1.set(perfectRoot(leaves), Number(index) * HASH_SIZE);
    if (keep.has(index)) level0.set(index, leaves);
    counts.entryBundles++;
    counts.hashTiles++;
    counts.entries += width;
  });

  const levels = upperLevels(level1, size);
  const upperTiles = levels.slice(1).flatMap((_, i) => {
    const level = i + 1;
    const count = ceilDiv(BigInt(storedHashCount(level, size)), BigInt(TILE_WIDTH));
    return [...range(0n, count)].map((index) => ({ level, index, width: tileWidthAt(level, index, size) }));
  });
  await forEachConcurrently(upperTiles, options.concurrency, async (tile) => {
    const served = await fetchHashTile(source, tile);
    const start = Number(tile.index) * FULL_TILE_BYTES;
    const differs = firstDifferentHash(levels[tile.level]!.subarray(start, start + tile.width * HASH_SIZE), served);
    if (differs >= 0) {
      mismatches.push({
        path: tilePath(tile),
        level: tile.level,
        firstDifference: tile.index * 256n + BigInt(differs),
      });
    }
    counts.hashTiles++;
  });
  mismatches.sort((a, b) => a.level - b.level || (a.firstDifference < b.firstDifference ? -1 : 1));
  return { level0, levels, mismatches, counts };
}
