// Inclusion and consistency proofs: generation per RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF),
// verification per the RFC 9162 §2.1.3.2 and §2.1.4.2 algorithms.
import { bytesEqual } from './bytes.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, hashChildren, splitPoint, subtreeRoot } from './hash.ts';

/** A leaf range [start, end); every proof element is MTH of one such range. */
export type LeafRange = readonly [start: bigint, end: bigint];

/** The ranges whose MTH form the inclusion proof of `index` in a tree of `size`, bottom-up. */
export function inclusionProofRanges(index: bigint, size: bigint): LeafRange[] {
  if (index < 0n || index >= size) throw new LedgerError('MALFORMED', `index ${index} out of range for size ${size}`);
  const out: LeafRange[] = [];
  const walk = (m: bigint, lo: bigint, hi: bigint): void => {
    if (hi - lo === 1n) return;
    const k = splitPoint(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      walk(m - k, lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  walk(index, 0n, size);
  return out;
}

/**
 * The ranges whose MTH form the consistency proof from `oldSize` to `newSize`.
 * Empty when the sizes are equal or `oldSize` is 0 (RFC 9162 leaves 0 undefined; tlog-witness wants an empty proof).
 */
export function consistencyProofRanges(oldSize: bigint, newSize: bigint): LeafRange[] {
  if (oldSize < 0n || oldSize > newSize) throw new LedgerError('MALFORMED', `bad sizes ${oldSize} -> ${newSize}`);
  if (oldSize === 0n || oldSize === newSize) return [];
  const out: LeafRange[] = [];
  const walk = (m: bigint, lo: bigint, hi: bigint, complete: boolean): void => {
    if (m === hi - lo) {
      if (!complete) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      walk(m, lo, lo + k, complete);
      out.push([lo + k, hi]);
    } else {
      walk(m - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  walk(oldSize, 0n, newSize, true);
  return out;
}

function rangeHashes(leafHashes: readonly Uint8Array[], ranges: LeafRange[]): Uint8Array[] {
  return ranges.map(([a, b]) => subtreeRoot(leafHashes, Number(a), Number(b)));
}

/** Inclusion proof for leaf `index` in the tree made of the first `size` of `leafHashes`. */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: bigint,
  size = BigInt(leafHashes.length),
): Uint8Array[] {
  if (size > BigInt(leafHashes.length)) throw new LedgerError('MALFORMED', 'size exceeds the known leaves');
  return rangeHashes(leafHashes, inclusionProofRanges(index, size));
}

/** Consistency proof between the trees of the first `oldSize` and `newSize` leaf hashes. */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: bigint, newSize: bigint): Uint8Array[] {
  if (newSize > BigInt(leafHashes.length)) throw new LedgerError('MALFORMED', 'size exceeds the known leaves');
  return rangeHashes(leafHashes, consistencyProofRanges(oldSize, newSize));
}

function requireHashes(proof: readonly Uint8Array[], what: string): void {
  for (const h of proof) {
    if (h.length !== HASH_SIZE)
      throw new LedgerError('MALFORMED', `${what} element is ${h.length} bytes, want ${HASH_SIZE}`);
  }
}

const lsb = (x: bigint): boolean => (x & 1n) === 1n;

/** RFC 9162 §2.1.3.2: the root implied by `leafHash` at `index` and its audit path. Throws if the path has the wrong shape. */
export function rootFromInclusionProof(
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  if (index < 0n || index >= size) throw new LedgerError('PROOF_INVALID', `index ${index} is beyond size ${size}`);
  if (leafHash.length !== HASH_SIZE) throw new LedgerError('MALFORMED', `leaf hash is ${leafHash.length} bytes`);
  requireHashes(proof, 'inclusion proof');
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) throw new LedgerError('PROOF_INVALID', 'inclusion proof is too long');
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new LedgerError('PROOF_INVALID', 'inclusion proof is too short');
  return r;
}

/** Throws LedgerError unless `proof` shows `leafHash` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!bytesEqual(computed, root)) throw new LedgerError('PROOF_INVALID', 'inclusion proof does not lead to the root');
}

/**
 * Throws LedgerError unless `proof` shows the tree (`oldSize`, `oldRoot`) is a prefix of (`newSize`, `newRoot`).
 *
 * Edge cases follow transparency-dev/merkle (the source of the test vectors), not the RFC's silence:
 * - oldSize 0 is always rejected ("consistency proof from empty tree is meaningless"); the tlog-witness
 *   protocol handles old size 0 itself, before calling this.
 * - equal sizes need an empty proof and byte-identical roots, with no length check on the roots
 *   (vector consistency/additional/sizes-are-equal-one-and-proof-is-empty.json uses 12-byte roots).
 */
export function verifyConsistency(
  oldSize: bigint,
  newSize: bigint,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): void {
  if (oldSize > newSize) throw new LedgerError('PROOF_INVALID', `old size ${oldSize} > new size ${newSize}`);
  if (oldSize <= 0n) throw new LedgerError('PROOF_INVALID', 'consistency proof from the empty tree is meaningless');
  if (oldSize === newSize) {
    if (proof.length > 0) throw new LedgerError('PROOF_INVALID', 'sizes are equal but the proof is not empty');
    if (!bytesEqual(oldRoot, newRoot)) throw new LedgerError('PROOF_INVALID', 'sizes are equal but roots differ');
    return;
  }
  // RFC 9162 §2.1.4.2 step 1.
  if (proof.length === 0) throw new LedgerError('PROOF_INVALID', 'consistency proof is empty');
  requireHashes(proof, 'consistency proof');
  // Step 2: when oldSize is a power of two the proof omits the old root, which the verifier already knows.
  const path = (oldSize & (oldSize - 1n)) === 0n ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1n;
  let sn = newSize - 1n;
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new LedgerError('PROOF_INVALID', 'consistency proof is too long');
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new LedgerError('PROOF_INVALID', 'consistency proof is too short');
  if (!bytesEqual(fr, oldRoot))
    throw new LedgerError('PROOF_INVALID', 'consistency proof does not lead to the old root');
  if (!bytesEqual(sr, newRoot))
    throw new LedgerError('PROOF_INVALID', 'consistency proof does not lead to the new root');
}
