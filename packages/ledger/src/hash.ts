// RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle Tree Hash with SHA-256 and domain-separation prefixes.
import { sha256 } from '#sha256';

/** Every tree hash is a SHA-256 digest. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** MTH({}) = SHA-256() */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/** MTH({d}) = SHA-256(0x00 || d) */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

/** Interior node: SHA-256(0x01 || left || right). Inputs are not length-checked (RFC 6962 test vectors rely on this). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** k = the largest power of two strictly smaller than n (n >= 2), the RFC 9162 split point. */
export function splitPoint(n: bigint): bigint {
  return 1n << BigInt((n - 1n).toString(2).length - 1);
}

/** MTH(D[start:end]) over leaf hashes held in memory (RFC 9162 §2.1.1 recursion). */
export function subtreeRoot(leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Uint8Array {
  if (start < 0 || end > leafHashes.length || start > end) throw new RangeError(`bad range [${start}, ${end})`);
  if (start === end) return emptyRoot();
  if (end - start === 1) return leafHashes[start]!;
  const k = Number(splitPoint(BigInt(end - start)));
  return hashChildren(subtreeRoot(leafHashes, start, start + k), subtreeRoot(leafHashes, start + k, end));
}

/** Root hash of the tree whose leaves hash to `leafHashes`. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}
