// Growing a tiled log and computing roots and proofs from tiles alone (C2SP tlog-tiles §Merkle Tree).
import { concatBytes } from './bytes.ts';
import { LedgerError } from './errors.ts';
import { emptyRoot, HASH_SIZE, hashChildren, subtreeRoot } from './hash.ts';
import { consistencyProofRanges, inclusionProofRanges, type LeafRange } from './proof.ts';
import { TILE_HEIGHT, TILE_WIDTH, tilePath, tileWidthAt, type TileId } from './tiles.ts';

/**
 * Returns the first `tile.width` hashes (width × 32 bytes) of a tile. A reader may answer from a wider
 * version of the same tile (a full tile contains every partial one as a prefix); extra bytes are ignored.
 */
export type TileReader = (tile: TileId) => Promise<Uint8Array>;

export interface TileWrite {
  tile: TileId;
  data: Uint8Array;
}

function splitHashes(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < data.length; o += HASH_SIZE) out.push(data.subarray(o, o + HASH_SIZE));
  return out;
}

async function readExact(read: TileReader, tile: TileId): Promise<Uint8Array> {
  const data = await read(tile);
  if (data.length < tile.width * HASH_SIZE) throw new LedgerError('TILE_MISSING', `${tilePath(tile)} is too short`);
  return data.subarray(0, tile.width * HASH_SIZE);
}

/**
 * Appends `leafHashes` to a tiled tree of `oldSize`, returning every tile to write (new and grown ones).
 * Only the rightmost partial tile of each touched level is read. Write the tiles durably before signing
 * a checkpoint for the new size.
 */
export async function appendLeaves(
  read: TileReader,
  oldSize: bigint,
  leafHashes: readonly Uint8Array[],
): Promise<TileWrite[]> {
  const writes: TileWrite[] = [];
  let level = 0;
  let start = oldSize; // index, at this level, of the first new hash
  let fresh: readonly Uint8Array[] = leafHashes;
  while (fresh.length > 0) {
    const end = start + BigInt(fresh.length);
    const first = start / BigInt(TILE_WIDTH);
    const last = (end - 1n) / BigInt(TILE_WIDTH);
    const completed: Uint8Array[] = [];
    for (let n = first; n <= last; n++) {
      const tileStart = n * BigInt(TILE_WIDTH);
      const keep = Number(start > tileStart ? start - tileStart : 0n);
      const prefix = keep > 0 ? await readExact(read, { level, index: n, width: keep }) : new Uint8Array();
      const from = Number((tileStart > start ? tileStart : start) - start);
      const to = Number((tileStart + BigInt(TILE_WIDTH) < end ? tileStart + BigInt(TILE_WIDTH) : end) - start);
      const data = concatBytes(prefix, ...fresh.slice(from, to));
      const width = data.length / HASH_SIZE;
      writes.push({ tile: { level, index: n, width }, data });
      if (width === TILE_WIDTH) completed.push(subtreeRoot(splitHashes(data)));
    }
    fresh = completed;
    start = first;
    level++;
  }
  return writes;
}

/** Serves reads from freshly computed tiles first, then from `read`. */
export function overlayReader(writes: readonly TileWrite[], read: TileReader): TileReader {
  const byKey = new Map(writes.map((w) => [`${w.tile.level}/${w.tile.index}`, w.data]));
  return async (tile) => {
    const data = byKey.get(`${tile.level}/${tile.index}`);
    return data && data.length >= tile.width * HASH_SIZE ? data : read(tile);
  };
}

/** A TileReader over an in-memory map of tile path -> bytes, falling back to wider versions of a tile. */
export function memoryTileReader(tiles: ReadonlyMap<string, Uint8Array>): TileReader {
  return async (tile) => {
    for (let w = tile.width; w <= TILE_WIDTH; w++) {
      const data = tiles.get(tilePath({ ...tile, width: w }));
      if (data) return data;
    }
    throw new LedgerError('TILE_MISSING', `no tile ${tilePath(tile)}`);
  };
}

interface PerfectNode {
  height: number;
  index: bigint;
}

/** [a, b) as the left-to-right run of aligned perfect subtrees whose right fold is MTH(D[a:b]). */
function perfectNodes([a, b]: LeafRange): PerfectNode[] {
  const out: PerfectNode[] = [];
  let at = a;
  while (at < b) {
    let height = (b - at).toString(2).length - 1;
    while (height > 0 && at % (1n << BigInt(height)) !== 0n) height--;
    out.push({ height, index: at >> BigInt(height) });
    at += 1n << BigInt(height);
  }
  return out;
}

/** MTH of each leaf range of a tree of `size`, read from the tiles of that tree (fetched in parallel, once each). */
export async function rangeHashesFromTiles(
  read: TileReader,
  size: bigint,
  ranges: readonly LeafRange[],
): Promise<Uint8Array[]> {
  const plan = ranges.map((r) =>
    perfectNodes(r).map(({ height, index }) => {
      const level = Math.floor(height / TILE_HEIGHT);
      const span = 1 << (height - level * TILE_HEIGHT); // hashes of this tile level under the node
      const firstStored = index * BigInt(span);
      const tileIndex = firstStored / BigInt(TILE_WIDTH);
      const tile = { level, index: tileIndex, width: tileWidthAt(level, tileIndex, size) };
      const offset = Number(firstStored - tileIndex * BigInt(TILE_WIDTH));
      if (offset + span > tile.width) throw new LedgerError('MALFORMED', 'range is outside the tree');
      return { tile, offset, span };
    }),
  );
  const fetches = new Map<string, Promise<Uint8Array>>();
  for (const nodes of plan) {
    for (const { tile } of nodes) {
      const key = tilePath(tile);
      if (!fetches.has(key)) fetches.set(key, readAtLeast(read, tile));
    }
  }
  const tiles = new Map<string, Uint8Array>();
  await Promise.all([...fetches].map(async ([k, p]) => tiles.set(k, await p)));
  return plan.map((nodes) => {
    const hashes = nodes.map(({ tile, offset, span }) => tileNode(tiles.get(tilePath(tile))!, offset, span));
    return hashes.reduceRight((acc, h) => hashChildren(h, acc));
  });
}

async function readAtLeast(read: TileReader, tile: TileId): Promise<Uint8Array> {
  const data = await read(tile);
  if (data.length < tile.width * HASH_SIZE) throw new LedgerError('TILE_MISSING', `${tilePath(tile)} is too short`);
  return data;
}

// Every complete subtree of a tile's hashes, by height, computed once per tile bytes (a reader that
// caches its tiles makes repeated proofs mere lookups). A wider version of a tile has the same nodes
// over the same hashes, so the tree of whatever bytes the reader returned serves any narrower width.
const tileTrees = new WeakMap<Uint8Array, Uint8Array[]>();

function tileTree(data: Uint8Array): Uint8Array[] {
  const known = tileTrees.get(data);
  if (known) return known;
  const levels = [data.slice(0, data.length - (data.length % HASH_SIZE))];
  for (let h = 1; h <= TILE_HEIGHT; h++) {
    const below = levels[h - 1]!;
    const count = Math.floor(below.length / HASH_SIZE / 2);
    const level = new Uint8Array(count * HASH_SIZE);
    for (let i = 0; i < count; i++) {
      const left = below.subarray(2 * i * HASH_SIZE, (2 * i + 1) * HASH_SIZE);
      const right = below.subarray((2 * i + 1) * HASH_SIZE, (2 * i + 2) * HASH_SIZE);
      level.set(hashChildren(left, right), i * HASH_SIZE);
    }
    levels.push(level);
  }
  tileTrees.set(data, levels);
  return levels;
}

/** Hash of the perfect subtree over `span` (a power of two) stored hashes from `offset` of a tile. */
function tileNode(data: Uint8Array, offset: number, span: number): Uint8Array {
  const height = Math.log2(span);
  const at = (offset / span) * HASH_SIZE;
  return tileTree(data)[height]!.subarray(at, at + HASH_SIZE);
}

/** Root hash of the tree of `size` from its tiles. */
export async function treeRootFromTiles(read: TileReader, size: bigint): Promise<Uint8Array> {
  if (size === 0n) return emptyRoot();
  const [root] = await rangeHashesFromTiles(read, size, [[0n, size]]);
  return root!;
}

/** Inclusion proof of leaf `index` in the tree of `size`, from tiles alone. */
export async function inclusionProofFromTiles(read: TileReader, index: bigint, size: bigint): Promise<Uint8Array[]> {
  return rangeHashesFromTiles(read, size, inclusionProofRanges(index, size));
}

/** Consistency proof from `oldSize` to `newSize`, from the tiles of the newer tree alone. */
export async function consistencyProofFromTiles(
  read: TileReader,
  oldSize: bigint,
  newSize: bigint,
): Promise<Uint8Array[]> {
  return rangeHashesFromTiles(read, newSize, consistencyProofRanges(oldSize, newSize));
}

/** Leaf hash at `index` read from the level-0 tile of a tree of `size`. */
export async function leafHashFromTiles(read: TileReader, index: bigint, size: bigint): Promise<Uint8Array> {
  const [h] = await rangeHashesFromTiles(read, size, [[index, index + 1n]]);
  return h!;
}
