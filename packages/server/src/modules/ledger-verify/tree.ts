// RFC 6962 hashing in bulk with node:crypto (native SHA-256), and a TileReader over recomputed tiles,
// so the library computes roots from what the verifier rebuilt rather than from what the log served.
import { createHash } from 'node:crypto';
import { HASH_SIZE, LedgerError, TILE_HEIGHT, TILE_WIDTH, type TileReader } from '@commonweal/ledger';

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);
/** Bytes in a full tile: 256 hashes. */
export const FULL_TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/** Writes the RFC 6962 leaf hash of each entry into `out`, one 32-byte hash after another. */
export function hashLeavesInto(entries: readonly Uint8Array[], out: Uint8Array): void {
  entries.forEach((entry, i) =>
    out.set(createHash('sha256').update(LEAF_PREFIX).update(entry).digest(), i * HASH_SIZE),
  );
}

/** Root of a perfect subtree given its 2^k hashes (a full tile), hashing level by level. */
export function perfectRoot(hashes: Uint8Array): Uint8Array {
  let level = hashes;
  while (level.length > HASH_SIZE) {
    const next = new Uint8Array(level.length / 2);
    for (let o = 0; o < level.length; o += 2 * HASH_SIZE) {
      next.set(
        createHash('sha256')
          .update(NODE_PREFIX)
          .update(level.subarray(o, o + 2 * HASH_SIZE))
          .digest(),
        o / 2,
      );
    }
    level = next;
  }
  return level;
}

/** Hashes stored at tile level `level` for a tree of `size`: one per perfect subtree of height 8·level. */
export const storedHashCount = (level: number, size: bigint) => Number(size >> BigInt(TILE_HEIGHT * level));

/**
 * Every tile level above 0 of a tree of `size`, given level 1 (the roots of its full level-0 tiles):
 * level k+1 holds the roots of the full tiles of level k.
 */
export function upperLevels(level1: Uint8Array, size: bigint): Uint8Array[] {
  const levels = [new Uint8Array(), level1];
  for (let level = 2; storedHashCount(level, size) > 0; level++) {
    const below = levels[level - 1]!;
    const count = storedHashCount(level, size);
    const hashes = new Uint8Array(count * HASH_SIZE);
    for (let j = 0; j < count; j++) {
      hashes.set(perfectRoot(below.subarray(j * FULL_TILE_BYTES, (j + 1) * FULL_TILE_BYTES)), j * HASH_SIZE);
    }
    levels.push(hashes);
  }
  return levels;
}

/** A TileReader over recomputed hashes: upper levels in full, level 0 only for the tiles kept. */
export function recomputedTileReader(
  level0: ReadonlyMap<bigint, Uint8Array>,
  levels: readonly Uint8Array[],
): TileReader {
  return async ({ level, index, width }) => {
    const data =
      level === 0
        ? level0.get(index)
        : levels[level]?.subarray(Number(index) * FULL_TILE_BYTES, Number(index) * FULL_TILE_BYTES + width * HASH_SIZE);
    if (!data || data.length < width * HASH_SIZE) {
      throw new LedgerError('TILE_MISSING', `tile ${level}/${index} was not recomputed`);
    }
    return data;
  };
}

/** Index of the first 32-byte hash at which `a` and `b` differ, or -1 when they are equal. */
export function firstDifferentHash(a: Uint8Array, b: Uint8Array): number {
  if (Buffer.compare(a, b) === 0) return -1;
  for (let o = 0; o < Math.min(a.length, b.length); o += HASH_SIZE) {
    if (Buffer.compare(a.subarray(o, o + HASH_SIZE), b.subarray(o, o + HASH_SIZE)) !== 0) return o / HASH_SIZE;
  }
  return Math.min(a.length, b.length) / HASH_SIZE;
}
