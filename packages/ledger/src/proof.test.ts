import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexEncode } from './bytes.ts';
import { hashLeaf, merkleRoot } from './hash.ts';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proof.ts';
import { hex, jsonFilesUnder, loadJsonFixture, loadMerkleProbe } from './testing/vectors.ts';

const passes = (f: () => void): boolean => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

describe('transparency-dev/merkle testdata', () => {
  const inclusion = jsonFilesUnder('inclusion').map(loadMerkleProbe);
  const consistency = jsonFilesUnder('consistency').map(loadMerkleProbe);

  it('has every probe file (README: 6+92 inclusion, 6+92 consistency)', () => {
    expect(inclusion.filter((p) => !p.wantErr)).toHaveLength(6);
    expect(inclusion.filter((p) => p.wantErr)).toHaveLength(92);
    expect(consistency.filter((p) => !p.wantErr)).toHaveLength(6);
    expect(consistency.filter((p) => p.wantErr)).toHaveLength(92);
  });

  it.each(inclusion.map((p) => [p.file, p] as const))('inclusion %s', (_file, p) => {
    const ok = passes(() =>
      verifyInclusion(p.ints.leafIdx!, p.ints.treeSize!, p.bytes.leafHash!, p.proof, p.bytes.root!),
    );
    expect(ok, p.desc).toBe(!p.wantErr);
  });

  it.each(consistency.map((p) => [p.file, p] as const))('consistency %s', (_file, p) => {
    const ok = passes(() => verifyConsistency(p.ints.size1!, p.ints.size2!, p.proof, p.bytes.root1!, p.bytes.root2!));
    expect(ok, p.desc).toBe(!p.wantErr);
  });
});

interface ProofVectors {
  leafInputs: string[];
  rootHashes_by_treeSize: Record<string, string>;
  inclusion: Array<{ leafIndex: number; treeSize: number; leafHash: string; proof: string[] }>;
  consistency: Array<{ size1: number; size2: number; proof: string[] }>;
}

describe.each([
  ['rfc6962_vectors.json', 5, 5],
  ['derived_all_proofs_n_le_8.json', 36, 36],
] as const)('%s', (file, inclusionCount, consistencyCount) => {
  const v = loadJsonFixture<ProofVectors>(file);
  const leaves = v.leafInputs.map((l) => hashLeaf(hex(l)));
  const root = (n: number): Uint8Array => hex(v.rootHashes_by_treeSize[String(n)]!);

  it('has the expected number of proofs', () => {
    expect(v.inclusion).toHaveLength(inclusionCount);
    expect(v.consistency).toHaveLength(consistencyCount);
  });

  it('generates and verifies every inclusion proof', () => {
    for (const t of v.inclusion) {
      const idx = BigInt(t.leafIndex);
      const size = BigInt(t.treeSize);
      expect(inclusionProof(leaves, idx, size).map(hexEncode)).toEqual(t.proof);
      expect(hexEncode(leaves[t.leafIndex]!)).toBe(t.leafHash);
      verifyInclusion(idx, size, hex(t.leafHash), t.proof.map(hex), root(t.treeSize));
    }
  });

  it('generates and verifies every consistency proof', () => {
    for (const t of v.consistency) {
      const [m, n] = [BigInt(t.size1), BigInt(t.size2)];
      expect(consistencyProof(leaves, m, n).map(hexEncode)).toEqual(t.proof);
      verifyConsistency(m, n, t.proof.map(hex), root(t.size1), root(t.size2));
    }
  });
});

describe('round trips on random trees', () => {
  const leavesOf = (n: number): Uint8Array[] =>
    Array.from({ length: n }, (_, i) => hashLeaf(new TextEncoder().encode(`entry ${i}`)));
  const flip = (proof: Uint8Array[], at: number, bit: number): Uint8Array[] =>
    proof.map((h, i) => (i === at ? h.map((b, j) => (j === bit >> 3 ? b ^ (1 << (bit & 7)) : b)) : h));

  it('every inclusion proof verifies and every mutation fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat(), (n, i0, bit) => {
        const leaves = leavesOf(n);
        const i = i0 % n;
        const root = merkleRoot(leaves);
        const proof = inclusionProof(leaves, BigInt(i), BigInt(n));
        verifyInclusion(BigInt(i), BigInt(n), leaves[i]!, proof, root);
        if (proof.length > 0) {
          const bad = flip(proof, bit % proof.length, bit % 256);
          expect(passes(() => verifyInclusion(BigInt(i), BigInt(n), leaves[i]!, bad, root))).toBe(false);
          expect(passes(() => verifyInclusion(BigInt(i), BigInt(n), leaves[i]!, proof.slice(1), root))).toBe(false);
        }
        expect(passes(() => verifyInclusion(BigInt(i), BigInt(n), leaves[i]!, [...proof, root], root))).toBe(false);
        if (n > 1)
          expect(passes(() => verifyInclusion(BigInt((i + 1) % n), BigInt(n), leaves[i]!, proof, root))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('every consistency proof verifies and every mutation fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat(), (n, m0, bit) => {
        const leaves = leavesOf(n);
        const m = 1 + (m0 % n);
        const [r1, r2] = [merkleRoot(leaves.slice(0, m)), merkleRoot(leaves)];
        const proof = consistencyProof(leaves, BigInt(m), BigInt(n));
        verifyConsistency(BigInt(m), BigInt(n), proof, r1, r2);
        if (proof.length > 0) {
          const bad = flip(proof, bit % proof.length, bit % 256);
          expect(passes(() => verifyConsistency(BigInt(m), BigInt(n), bad, r1, r2))).toBe(false);
          expect(passes(() => verifyConsistency(BigInt(m), BigInt(n), proof.slice(0, -1), r1, r2))).toBe(false);
          expect(passes(() => verifyConsistency(BigInt(m), BigInt(n), proof, r2, r1))).toBe(false);
        }
        // A forked tree: same size, one different leaf below m.
        const forked = [...leaves];
        forked[bit % m] = hashLeaf(new Uint8Array([1, 2, 3]));
        expect(passes(() => verifyConsistency(BigInt(m), BigInt(n), proof, r1, merkleRoot(forked)))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
