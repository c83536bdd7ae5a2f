// Subtree proofs over [start, end) of a larger tree, as used by Merkle Tree Certificates
// (draft-ietf-plants-merkle-tree-certs §Subtrees) and C2SP subtree cosignatures. The transparency-dev/merkle
// testdata covers them (subtreeinclusion/, subtreeconsistency/); the verification below is RFC 9162 §2.1.4.2
// generalised to a subtree that does not start at 0.
import { bytesEqual } from './bytes.ts';
import { LedgerError } from './errors.ts';
import { emptyRoot, hashChildren } from './hash.ts';
import { verifyInclusion } from './proof.ts';

const bitLen = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);
const popCount = (x: bigint): number => x.toString(2).split('1').length - 1;
const lsb = (x: bigint): boolean => (x & 1n) === 1n;
const fail = (why: string): LedgerError => new LedgerError('PROOF_INVALID', why);

/** [start, end) is a subtree iff start < end and start is a multiple of the smallest power of two >= end - start. */
export function isValidSubtree(start: bigint, end: bigint): boolean {
  if (start < 0n || start >= end) return false;
  const ceil = 1n << BigInt(bitLen(end - start - 1n));
  return start % ceil === 0n;
}

/** Throws unless `proof` shows `leafHash` at `index` inside the subtree [start, end) whose hash is `subtreeHash`. */
export function verifySubtreeInclusion(
  index: bigint,
  start: bigint,
  end: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
): void {
  if (!isValidSubtree(start, end)) throw fail(`[${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end) throw fail(`index ${index} is outside [${start}, ${end})`);
  verifyInclusion(index - start, end - start, leafHash, proof, subtreeHash);
}

/** Throws unless `proof` shows the subtree [start, end) with `subtreeHash` is part of the tree of `size` with `root`. */
export function verifySubtreeConsistency(
  start: bigint,
  end: bigint,
  size: bigint,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
  root: Uint8Array,
): void {
  if (start === end && start >= 0n) {
    // Quirk of the transparency-dev/merkle vectors (subtreeconsistency/additional/subtree-is-empty-*): an empty
    // subtree is consistent with any tree containing its position, iff its hash is MTH({}) and the proof is
    // empty; the tree root is not looked at.
    if (size < end) throw fail(`size ${size} < end ${end}`);
    if (proof.length > 0 || !bytesEqual(subtreeHash, emptyRoot())) throw fail('bad empty subtree');
    return;
  }
  if (!isValidSubtree(start, end)) throw fail(`[${start}, ${end}) is not a valid subtree`);
  if (size < end) throw fail(`size ${size} < end ${end}`);
  if (start === 0n && end === size) {
    if (proof.length > 0) throw fail('subtree is the whole tree but the proof is not empty');
    if (!bytesEqual(subtreeHash, root)) throw fail('subtree is the whole tree but hashes differ');
    return;
  }
  if (proof.length === 0) throw fail('empty proof');
  const height = bitLen((end - 1n) ^ start); // level of the node that holds the whole subtree
  if (end === size) {
    // The subtree's node is on the right border: the proof is its left siblings, one per set bit above it.
    const index = start >> BigInt(height);
    if (proof.length !== popCount(index)) throw fail('wrong proof size');
    const r = proof.reduce((acc, c) => hashChildren(c, acc), subtreeHash);
    if (!bytesEqual(r, root)) throw fail('proof does not lead to the root');
    return;
  }
  const perfect = ((end - start) & (end - start - 1n)) === 0n;
  const path = perfect ? [subtreeHash, ...proof] : [...proof];
  let fn = end - 1n;
  let sn = size - 1n;
  let level = 0;
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
    level++;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw fail('proof is too long');
    if (lsb(fn) || fn === sn) {
      while (!lsb(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
        level++;
      }
      // Left siblings below the subtree's own level are inside it and rebuild its hash; higher ones are not.
      if (level < height) fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
    level++;
  }
  if (sn !== 0n) throw fail('proof is too short');
  if (!bytesEqual(fr, subtreeHash)) throw fail('proof does not lead to the subtree hash');
  if (!bytesEqual(sr, root)) throw fail('proof does not lead to the root');
}
